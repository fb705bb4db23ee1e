package io.palisade.ouroboros.n2c;

import io.palisade.cbor.CborException;
import io.palisade.cbor.CborReader;
import io.palisade.cbor.CborWriter;
import io.palisade.ouroboros.CborMessages;
import io.palisade.ouroboros.Point;
import io.palisade.ouroboros.PointCodec;
import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Acquire;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.AcquireFailure;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Acquired;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.AtPoint;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.AtTip;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Done;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Failure;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Query;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.ReAcquire;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Release;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Result;
import io.palisade.ouroboros.n2c.LocalStateQueryMessage.Target;

/**
 * CBOR codec of the local-state-query messages, per {@code local-state-query.cddl}: the envelope only; the query and
 * result inside are kept as raw CBOR items.
 */
public final class LocalStateQueryCodec {
  private LocalStateQueryCodec() {}

  /** Encodes a message. */
  public static byte[] encode(LocalStateQueryMessage message) {
    CborWriter w = new CborWriter();
    if (message instanceof Acquire a) {
      target(w, a.target(), 0, 8, 10);
    } else if (message instanceof Acquired) {
      w.array(1).uint(1);
    } else if (message instanceof Failure f) {
      w.array(2).uint(2).uint(f.reason().ordinal());
    } else if (message instanceof Query q) {
      w.array(2).uint(3).raw(q.query());
    } else if (message instanceof Result r) {
      w.array(2).uint(4).raw(r.result());
    } else if (message instanceof Release) {
      w.array(1).uint(5);
    } else if (message instanceof ReAcquire a) {
      target(w, a.target(), 6, 9, 11);
    } else {
      w.array(1).uint(7);
    }
    return w.toByteArray();
  }

  /**
   * Decodes exactly one message.
   *
   * @param cbor the message bytes
   * @return the message
   * @throws ProtocolException naming what is wrong
   */
  public static LocalStateQueryMessage decode(byte[] cbor) throws ProtocolException {
    return CborMessages.decode(cbor, "local-state-query message", LocalStateQueryCodec::read);
  }

  private static void target(CborWriter w, Target target, int pointTag, int volatileTag, int immutableTag) {
    if (target instanceof AtPoint p) {
      w.array(2).uint(pointTag);
      PointCodec.write(w, p.point());
    } else {
      w.array(1).uint(target == AtTip.VOLATILE ? volatileTag : immutableTag);
    }
  }

  private static LocalStateQueryMessage read(CborReader r) throws CborException, ProtocolException {
    int size = r.readArrayHeader();
    long tag = r.readUint();
    return switch ((int) Math.min(tag, Integer.MAX_VALUE)) {
      case 0 -> new Acquire(atPoint(r, size, "MsgAcquire"));
      case 8 -> new Acquire(tip(size, AtTip.VOLATILE, "MsgAcquire (volatile tip)"));
      case 10 -> new Acquire(tip(size, AtTip.IMMUTABLE, "MsgAcquire (immutable tip)"));
      case 1 -> expect(size, 1, "MsgAcquired", new Acquired());
      case 2 -> {
        expect(size, 2, "MsgFailure", null);
        int reason = (int) r.readUint(0, 1, "acquire failure");
        yield new Failure(AcquireFailure.values()[reason]);
      }
      case 3 -> {
        expect(size, 2, "MsgQuery", null);
        yield new Query(r.readRaw());
      }
      case 4 -> {
        expect(size, 2, "MsgResult", null);
        yield new Result(r.readRaw());
      }
      case 5 -> expect(size, 1, "MsgRelease", new Release());
      case 6 -> new ReAcquire(atPoint(r, size, "MsgReAcquire"));
      case 9 -> new ReAcquire(tip(size, AtTip.VOLATILE, "MsgReAcquire (volatile tip)"));
      case 11 -> new ReAcquire(tip(size, AtTip.IMMUTABLE, "MsgReAcquire (immutable tip)"));
      case 7 -> expect(size, 1, "MsgDone", new Done());
      default -> throw new ProtocolException("unknown local-state-query message tag " + tag);
    };
  }

  private static Target atPoint(CborReader r, int size, String what) throws CborException, ProtocolException {
    expect(size, 2, what, null);
    Point p = PointCodec.readPoint(r);
    return new AtPoint(p);
  }

  private static Target tip(int size, AtTip tip, String what) throws ProtocolException {
    return expect(size, 1, what, tip);
  }

  private static <T> T expect(int size, int expected, String what, T value) throws ProtocolException {
    if (size != expected) {
      throw new ProtocolException(what + " must be an array of " + expected + ", was an array of " + size);
    }
    return value;
  }
}
