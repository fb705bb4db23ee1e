package io.palisade.console.audit;

import io.palisade.console.ConsoleException;
import io.palisade.console.store.ConsoleDatabase;
import io.palisade.console.store.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Optional;

/**
 * The audit log's latest head (sequence number and hash), also kept outside the database: a file beside it
 * ({@code audit.head}, owner-only), rewritten atomically and fsynced after every committed append. It is never ahead
 * of a committed entry, so a database that is behind it (an engine that lost committed transactions, a restored
 * backup, a role that removed rows and rewrote the head row) is caught at start and by {@code audit-log verify}.
 */
public final class AuditHeadFile {
  /** The file's name in the console's data directory. */
  public static final String FILE = "audit.head";

  private static final int MAX_BYTES = 4096;

  private final Path file;
  private final Clock clock;
  private long written = -1;

  private AuditHeadFile(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /**
   * @param dataDirectory the console's data directory
   * @param clock stamps each write (for the reader's information only)
   * @return the head file there
   */
  public static AuditHeadFile in(Path dataDirectory, Clock clock) {
    return new AuditHeadFile(dataDirectory.resolve(FILE), clock);
  }

  /** @return where it is */
  public Path path() {
    return file;
  }

  /**
   * Records a committed entry as the head, unless a later one was recorded already (appends of two threads may
   * finish out of order; the file never moves back).
   *
   * @param seq the committed entry's number
   * @param hash its hash
   * @throws AuditWriteException when the file cannot be written
   */
  public synchronized void advance(long seq, String hash) {
    if (seq <= written) {
      return;
    }
    try {
      PrivateFiles.replace(file, (new AuditCheckpoint(seq, hash, clock.instant()).toJson() + "\n")
          .getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AuditWriteException("the audit entry #" + seq + " is committed but its head file could not be"
          + " written: " + e.getMessage(), e);
    }
    written = seq;
  }

  /**
   * @return the recorded head, or empty when the file does not exist (a new console, or one from before the file)
   * @throws ConsoleException when the file exists but is not a head file
   */
  public Optional<AuditCheckpoint> read() {
    try {
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new ConsoleException(file + " is not a regular file");
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        bytes = in.readNBytes(MAX_BYTES + 1);
      }
      if (bytes.length > MAX_BYTES) {
        throw new ConsoleException(file + " is not an audit head file (more than " + MAX_BYTES + " bytes)");
      }
      return Optional.of(AuditCheckpoint.parse(new String(bytes, StandardCharsets.UTF_8).strip()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ConsoleException("cannot read the audit head file " + file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ConsoleException(file + " is not an audit head file: " + e.getMessage(), e);
    }
  }

  /**
   * Checks the database against the recorded head before the console starts.
   *
   * @param db the console database
   * @return the recorded head it contains, or empty when there is no file yet
   * @throws RolledBackException when the database is behind the recorded head or holds another entry under its
   *     number
   */
  public Optional<AuditCheckpoint> check(ConsoleDatabase db) {
    Optional<AuditCheckpoint> recorded = read();
    if (recorded.isEmpty()) {
      return recorded;
    }
    AuditCheckpoint head = recorded.get();
    Optional<String> problem = db.snapshot(c -> {
      AuditHead dbHead = AuditLog.readHead(c);
      if (dbHead.seq() < head.seq()) {
        return Optional.of("the database's audit log ends at entry #" + dbHead.seq() + " but entry #" + head.seq()
            + " was committed and recorded in " + file + ": the database was rolled back (a crash the engine did"
            + " not survive, a restored backup, or rows removed)");
      }
      if (head.seq() == 0) {
        return Optional.empty();
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM audit_event WHERE seq = ?")) {
        ps.setLong(1, head.seq());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.of("entry #" + head.seq() + ", recorded in " + file + ", is missing from the database");
          }
          if (!rs.getString(1).equals(head.hash())) {
            return Optional.of("entry #" + head.seq() + " in the database is not the entry recorded in " + file
                + " (hash " + rs.getString(1) + ", recorded " + head.hash() + "): the log was rewritten");
          }
        }
      }
      return Optional.empty();
    });
    if (problem.isPresent()) {
      throw new RolledBackException(problem.get());
    }
    synchronized (this) {
      written = Math.max(written, head.seq());
    }
    return recorded;
  }

  /** Makes an existing head file owner-only (a file an earlier version wrote with the umask). */
  public void narrow() {
    try {
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        PrivateFiles.ownerOnly(file);
      }
    } catch (IOException e) {
      throw new ConsoleException("cannot make " + file + " owner-only: " + e.getMessage(), e);
    }
  }

  /** The database is behind (or differs from) the head recorded beside it: the console refuses to start. */
  public static final class RolledBackException extends ConsoleException {
    private static final long serialVersionUID = 1L;

    RolledBackException(String message) {
      super("REFUSING TO START: " + message + ". Nothing was changed. Restore the database that holds the recorded"
          + " head, or, knowing that acknowledged entries are lost, move " + FILE + " aside to accept the older state"
          + " (that, too, is a decision the other operator should see).");
    }
  }
}
