package io.palisade.cli.console;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.console.store.ConsoleDatabase;
import io.palisade.console.store.DatabaseUnavailableException;
import java.nio.file.Files;

/** Opens the database of a console for the audit-log commands, with the errors an operator can act on. */
final class AuditLogs {
  private AuditLogs() {}

  static ConsoleDatabase open(ConsoleDataOptions data) {
    if (data.jdbcUrl().isEmpty()
        && !Files.exists(data.dataDir().resolve(ConsoleDatabase.H2_FILE + ".mv.db"))) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "no console database in " + data.dataDir()
          + " (pass --data-dir of the console, or --jdbc-url for PostgreSQL)");
    }
    try {
      return data.jdbcUrl().map(ConsoleDatabase::open)
          .orElseGet(() -> ConsoleDatabase.open(ConsoleDatabase.h2Url(data.dataDir())));
    } catch (DatabaseUnavailableException e) {
      throw new ExitException(ExitCodes.UNAVAILABLE, e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
    }
  }
}
