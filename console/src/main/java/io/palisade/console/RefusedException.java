package io.palisade.console;

/** A guard rail refused the request (a third operator, a replayed code, a locked account); nothing was changed. */
public class RefusedException extends ConsoleException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message why, for the operator
   */
  public RefusedException(String message) {
    super(message);
  }
}
