package io.palisade.console.store;

import io.palisade.console.ConsoleException;

/** The console database could not be opened, migrated, read or written. */
public class DatabaseUnavailableException extends ConsoleException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed
   * @param cause the database's error
   */
  public DatabaseUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
