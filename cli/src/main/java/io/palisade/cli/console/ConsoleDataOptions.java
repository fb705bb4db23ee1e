package io.palisade.cli.console;

import io.palisade.runtime.local.DataDir;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where a console keeps its state: {@code --data-dir} (embedded H2) or {@code --jdbc-url} (PostgreSQL). The default
 * data directory is the one {@code palisade up} gives its console: {@code console/} in the runtime's data directory.
 */
public final class ConsoleDataOptions {
  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The console's data directory (embedded database, console.key). Default: the console of"
          + " 'palisade up', DATA_DIR/console (DATA_DIR: $PALISADE_DATA_DIR, else $XDG_STATE_HOME/palisade, else"
          + " ~/.local/state/palisade).")
  Path dataDir;

  @Option(names = "--jdbc-url", paramLabel = "URL",
      description = "A PostgreSQL JDBC URL instead of the embedded database (credentials as URL parameters).")
  String jdbcUrl;

  /** @return the data directory */
  public Path dataDir() {
    return dataDir != null ? dataDir : DataDir.defaultRoot(System.getenv()).resolve("console");
  }

  /** @return the JDBC URL, if one was given */
  public Optional<String> jdbcUrl() {
    return Optional.ofNullable(jdbcUrl).filter(u -> !u.isBlank());
  }
}
