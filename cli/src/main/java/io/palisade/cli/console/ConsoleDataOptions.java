package io.palisade.cli.console;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where a console keeps its state: {@code --data-dir} (embedded H2) or {@code --jdbc-url} (PostgreSQL). */
public final class ConsoleDataOptions {
  /** The default data directory, relative to the working directory. */
  public static final String DEFAULT_DATA_DIR = ".palisade/console";

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = DEFAULT_DATA_DIR,
      description = "The console's data directory (embedded database, console.key). Default: ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(names = "--jdbc-url", paramLabel = "URL",
      description = "A PostgreSQL JDBC URL instead of the embedded database (credentials as URL parameters).")
  String jdbcUrl;

  /** @return the data directory */
  public Path dataDir() {
    return dataDir;
  }

  /** @return the JDBC URL, if one was given */
  public Optional<String> jdbcUrl() {
    return Optional.ofNullable(jdbcUrl).filter(u -> !u.isBlank());
  }
}
