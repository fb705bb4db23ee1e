package io.palisade.console.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The console's database: an H2 file under the data directory by default, PostgreSQL when a JDBC URL is given.
 * Opening it runs the Flyway migrations (through Flyway's Java API) before anything else touches it.
 *
 * <pre>{@code
 * try (ConsoleDatabase db = ConsoleDatabase.open(dataDir, Optional.empty())) {
 *   long n = db.transaction(c -> ...);
 * }
 * }</pre>
 */
public final class ConsoleDatabase implements AutoCloseable {
  /** The file name (without H2's {@code .mv.db}) of the embedded database under the data directory. */
  public static final String H2_FILE = "console";

  private final HikariDataSource dataSource;
  private final Vendor vendor;
  private final String url;

  /** The databases the console supports. */
  public enum Vendor {
    /** Embedded H2 (the default). */
    H2("h2"),
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
      if (jdbcUrl.startsWith("jdbc:h2:")) {
        return H2;
      }
      if (jdbcUrl.startsWith("jdbc:postgresql:")) {
        return POSTGRESQL;
      }
      throw new IllegalArgumentException(
          "the console supports H2 (jdbc:h2:...) and PostgreSQL (jdbc:postgresql://...), was: " + redact(jdbcUrl));
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
   * @return an H2 file URL
   */
  public static String h2Url(Path dataDirectory) {
    // retry: H2's plain file channel closes the whole database when any thread is interrupted during I/O (a request
    // thread at shutdown, say); this file system reopens and retries instead. WRITE_DELAY=0: a commit reaches the
    // file before the statement returns, so a kill -9 right after an audited action cannot lose its entry.
    // FILE_LOCK=FS: the OS lock dies with the process.
    return "jdbc:h2:retry:" + dataDirectory.toAbsolutePath().resolve(H2_FILE) + ";WRITE_DELAY=0;FILE_LOCK=FS;LOCK_TIMEOUT=10000";
  }

  /**
   * Opens (and migrates) the console database.
   *
   * @param dataDirectory the console's data directory (created, owner-only, if missing)
   * @param jdbcUrl a JDBC URL, or empty for the embedded H2 file
   * @return the open database
   * @throws DatabaseUnavailableException when it cannot be reached, is locked by a running console, or fails to
   *     migrate
   */
  public static ConsoleDatabase open(Path dataDirectory, Optional<String> jdbcUrl) {
    String url = jdbcUrl.filter(u -> !u.isBlank()).orElse(null);
    if (url == null) {
      createPrivateDirectory(dataDirectory);
      url = h2Url(dataDirectory);
    }
    return open(url);
  }

  /**
   * Opens (and migrates) the database at a JDBC URL.
   *
   * @param jdbcUrl an H2 or PostgreSQL JDBC URL (credentials as URL parameters)
   * @return the open database
   * @throws DatabaseUnavailableException when it cannot be reached or fails to migrate
   */
  public static ConsoleDatabase open(String jdbcUrl) {
    Vendor vendor = Vendor.of(jdbcUrl);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (vendor == Vendor.H2) {
      config.setUsername("palisade");
      config.setPassword("");
    }
    config.setPoolName("palisade-console");
    config.setMaximumPoolSize(8);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(10_000);
    config.setValidationTimeout(5_000);
    // A locked H2 file stays locked (a console holds it); a PostgreSQL server may still be starting.
    config.setInitializationFailTimeout(vendor == Vendor.H2 ? 1 : 10_000);
    config.setAutoCommit(true);
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new DatabaseUnavailableException(explain(jdbcUrl, e), e);
    }
    try {
      migrate(ds, vendor);
    } catch (RuntimeException e) {
      ds.close();
      throw new DatabaseUnavailableException("cannot migrate the console database " + redact(jdbcUrl) + ": "
          + rootMessage(e), e);
    }
    return new ConsoleDatabase(ds, vendor, jdbcUrl);
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

  private static void createPrivateDirectory(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        try {
          Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
          // Not a POSIX file system: the directory keeps the platform's default permissions.
        }
      }
    } catch (IOException e) {
      throw new DatabaseUnavailableException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static String explain(String jdbcUrl, RuntimeException e) {
    String root = rootMessage(e);
    if (root.contains("file is locked") || root.contains("locked by another process")
        || root.contains("Database may be already in use")) {
      return "the console database " + redact(jdbcUrl) + " is in use by another process (is a console running with"
          + " this data directory? stop it first)";
    }
    return "cannot open the console database " + redact(jdbcUrl) + ": " + root;
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
   * Runs work in one transaction: committed when it returns, rolled back when it throws.
   *
   * @param work the work
   * @param <T> its result
   * @return the result
   * @throws DatabaseUnavailableException on a database error (the transaction is rolled back)
   */
  public <T> T transaction(SqlWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        if (e instanceof SQLException s) {
          throw new DatabaseUnavailableException("database error: " + s.getMessage(), s);
        }
        throw (RuntimeException) e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new DatabaseUnavailableException("database error: " + e.getMessage(), e);
    }
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
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
