package io.palisade.cli;

/** Ends a command with an exit code and a one-line message for the operator. */
public class ExitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;

  /**
   * @param code one of {@link ExitCodes}
   * @param message what happened and, where possible, what to do
   */
  public ExitException(int code, String message) {
    super(message);
    this.code = code;
  }

  /**
   * @param code one of {@link ExitCodes}
   * @param message what happened
   * @param cause the underlying error, shown with --verbose
   */
  public ExitException(int code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The exit code. */
  public int code() {
    return code;
  }
}
