package io.palisade.cli.console;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.keys.KeysException;
import io.palisade.keys.PassphraseFile;
import io.palisade.runtime.local.DataDir;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * Where a console keeps its state: {@code --data-dir} (embedded SQLite) or {@code --jdbc-url} (PostgreSQL). The default
 * data directory is the one {@code palisade up} gives its console: {@code console/} in the runtime's data directory.
 */
public final class ConsoleDataOptions {
  private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)[?&;]password=");

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The console's data directory (embedded database, console.key). Default: the console of"
          + " 'palisade up', DATA_DIR/console (DATA_DIR: $PALISADE_DATA_DIR, else $XDG_STATE_HOME/palisade, else"
          + " ~/.local/state/palisade).")
  Path dataDir;

  @Option(names = "--jdbc-url", paramLabel = "URL",
      description = "A PostgreSQL JDBC URL instead of the embedded database, without a password (every local user"
          + " sees a command line): give the password with --jdbc-password-file or $" + PASSWORD_ENV + ".")
  String jdbcUrl;

  @Option(names = "--jdbc-password-file", paramLabel = "FILE",
      description = "A file whose first line is the database password (else $" + PASSWORD_ENV + ", if set).")
  Path jdbcPasswordFile;

  /** The environment variable that may hold the database password. */
  public static final String PASSWORD_ENV = "PALISADE_JDBC_PASSWORD";

  /** @return the data directory */
  public Path dataDir() {
    return dataDir != null ? dataDir : DataDir.defaultRoot(System.getenv()).resolve("console");
  }

  /** @return whether {@code --data-dir} was given */
  public boolean dataDirGiven() {
    return dataDir != null;
  }

  /**
   * The JDBC URL to connect with: the one given, plus the password from {@code --jdbc-password-file} or
   * {@value #PASSWORD_ENV} (this string lives in this process only, never on a command line).
   *
   * @return the JDBC URL, if one was given
   * @throws ExitException INVALID_INPUT when the URL itself holds a password, or the password file cannot be read
   */
  public Optional<String> jdbcUrl() {
    return jdbcUrl(System.getenv());
  }

  Optional<String> jdbcUrl(Map<String, String> env) {
    Optional<String> url = Optional.ofNullable(jdbcUrl).filter(u -> !u.isBlank());
    if (url.isEmpty()) {
      return url;
    }
    if (PASSWORD_PARAMETER.matcher(url.get()).find()) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "--jdbc-url holds a password, which every local user can read"
          + " in the process list: remove it from the URL and give it with --jdbc-password-file FILE or $"
          + PASSWORD_ENV);
    }
    Optional<char[]> password = password(env);
    if (password.isEmpty()) {
      return url;
    }
    char[] p = password.get();
    try {
      String encoded = URLEncoder.encode(new String(p), StandardCharsets.UTF_8);
      return Optional.of(url.get() + (url.get().contains("?") ? "&" : "?") + "password=" + encoded);
    } finally {
      Arrays.fill(p, '\0');
    }
  }

  private Optional<char[]> password(Map<String, String> env) {
    if (jdbcPasswordFile != null) {
      try {
        return Optional.of(PassphraseFile.read(jdbcPasswordFile, "database password"));
      } catch (KeysException e) {
        throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
      }
    }
    return Optional.ofNullable(env.get(PASSWORD_ENV)).filter(v -> !v.isEmpty()).map(String::toCharArray);
  }
}
