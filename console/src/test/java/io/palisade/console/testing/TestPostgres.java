package io.palisade.console.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster for the tests: {@code initdb} and {@code pg_ctl} from the machine's PostgreSQL
 * binaries into a temporary directory, listening on a free loopback port. As root it runs as the {@code postgres}
 * system user (or {@code nobody}), since PostgreSQL refuses to run as root. One cluster per test JVM, stopped at exit;
 * each caller gets a fresh database. When no PostgreSQL binaries exist the calling test is skipped with a message.
 */
public final class TestPostgres {
  private static TestPostgres instance;
  private static String unavailable;

  private final Path root;
  private final Path bin;
  private final int port;
  private final Optional<String> runAs;
  private final AtomicInteger databases = new AtomicInteger();

  private TestPostgres(Path root, Path bin, int port, Optional<String> runAs) {
    this.root = root;
    this.bin = bin;
    this.port = port;
    this.runAs = runAs;
  }

  /**
   * @return the running cluster (started on first use)
   */
  public static synchronized TestPostgres get() {
    if (instance == null && unavailable == null) {
      try {
        instance = start();
      } catch (IllegalStateException e) {
        unavailable = e.getMessage();
      }
    }
    Assumptions.assumeTrue(instance != null, () -> "SKIPPED (PostgreSQL): " + unavailable);
    return instance;
  }

  /**
   * Creates an empty database.
   *
   * @return its JDBC URL
   */
  public String newDatabase() {
    String name = "palisade_test_" + databases.incrementAndGet();
    try (Connection c = DriverManager.getConnection(url("postgres"));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
    }
    return url(name);
  }

  private String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=palisade&connectTimeout=10&socketTimeout=60";
  }

  private static TestPostgres start() {
    Path bin = findBinaries().orElseThrow(() -> new IllegalStateException(
        "no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin or on PATH;"
            + " install Debian's postgresql package"));
    Optional<String> runAs = isRoot() ? Optional.of(unprivilegedUser()) : Optional.empty();
    Path root;
    try {
      root = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "palisade-pg");
      Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
      if (runAs.isPresent()) {
        UserPrincipal owner = root.getFileSystem().getUserPrincipalLookupService()
            .lookupPrincipalByName(runAs.get());
        Files.setOwner(root, owner);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare a directory for PostgreSQL: " + e.getMessage(), e);
    }
    Path data = root.resolve("data");
    run(runAs, root, 120, bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "palisade",
        "--encoding=UTF8", "--locale=C", "--no-sync");
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      try {
        run(runAs, root, 60, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
            root.resolve("postgres.log").toString(), "-w", "-t", "45", "-o",
            "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                + " -c full_page_writes=off -c max_connections=50", "start");
        TestPostgres pg = new TestPostgres(root, bin, port, runAs);
        Runtime.getRuntime().addShutdownHook(new Thread(pg::stop, "test-postgres-stop"));
        return pg;
      } catch (IllegalStateException e) {
        last = e; // most likely the port was taken between the probe and the start: try another
      }
    }
    throw last;
  }

  private void stop() {
    try {
      run(runAs, root, 30, bin.resolve("pg_ctl").toString(), "-D", root.resolve("data").toString(), "-m",
          "immediate", "stop");
    } catch (IllegalStateException e) {
      System.err.println("test PostgreSQL did not stop cleanly: " + e.getMessage());
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Best effort: it is a temporary directory.
    }
  }

  private static Optional<Path> findBinaries() {
    Path base = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(base)) {
      try (Stream<Path> versions = Files.list(base)) {
        Optional<Path> best = versions
            .filter(v -> Files.isExecutable(v.resolve("bin/initdb")) && Files.isExecutable(v.resolve("bin/pg_ctl")))
            .max(Comparator.comparingInt(TestPostgres::versionOf))
            .map(v -> v.resolve("bin"));
        if (best.isPresent()) {
          return best;
        }
      } catch (IOException e) {
        // fall through to PATH
      }
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir);
      if (Files.isExecutable(p.resolve("initdb")) && Files.isExecutable(p.resolve("pg_ctl"))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static int versionOf(Path p) {
    try {
      return Integer.parseInt(p.getFileName().toString().replaceAll("\\D.*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static String unprivilegedUser() {
    for (String user : List.of("postgres", "nobody")) {
      try {
        Process p = new ProcessBuilder("id", "-u", user).redirectErrorStream(true).start();
        if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return user;
        }
      } catch (IOException e) {
        break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IllegalStateException("running as root, and neither a postgres nor a nobody user exists to run"
        + " PostgreSQL as");
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port: " + e.getMessage(), e);
    }
  }

  private static void run(Optional<String> runAs, Path dir, int timeoutSeconds, String... command) {
    List<String> cmd = new ArrayList<>();
    if (runAs.isPresent()) {
      cmd.addAll(List.of("runuser", "-u", runAs.get(), "--"));
    }
    cmd.addAll(List.of(command));
    try {
      Path out = Files.createTempFile("palisade-pg-cmd", ".log");
      try {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException(String.join(" ", cmd) + " did not finish in " + timeoutSeconds + " s");
        }
        if (p.exitValue() != 0) {
          throw new IllegalStateException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): "
              + Files.readString(out, StandardCharsets.UTF_8));
        }
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command[0] + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
