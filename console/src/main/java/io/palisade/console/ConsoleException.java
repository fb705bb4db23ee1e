package io.palisade.console;

/** The console's one unchecked exception family: a refusal or a failure with a message for the operator. */
public class ConsoleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what happened
   */
  public ConsoleException(String message) {
    super(message);
  }

  /**
   * @param message what happened
   * @param cause the underlying error
   */
  public ConsoleException(String message, Throwable cause) {
    super(message, cause);
  }
}
