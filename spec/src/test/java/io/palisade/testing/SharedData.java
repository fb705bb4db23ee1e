package io.palisade.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared test data ({@code ../shared/vectors}, {@code ../shared/nodedata}): files from public Cardano
 * repositories that Palisade did not write. They are never copied into the project. Without them, tests that need
 * them are skipped with a message saying so; CI has them.
 */
public final class SharedData {
  private SharedData() {}

  /** The shared directory, from the {@code palisade.shared.dir} system property or {@code ../shared}. */
  public static Path root() {
    String configured = System.getProperty("palisade.shared.dir");
    Path dir = configured != null ? Path.of(configured) : Path.of("..", "shared");
    return dir.toAbsolutePath().normalize();
  }

  /**
   * A path under the shared directory; skips the calling test, with a visible message, when it is absent.
   *
   * @param relative e.g. {@code nodedata/logs/mainnet-chain-extended-log-excerpts.txt}
   * @return the existing path
   */
  public static Path require(String relative) {
    Path path = root().resolve(relative);
    if (!Files.exists(path)) {
      String message = "SKIPPED: shared test data not found at " + path
          + " (clone the project beside ../shared to run this test; CI has it)";
      System.err.println(message);
      assumeTrue(false, message);
    }
    return path;
  }
}
