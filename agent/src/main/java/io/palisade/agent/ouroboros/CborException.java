package io.palisade.agent.ouroboros;

/** Bytes that are not the CBOR expected: wrong type, over a limit, or cut short ({@link #incomplete()}). */
public final class CborException extends ProtocolException {
  private static final long serialVersionUID = 1L;

  private final boolean incomplete;

  private CborException(String message, boolean incomplete) {
    super(message);
    this.incomplete = incomplete;
  }

  /** The bytes are wrong: more bytes would not help. */
  static CborException malformed(String message) {
    return new CborException(message, false);
  }

  /** The bytes so far are a valid prefix; the item needs more of them. */
  static CborException truncated(int position) {
    return new CborException("CBOR item is cut short at byte " + position, true);
  }

  /** Whether more bytes could complete the item (the reader should wait for the next frame). */
  public boolean incomplete() {
    return incomplete;
  }
}
