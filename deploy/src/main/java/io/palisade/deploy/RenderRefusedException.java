package io.palisade.deploy;

/**
 * Rendering refused: the spec asks for something Palisade will not deploy (an image not pinned by digest or from
 * another registry, a node version no official configuration supports, Kubernetes without Palisade's image). Nothing
 * was written. The message says what was expected and what was seen.
 */
public final class RenderRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what was refused and why */
  public RenderRefusedException(String message) {
    super(message);
  }

  /**
   * @param message what was refused and why
   * @param cause the underlying failure
   */
  public RenderRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
