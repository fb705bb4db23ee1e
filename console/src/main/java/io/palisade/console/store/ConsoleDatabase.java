package io.palisade.console.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The console's database: a SQLite file under the data directory by default, PostgreSQL when a JDBC URL is given.
 * Opening it for the console runs the Flyway migrations (through Flyway's Java API) before anything else touches it;
 * {@link #openReadOnly} opens it for a reader beside a running console ({@code palisade audit-log verify}) and never
 * writes.
 *
 * <p>Durability: the embedded file runs in WAL mode with {@code synchronous=FULL}, so a commit is fsynced before it
 * returns and survives {@code kill -9} and power loss. (H2 2.5, the earlier default, wrote commits without an fsync
 * and lost committed transactions after {@code kill -9}: see docs/console.md, "Durability".)
 *
 * <pre>{@code
 * try (ConsoleDatabase db = ConsoleDatabase.open(dataDir, Optional.empty())) {
 *   long n = db.transaction(c -> ...);
 * }
 * }</pre>
 */
public final class ConsoleDatabase implements AutoCloseable {
  /** The embedded database's file name under the data directory. */
  public static final String SQLITE_FILE = "console.db";

  /** The file an earlier Palisade's embedded H2 database used, refused with a message saying what to do. */
  public static final String OLD_H2_FILE = "console.mv.db";

  private static final int BUSY_TIMEOUT_MS = 10_000;

  private final HikariDataSource dataSource;
  private final Vendor vendor;
  private final String url;
  private final ThreadLocal<List<Runnable>> afterCommit = ThreadLocal.withInitial(ArrayList::new);

  /** The databases the console supports. */
  public enum Vendor {
    /** Embedded SQLite (the default). */
    SQLITE("sqlite"),
    /** PostgreSQL (production). */
    POSTGRESQL("postgresql");

    private final String migrationFolder;

    Vendor(String migrationFolder) {
      this.migrationFolder = migrationFolder;
    }

    /**
     * @param jdbcUrl a JDBC URL
     * @return the vendor it names
     * @throws IllegalArgumentException for any other database
     */
    public static Vendor of(String jdbcUrl) {
      if (jdbcUrl.startsWith("jdbc:sqlite:")) {
        return SQLITE;
      }
      if (jdbcUrl.startsWith("jdbc:postgresql:")) {
        return POSTGRESQL;
      }
      if (jdbcUrl.startsWith("jdbc:h2:")) {
        throw new IllegalArgumentException("the console no longer runs on H2 (it lost committed transactions after"
            + " kill -9); use the embedded SQLite database (no --jdbc-url) or PostgreSQL: see docs/console.md,"
            + " \"Moving from H2\"");
      }
      throw new IllegalArgumentException(
          "the console supports PostgreSQL (jdbc:postgresql://...) and its embedded SQLite file, was: "
              + redact(jdbcUrl));
    }

    /** @return the SQL that locks the rows a SELECT reads until the transaction ends ("" where the whole
     *     transaction already holds the database's write lock) */
    public String forUpdate() {
      // SQLite transactions begin IMMEDIATE here: each holds the single write lock from its first statement.
      return this == POSTGRESQL ? " FOR UPDATE" : "";
    }
  }

  private ConsoleDatabase(HikariDataSource dataSource, Vendor vendor, String url) {
    this.dataSource = dataSource;
    this.vendor = vendor;
    this.url = url;
  }

  /**
   * The JDBC URL of the embedded database under a data directory.
   *
   * @param dataDirectory the console's data directory
   * @return a SQLite file URL
   */
  public static String sqliteUrl(Path dataDirectory) {
    return "jdbc:sqlite:" + dataDirectory.toAbsolutePath().resolve(SQLITE_FILE);
  }

  /**
   * Opens (and migrates) the console database.
   *
   * @param dataDirectory the console's data directory (created, owner-only, if missing)
   * @param jdbcUrl a JDBC URL, or empty for the embedded SQLite file
   * @return the open database
   * @throws DatabaseUnavailableException when it cannot be reached or fails to migrate, or when the data directory
   *     still holds an earlier Palisade's H2 database
   */
  public static ConsoleDatabase open(Path dataDirectory, Optional<String> jdbcUrl) {
    String url = jdbcUrl.filter(u -> !u.isBlank()).orElse(null);
    if (url == null) {
      PrivateFiles.createDirectory(dataDirectory);
      refuseOldH2(dataDirectory);
      PrivateFiles.createEmpty(dataDirectory.resolve(SQLITE_FILE));
      url = sqliteUrl(dataDirectory);
    }
    return open(url);
  }

  /**
   * Opens (and migrates) the database at a JDBC URL.
   *
   * @param jdbcUrl a SQLite or PostgreSQL JDBC URL (credentials as URL parameters or in the PostgreSQL
   *     driver's own properties)
   * @return the open database
   * @throws DatabaseUnavailableException when it cannot be reached or fails to migrate
   */
  public static ConsoleDatabase open(String jdbcUrl) {
    Vendor vendor = Vendor.of(jdbcUrl);
    HikariDataSource ds = pool(jdbcUrl, vendor, false);
    try {
      migrate(ds, vendor);
    } catch (RuntimeException e) {
      ds.close();
      throw new DatabaseUnavailableException("cannot migrate the console database " + redact(jdbcUrl) + ": "
          + rootMessage(e), e);
    }
    return new ConsoleDatabase(ds, vendor, jdbcUrl);
  }

  /**
   * Opens a console's database to read it beside the running console: no migration, no write. A SQLite reader sees
   * the last committed state (WAL readers never block the writer); {@link #snapshot} reads one consistent state.
   *
   * @param jdbcUrl a SQLite or PostgreSQL JDBC URL
   * @return the open database, read-only
   * @throws DatabaseUnavailableException when it cannot be reached or holds no console database
   */
  public static ConsoleDatabase openReadOnly(String jdbcUrl) {
    Vendor vendor = Vendor.of(jdbcUrl);
    HikariDataSource ds = pool(jdbcUrl, vendor, true);
    ConsoleDatabase db = new ConsoleDatabase(ds, vendor, jdbcUrl);
    try {
      db.snapshot(c -> {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM audit_head WHERE id = 1");
            ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      });
    } catch (DatabaseUnavailableException e) {
      db.close();
      throw new DatabaseUnavailableException("no console database at " + redact(jdbcUrl) + " ("
          + rootMessage(e) + ")", e);
    }
    return db;
  }

  private static HikariDataSource pool(String jdbcUrl, Vendor vendor, boolean readOnly) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName(readOnly ? "palisade-console-reader" : "palisade-console");
    if (vendor == Vendor.SQLITE) {
      // WAL: readers (a verifier in another process) never block the writer. synchronous=FULL: the WAL is fsynced
      // at every commit, so a commit that returned survives kill -9 and power loss. IMMEDIATE: a transaction takes
      // the write lock at BEGIN, so two writers queue (busy_timeout) instead of failing at their first write.
      config.addDataSourceProperty("journal_mode", "WAL");
      config.addDataSourceProperty("synchronous", "FULL");
      config.addDataSourceProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));
      config.addDataSourceProperty("foreign_keys", "true");
      config.addDataSourceProperty("transaction_mode", readOnly ? "DEFERRED" : "IMMEDIATE");
      if (readOnly) {
        config.addDataSourceProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
      }
      config.setMaximumPoolSize(4);
    } else {
      config.setMaximumPoolSize(8);
    }
    config.setReadOnly(readOnly);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(BUSY_TIMEOUT_MS);
    config.setValidationTimeout(5_000);
    // A PostgreSQL server may still be starting.
    config.setInitializationFailTimeout(vendor == Vendor.SQLITE ? 1 : 10_000);
    config.setAutoCommit(true);
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new DatabaseUnavailableException(explain(jdbcUrl, e), e);
    }
  }

  private static void refuseOldH2(Path dataDirectory) {
    Path old = dataDirectory.resolve(OLD_H2_FILE);
    if (Files.exists(old) && !Files.exists(dataDirectory.resolve(SQLITE_FILE))) {
      throw new DatabaseUnavailableException(dataDirectory + " holds an H2 console database (" + OLD_H2_FILE
          + ") from an earlier Palisade, which could lose committed entries after a crash. This Palisade keeps the"
          + " console in SQLite (" + SQLITE_FILE + "). Keep the old file as your audit record: move it aside ("
          + "mv " + old + " " + old + ".old), start the console to enroll the operators again, and verify the old log"
          + " with the earlier Palisade if needed. See docs/console.md, \"Moving from H2\".", null);
    }
  }

  private static MigrateResult migrate(DataSource ds, Vendor vendor) {
    return Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor.migrationFolder)
        .cleanDisabled(true)
        .validateMigrationNaming(true)
        .load()
        .migrate();
  }

  private static String explain(String jdbcUrl, RuntimeException e) {
    return "cannot open the console database " + redact(jdbcUrl) + ": " + rootMessage(e);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }

  /**
   * A JDBC URL without its password, for messages and logs.
   *
   * @param jdbcUrl a JDBC URL
   * @return the URL with any password parameter masked
   */
  public static String redact(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  /** The pooled data source (for libraries that need one, such as Spring's WebAuthn repositories). */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Which database this is. */
  public Vendor vendor() {
    return vendor;
  }

  /** The JDBC URL with the password masked. */
  public String describe() {
    return redact(url);
  }

  /**
   * Runs work in one transaction: committed when it returns, rolled back when it throws. Actions registered with
   * {@link #afterCommit} run once the commit has returned (and are dropped on rollback).
   *
   * @param work the work
   * @param <T> its result
   * @return the result
   * @throws DatabaseUnavailableException on a database error (the transaction is rolled back)
   */
  public <T> T transaction(SqlWork<T> work) {
    List<Runnable> hooks = afterCommit.get();
    int outer = hooks.size();
    T result;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        result = work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        dropHooks(hooks, outer);
        if (e instanceof SQLException s) {
          throw new DatabaseUnavailableException("database error: " + s.getMessage(), s);
        }
        throw (RuntimeException) e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      dropHooks(hooks, outer);
      throw new DatabaseUnavailableException("database error: " + e.getMessage(), e);
    }
    List<Runnable> mine = new ArrayList<>(hooks.subList(outer, hooks.size()));
    dropHooks(hooks, outer);
    mine.forEach(Runnable::run);
    return result;
  }

  /**
   * Runs an action once the current thread's transaction has committed (the audit log's head file is written this
   * way: never ahead of the database).
   *
   * @param action what to run
   */
  public void afterCommit(Runnable action) {
    afterCommit.get().add(action);
  }

  private static void dropHooks(List<Runnable> hooks, int from) {
    hooks.subList(from, hooks.size()).clear();
  }

  /**
   * Reads one consistent state of the database: a single read-only transaction (PostgreSQL REPEATABLE READ, a
   * SQLite read transaction), so rows committed meanwhile by a running console are not half seen.
   *
   * @param work the reads
   * @param <T> their result
   * @return the result
   * @throws DatabaseUnavailableException on a database error
   */
  public <T> T snapshot(SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      if (vendor == Vendor.POSTGRESQL) {
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      }
      c.setAutoCommit(false);
      try {
        return work.run(c);
      } finally {
        rollbackQuietly(c, null);
        c.setAutoCommit(true);
        if (vendor == Vendor.POSTGRESQL) {
          c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
      }
    } catch (SQLException e) {
      throw new DatabaseUnavailableException("database error: " + e.getMessage(), e);
    }
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      if (cause != null) {
        cause.addSuppressed(e);
      }
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  /**
   * Work done with a connection inside a transaction.
   *
   * @param <T> its result
   */
  @FunctionalInterface
  public interface SqlWork<T> {
    /**
     * @param connection the transaction's connection (do not commit or close it)
     * @return the result
     * @throws SQLException on a database error
     */
    T run(Connection connection) throws SQLException;
  }
}
