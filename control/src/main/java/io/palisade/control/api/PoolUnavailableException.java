package io.palisade.control.api;

/** No control plane answers for the pool (none runs, or it is stopping). */
public final class PoolUnavailableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message why, for people
   * @param cause the underlying error, or null
   */
  public PoolUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
