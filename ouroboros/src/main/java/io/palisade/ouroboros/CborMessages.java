package io.palisade.ouroboros;

import io.palisade.cbor.CborException;
import io.palisade.cbor.CborReader;

/**
 * Decodes one whole mini-protocol message: the body reads it, trailing bytes are refused, and a CBOR error becomes a
 * {@link ProtocolException} that names the message. Every codec of this module decodes through here, so a peer's
 * bad bytes always end the same way.
 *
 * <pre>{@code
 * return CborMessages.decode(cbor, "keep-alive message", r -> { ... });
 * }</pre>
 */
public final class CborMessages {
  private CborMessages() {}

  /**
   * Reads one message.
   *
   * @param <T> what the body returns
   */
  @FunctionalInterface
  public interface Body<T> {
    /**
     * Reads the message from {@code r}.
     *
     * @param r positioned at the first byte
     * @return the message
     * @throws CborException if the bytes are not the CBOR expected
     * @throws ProtocolException if a value breaks the protocol
     */
    T read(CborReader r) throws CborException, ProtocolException;
  }

  /**
   * Decodes exactly one message from {@code cbor}.
   *
   * @param cbor the message bytes
   * @param what the message's name for errors, e.g. "handshake message"
   * @param body reads it
   * @param <T> the decoded type
   * @return the decoded message
   * @throws ProtocolException naming the message and what is wrong
   */
  public static <T> T decode(byte[] cbor, String what, Body<T> body) throws ProtocolException {
    CborReader r = new CborReader(cbor);
    T value;
    try {
      value = body.read(r);
    } catch (CborException e) {
      throw new ProtocolException(what + ": " + e.getMessage(), e);
    }
    if (!r.atEnd()) {
      throw new ProtocolException(what + " has " + (cbor.length - r.position()) + " trailing bytes");
    }
    return value;
  }
}
