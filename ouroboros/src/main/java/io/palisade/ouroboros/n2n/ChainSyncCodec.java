package io.palisade.ouroboros.n2n;

import io.palisade.cbor.CborException;
import io.palisade.cbor.CborReader;
import io.palisade.cbor.CborWriter;
import io.palisade.ouroboros.CborMessages;
import io.palisade.ouroboros.ChainTip;
import io.palisade.ouroboros.Point;
import io.palisade.ouroboros.PointCodec;
import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.n2n.ChainSyncMessage.AwaitReply;
import io.palisade.ouroboros.n2n.ChainSyncMessage.Done;
import io.palisade.ouroboros.n2n.ChainSyncMessage.FindIntersect;
import io.palisade.ouroboros.n2n.ChainSyncMessage.IntersectFound;
import io.palisade.ouroboros.n2n.ChainSyncMessage.IntersectNotFound;
import io.palisade.ouroboros.n2n.ChainSyncMessage.RequestNext;
import io.palisade.ouroboros.n2n.ChainSyncMessage.RollBackward;
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
      PointCodec.write(w, m.point());
      PointCodec.write(w, m.tip());
    } else if (message instanceof FindIntersect m) {
      w.array(2).uint(4).array(m.points().size());
      m.points().forEach(p -> PointCodec.write(w, p));
    } else if (message instanceof IntersectFound m) {
      w.array(3).uint(5);
      PointCodec.write(w, m.point());
      PointCodec.write(w, m.tip());
    } else if (message instanceof IntersectNotFound m) {
      w.array(2).uint(6);
      PointCodec.write(w, m.tip());
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
    return CborMessages.decode(cbor, "chain-sync message", ChainSyncCodec::read);
  }

  private static ChainSyncMessage read(CborReader r) throws CborException, ProtocolException {
    int size = r.readArrayHeader();
    long tag = r.readUint();
    ChainSyncMessage m;
    if (tag == 0 || tag == 1 || tag == 7) {
      expectSize(size, 1, tag);
      m = tag == 0 ? new RequestNext() : tag == 1 ? new AwaitReply() : new Done();
    } else if (tag == 3 || tag == 5) {
      expectSize(size, 3, tag);
      Point p = PointCodec.readPoint(r);
      ChainTip t = PointCodec.readTip(r);
      m = tag == 3 ? new RollBackward(p, t) : new IntersectFound(p, t);
    } else if (tag == 4) {
      expectSize(size, 2, tag);
      int n = r.readArrayHeader();
      if (n > MAX_POINTS) {
        throw new ProtocolException("MsgFindIntersect with " + n + " points; the limit is " + MAX_POINTS);
      }
      List<Point> points = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        points.add(PointCodec.readPoint(r));
      }
      m = new FindIntersect(points);
    } else if (tag == 6) {
      expectSize(size, 2, tag);
      m = new IntersectNotFound(PointCodec.readTip(r));
    } else if (tag == 2) {
      throw new ProtocolException("chain-sync MsgRollForward (headers) is not read by this client");
    } else {
      throw new ProtocolException("unknown chain-sync message tag " + tag);
    }
    return m;
  }

  private static void expectSize(int size, int expected, long tag) throws ProtocolException {
    if (size != expected) {
      throw new ProtocolException("chain-sync message " + tag + " must be an array of " + expected
          + ", was an array of " + size);
    }
  }
}
