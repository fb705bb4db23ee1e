package io.palisade.cli.console;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.console.ConsoleException;
import io.palisade.console.audit.AuditCheckpoint;
import io.palisade.console.audit.AuditHeadFile;
import io.palisade.console.audit.AuditKey;
import io.palisade.console.audit.AuditVerification;
import io.palisade.console.audit.AuditVerifier;
import io.palisade.console.store.ConsoleDatabase;
import io.palisade.console.store.DatabaseUnavailableException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;

/**
 * Reads the audit log of a console for the audit-log commands, read-only and beside a running console: nothing is
 * migrated or written, a SQLite reader never blocks the console's writer, and one snapshot is verified. Errors are the
 * ones an operator can act on.
 */
final class AuditLogs {
  private AuditLogs() {}

  /**
   * Verifies the log, against the head file in the data directory when there is one.
   *
   * @param data where the console keeps its state
   * @param checkpoint a checkpoint exported earlier
   * @return the verdict
   */
  static AuditVerification verify(ConsoleDataOptions data, Optional<AuditCheckpoint> checkpoint) {
    // The head file first: it is written after each commit, so the snapshot read next is never behind it unless the
    // database really lost entries.
    Optional<AuditCheckpoint> recorded = headFile(data);
    Optional<AuditKey> key = key(data);
    try (ConsoleDatabase db = open(data)) {
      return new AuditVerifier(db, key).verify(checkpoint, recorded);
    } catch (DatabaseUnavailableException e) {
      throw new ExitException(ExitCodes.UNAVAILABLE, e.getMessage(), e);
    }
  }

  /**
   * The console's witness key, when the data directory is readable here: then every entry's MAC is checked; without
   * it (a verifier on another host) the chain, the times and the presence of MACs are.
   */
  static Optional<AuditKey> key(ConsoleDataOptions data) {
    if (data.jdbcUrl().isPresent() && !data.dataDirGiven()) {
      return Optional.empty();
    }
    try {
      return AuditKey.read(data.dataDir());
    } catch (ConsoleException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
    }
  }

  private static Optional<AuditCheckpoint> headFile(ConsoleDataOptions data) {
    if (data.jdbcUrl().isPresent() && !data.dataDirGiven()) {
      return Optional.empty();
    }
    try {
      return AuditHeadFile.in(data.dataDir(), Clock.systemUTC()).read();
    } catch (ConsoleException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
    }
  }

  static ConsoleDatabase open(ConsoleDataOptions data) {
    if (data.jdbcUrl().isEmpty() && !Files.exists(data.dataDir().resolve(ConsoleDatabase.SQLITE_FILE))) {
      String old = Files.exists(data.dataDir().resolve(ConsoleDatabase.OLD_H2_FILE))
          ? " (it holds an H2 database of an earlier Palisade: see docs/console.md, \"Moving from H2\")" : "";
      throw new ExitException(ExitCodes.INVALID_INPUT, "no console database in " + data.dataDir() + old
          + " (pass --data-dir of the console, or --jdbc-url for PostgreSQL)");
    }
    try {
      return ConsoleDatabase.openReadOnly(data.jdbcUrl().orElseGet(() -> ConsoleDatabase.sqliteUrl(data.dataDir())));
    } catch (DatabaseUnavailableException e) {
      throw new ExitException(ExitCodes.UNAVAILABLE, e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
    }
  }
}
