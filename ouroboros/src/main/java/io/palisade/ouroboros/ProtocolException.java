package io.palisade.ouroboros;

/**
 * The peer sent bytes that break the Ouroboros protocol: malformed CBOR, a message not allowed in the current state,
 * a frame for the wrong mini-protocol, a message over its size limit. The connection cannot continue and is closed.
 */
public class ProtocolException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was expected and what was seen
   */
  public ProtocolException(String message) {
    super(message);
  }

  /**
   * @param message what was expected and what was seen
   * @param cause the underlying error
   */
  public ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
