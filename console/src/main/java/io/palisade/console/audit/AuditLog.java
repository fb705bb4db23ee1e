package io.palisade.console.audit;

import io.palisade.console.store.ConsoleDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hash-chained audit log. Every append locks the single head row, so entries are numbered without gaps and each
 * carries the previous entry's hash, whichever connection or process writes it. An append either commits with the
 * caller's transaction or throws {@link AuditWriteException}: callers write the entry <em>before</em> the effect, so
 * an effect never happens without its entry (fail closed).
 */
public final class AuditLog {
  /** Longest detail stored; longer text is cut with a marker (the shell recorder splits its chunks below this). */
  public static final int MAX_DETAIL = 16_000;

  /** The columns every read selects, in {@link #read}'s order. */
  static final String COLUMNS = "seq, at_ms, actor, kind, subject, detail, prev_hash, hash, mac";

  private static final int MAX_SUBJECT = 255;
  private static final int MAX_WORD = 64;

  private final ConsoleDatabase db;
  private final Clock clock;
  private final Optional<AuditHeadFile> headFile;
  private final Optional<AuditKey> key;
  // Appends from this JVM queue here rather than on the database row lock.
  private final ReentrantLock lock = new ReentrantLock();

  /**
   * @param db the console database
   * @param clock the console's clock
   */
  public AuditLog(ConsoleDatabase db, Clock clock) {
    this(db, clock, Optional.empty());
  }

  /**
   * @param db the console database
   * @param clock the console's clock
   * @param headFile where every committed head is also recorded, outside the database (the console always has one;
   *     tests of the log alone may not)
   */
  public AuditLog(ConsoleDatabase db, Clock clock, Optional<AuditHeadFile> headFile) {
    this(db, clock, headFile, Optional.empty());
  }

  /**
   * @param db the console database
   * @param clock the console's clock
   * @param headFile where every committed head is also recorded, outside the database
   * @param key the witness key: each entry carries its MAC (the console always has one)
   */
  public AuditLog(ConsoleDatabase db, Clock clock, Optional<AuditHeadFile> headFile, Optional<AuditKey> key) {
    this.db = db;
    this.clock = clock;
    this.headFile = headFile;
    this.key = key;
  }

  /**
   * Appends one entry in its own transaction.
   *
   * @param record what to record
   * @return the entry as written
   * @throws AuditWriteException when it could not be written
   */
  public AuditEntry append(AuditRecord record) {
    lock.lock();
    try {
      return db.transaction(c -> appendLocked(c, record));
    } catch (AuditWriteException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new AuditWriteException("cannot write the audit entry " + record.kind() + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Appends one entry inside the caller's transaction: the entry and the caller's change commit or roll back
   * together.
   *
   * @param c the caller's connection, in a transaction
   * @param record what to record
   * @return the entry as it will be once committed
   * @throws AuditWriteException when it could not be written (the caller's transaction must roll back)
   */
  public AuditEntry append(Connection c, AuditRecord record) {
    lock.lock();
    try {
      return appendLocked(c, record);
    } catch (SQLException e) {
      throw new AuditWriteException("cannot write the audit entry " + record.kind() + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private AuditEntry appendLocked(Connection c, AuditRecord record) throws SQLException {
    AuditHead head = lockHead(c);
    long seq = head.seq() + 1;
    // Times never go backwards in the log (the verifier checks it): a clock stepped back by a little writes the
    // previous entry's time; a real jump is the clock guard's business.
    long at = Math.max(clock.millis(), lastAt(c, head.seq()));
    String actor = clean(record.actor(), MAX_WORD);
    String kind = clean(record.kind(), MAX_WORD);
    String subject = clean(record.subject(), MAX_SUBJECT);
    String detail = clean(record.detail(), MAX_DETAIL);
    String hash = AuditHash.of(seq, at, actor, kind, subject, detail, head.hash());
    String mac = key.map(k -> k.mac(AuditKey.ENTRY, hash)).orElse(null);
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO audit_event (seq, at_ms, actor, kind, subject, detail, prev_hash, hash, mac)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, seq);
      ps.setLong(2, at);
      ps.setString(3, actor);
      ps.setString(4, kind);
      ps.setString(5, subject);
      ps.setString(6, detail);
      ps.setString(7, head.hash());
      ps.setString(8, hash);
      ps.setString(9, mac);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1 AND seq = ?")) {
      ps.setLong(1, seq);
      ps.setString(2, hash);
      ps.setLong(3, head.seq());
      if (ps.executeUpdate() != 1) {
        throw new SQLException("the audit head moved during an append");
      }
    }
    headFile.ifPresent(f -> db.afterCommit(() -> f.advance(seq, hash)));
    return new AuditEntry(seq, Instant.ofEpochMilli(at), actor, kind, subject, detail, head.hash(), hash, mac);
  }

  private static long lastAt(Connection c, long seq) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT at_ms FROM audit_event WHERE seq = ?")) {
      ps.setLong(1, seq);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : Long.MIN_VALUE;
      }
    }
  }

  private AuditHead lockHead(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1" + db.vendor().forUpdate());
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("the audit head row is missing");
      }
      return new AuditHead(rs.getLong(1), rs.getString(2));
    }
  }

  /**
   * Makes text storable and unambiguous: NUL (which PostgreSQL refuses) becomes U+FFFD, and overlong text is cut with
   * a marker saying how much was cut.
   */
  static String clean(String s, int max) {
    String t = s.indexOf('\0') >= 0 ? s.replace('\0', '\uFFFD') : s;
    if (t.length() <= max) {
      return t;
    }
    String marker = "...[cut " + (t.length() - max) + " chars]";
    return t.substring(0, max - marker.length()) + marker;
  }

  /**
   * @return the current head (sequence number and hash of the last entry)
   */
  public AuditHead head() {
    return db.snapshot(AuditLog::readHead);
  }

  /**
   * @param c a connection
   * @return the head row
   * @throws SQLException on a database error, or when the row is missing
   */
  public static AuditHead readHead(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("the audit head row is missing");
      }
      return new AuditHead(rs.getLong(1), rs.getString(2));
    }
  }

  /**
   * @param limit how many
   * @return the newest entries, newest first
   */
  public List<AuditEntry> recent(int limit) {
    return db.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM audit_event ORDER BY seq DESC")) {
        ps.setMaxRows(limit);
        return readAll(ps);
      }
    });
  }

  /**
   * @param kind an entry kind
   * @param subject a subject
   * @return the entries of that kind about that subject, oldest first
   */
  public List<AuditEntry> find(String kind, String subject) {
    return db.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM audit_event"
              + " WHERE kind = ? AND subject = ? ORDER BY seq")) {
        ps.setString(1, kind);
        ps.setString(2, subject);
        return readAll(ps);
      }
    });
  }

  static List<AuditEntry> readAll(PreparedStatement ps) throws SQLException {
    List<AuditEntry> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(read(rs));
      }
    }
    return out;
  }

  static AuditEntry read(ResultSet rs) throws SQLException {
    return new AuditEntry(
        rs.getLong(1),
        Instant.ofEpochMilli(rs.getLong(2)),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9));
  }
}
