package io.palisade.console.audit;

import io.palisade.console.ConsoleException;

/** An audit entry could not be written: whatever it was meant to record must not happen. */
public class AuditWriteException extends ConsoleException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what could not be recorded
   * @param cause the database's error
   */
  public AuditWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
