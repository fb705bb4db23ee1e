package io.palisade.agent.ouroboros;

import io.palisade.agent.ouroboros.ChainSyncMessage.AwaitReply;
import io.palisade.agent.ouroboros.ChainSyncMessage.Done;
import io.palisade.agent.ouroboros.ChainSyncMessage.FindIntersect;
import io.palisade.agent.ouroboros.ChainSyncMessage.IntersectFound;
import io.palisade.agent.ouroboros.ChainSyncMessage.IntersectNotFound;
import io.palisade.agent.ouroboros.ChainSyncMessage.RequestNext;
import io.palisade.agent.ouroboros.ChainSyncMessage.RollBackward;
import java.util.ArrayList;
import java.util.List;

/**
 * CBOR codec of the chain-sync messages in {@link ChainSyncMessage}, with Cardano's node-to-node encodings of
 * {@code base.point} ({@code []} or {@code [slot, hash]}) and {@code base.tip} ({@code [point, blockNo]}).
 */
public final class ChainSyncCodec {
  /** Most points accepted in one MsgFindIntersect (cardano-node's clients send a few dozen at most). */
  public static final int MAX_POINTS = 256;

  private ChainSyncCodec() {}

  /** Encodes a chain-sync message. */
  public static byte[] encode(ChainSyncMessage message) {
    CborWriter w = new CborWriter();
    if (message instanceof RequestNext) {
      w.array(1).uint(0);
    } else if (message instanceof AwaitReply) {
      w.array(1).uint(1);
    } else if (message instanceof RollBackward m) {
      w.array(3).uint(3);
      point(w, m.point());
      tip(w, m.tip());
    } else if (message instanceof FindIntersect m) {
      w.array(2).uint(4).array(m.points().size());
      m.points().forEach(p -> point(w, p));
    } else if (message instanceof IntersectFound m) {
      w.array(3).uint(5);
      point(w, m.point());
      tip(w, m.tip());
    } else if (message instanceof IntersectNotFound m) {
      w.array(2).uint(6);
      tip(w, m.tip());
    } else {
      w.array(1).uint(7);
    }
    return w.toByteArray();
  }

  /**
   * Decodes exactly one chain-sync message.
   *
   * @param cbor the message bytes
   * @return the message
   * @throws ProtocolException naming what is wrong and where; also for MsgRollForward, which this code does not read
   */
  public static ChainSyncMessage decode(byte[] cbor) throws ProtocolException {
    CborReader r = new CborReader(cbor);
    int size = r.readArrayHeader();
    long tag = r.readUint();
    ChainSyncMessage m;
    if (tag == 0 || tag == 1 || tag == 7) {
      expectSize(size, 1, tag);
      m = tag == 0 ? new RequestNext() : tag == 1 ? new AwaitReply() : new Done();
    } else if (tag == 3 || tag == 5) {
      expectSize(size, 3, tag);
      Point p = readPoint(r);
      ChainTip t = readTip(r);
      m = tag == 3 ? new RollBackward(p, t) : new IntersectFound(p, t);
    } else if (tag == 4) {
      expectSize(size, 2, tag);
      int n = r.readArrayHeader();
      if (n > MAX_POINTS) {
        throw new ProtocolException("MsgFindIntersect with " + n + " points; the limit is " + MAX_POINTS);
      }
      List<Point> points = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        points.add(readPoint(r));
      }
      m = new FindIntersect(points);
    } else if (tag == 6) {
      expectSize(size, 2, tag);
      m = new IntersectNotFound(readTip(r));
    } else if (tag == 2) {
      throw new ProtocolException("chain-sync MsgRollForward (headers) is not read by this client");
    } else {
      throw new ProtocolException("unknown chain-sync message tag " + tag);
    }
    if (!r.atEnd()) {
      throw new ProtocolException("chain-sync message has " + (cbor.length - r.position()) + " trailing bytes");
    }
    return m;
  }

  private static void point(CborWriter w, Point p) {
    if (p instanceof Point.BlockPoint b) {
      w.array(2).uint(b.slot()).bytes(b.hashBytes());
    } else {
      w.array(0);
    }
  }

  private static void tip(CborWriter w, ChainTip t) {
    w.array(2);
    point(w, t.point());
    w.uint(t.blockNo());
  }

  private static Point readPoint(CborReader r) throws ProtocolException {
    int at = r.position();
    int n = r.readArrayHeader();
    if (n == 0) {
      return Point.ORIGIN;
    }
    if (n != 2) {
      throw new ProtocolException("a point must be [] or [slot, hash], was an array of " + n + " (byte " + at + ")");
    }
    long slot = r.readUint();
    byte[] hash = r.readBytes(Point.BlockPoint.MAX_HASH_BYTES);
    if (hash.length == 0) {
      throw new ProtocolException("a point's hash is empty (byte " + at + ")");
    }
    return new Point.BlockPoint(slot, java.util.HexFormat.of().formatHex(hash));
  }

  private static ChainTip readTip(CborReader r) throws ProtocolException {
    int at = r.position();
    r.readArrayHeader(2, "a tip");
    Point p = readPoint(r);
    long blockNo = r.readUint();
    try {
      return new ChainTip(p, blockNo);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("bad tip at byte " + at + ": " + e.getMessage());
    }
  }

  private static void expectSize(int size, int expected, long tag) throws ProtocolException {
    if (size != expected) {
      throw new ProtocolException("chain-sync message " + tag + " must be an array of " + expected
          + ", was an array of " + size);
    }
  }
}
