package io.palisade.cli;

import io.palisade.runtime.local.DataDir;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}: where the single-host runtime keeps a pool (one pool per directory). */
public final class DataDirOption {
  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The runtime's data directory (default: $PALISADE_DATA_DIR, else $XDG_STATE_HOME/palisade, else"
          + " $HOME/.local/state/palisade).")
  Path dataDir;

  /** The directory asked for, or the default. */
  public Path root() {
    return dataDir != null ? dataDir : DataDir.defaultRoot(System.getenv());
  }
}
