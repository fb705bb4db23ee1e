package io.palisade.ouroboros.n2n;

import io.palisade.cbor.CborException;
import io.palisade.cbor.CborReader;
import io.palisade.cbor.CborWriter;
import io.palisade.ouroboros.CborMessages;
import io.palisade.ouroboros.ProtocolException;
import java.util.OptionalInt;

/**
 * The keep-alive mini-protocol ({@code keep-alive.cddl}): {@code [0, cookie]} asks, {@code [1, cookie]} answers,
 * {@code [2]} ends. Cookies are word16.
 */
public final class KeepAliveCodec {
  private KeepAliveCodec() {}

  /** {@code MsgKeepAlive}. */
  public static byte[] keepAlive(int cookie) {
    return new CborWriter().array(2).uint(0).uint(requireWord16(cookie)).toByteArray();
  }

  /** {@code MsgKeepAliveResponse}. */
  public static byte[] response(int cookie) {
    return new CborWriter().array(2).uint(1).uint(requireWord16(cookie)).toByteArray();
  }

  /**
   * Decodes a keep-alive request.
   *
   * @param cbor the message
   * @return the cookie, or empty for {@code MsgDone}
   * @throws ProtocolException for anything else
   */
  public static OptionalInt decodeRequest(byte[] cbor) throws ProtocolException {
    return CborMessages.decode(cbor, "keep-alive message", KeepAliveCodec::readRequest);
  }

  private static OptionalInt readRequest(CborReader r) throws CborException, ProtocolException {
    int size = r.readArrayHeader();
    long tag = r.readUint();
    OptionalInt result;
    if (tag == 0 && size == 2) {
      result = OptionalInt.of((int) r.readUint(0, 0xffff, "keep-alive cookie"));
    } else if (tag == 2 && size == 1) {
      result = OptionalInt.empty();
    } else {
      throw new ProtocolException("expected MsgKeepAlive or MsgDone, got keep-alive message " + tag + " of size "
          + size);
    }
    return result;
  }

  private static int requireWord16(int cookie) {
    if (cookie < 0 || cookie > 0xffff) {
      throw new IllegalArgumentException("cookie must fit 16 bits, was: " + cookie);
    }
    return cookie;
  }
}
