package io.palisade.cbor;

/**
 * Bytes that are not the CBOR expected: wrong type, over a limit, not well formed, or cut short
 * ({@link #incomplete()}). Checked, because every caller reads outside input and must decide what a bad item means
 * for it (a protocol error for Ouroboros, an invalid key file for keys).
 */
public final class CborException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean incomplete;

  private CborException(String message, boolean incomplete) {
    super(message);
    this.incomplete = incomplete;
  }

  /**
   * The bytes are wrong: more bytes would not help.
   *
   * @param message what was expected and what was seen, with the byte offset
   * @return the exception
   */
  public static CborException malformed(String message) {
    return new CborException(message, false);
  }

  /**
   * The bytes so far are a valid prefix; the item needs more of them.
   *
   * @param position the offset where the bytes ran out
   * @return the exception
   */
  public static CborException truncated(int position) {
    return new CborException("CBOR item is cut short at byte " + position, true);
  }

  /**
   * The bytes so far are a valid prefix; {@code message} says of what.
   *
   * @param message what was being read and how far the bytes went
   * @return the exception
   */
  public static CborException truncated(String message) {
    return new CborException(message, true);
  }

  /** Whether more bytes could complete the item (a stream reader should wait for the next frame). */
  public boolean incomplete() {
    return incomplete;
  }
}
