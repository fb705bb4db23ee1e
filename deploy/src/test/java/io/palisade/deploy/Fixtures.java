package io.palisade.deploy;

import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.PoolSpecLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The example specs of the project, and variants of them written to a temporary directory. */
public final class Fixtures {
  private Fixtures() {}

  /** The project's examples directory. */
  public static Path examples() {
    Path here = Path.of("").toAbsolutePath();
    Path examples = here.resolveSibling("examples");
    return Files.isDirectory(examples) ? examples : here.resolve("examples");
  }

  /** examples/pool.yaml, loaded. */
  public static LoadedPoolSpec mainnet() {
    return new PoolSpecLoader().load(examples().resolve("pool.yaml"));
  }

  /** examples/demo-pool.yaml (preview), loaded. */
  public static LoadedPoolSpec preview() {
    return new PoolSpecLoader().load(examples().resolve("demo-pool.yaml"));
  }

  /** The text of an example. */
  public static String text(String name) {
    try {
      return Files.readString(examples().resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads {@code yaml} written as pool.yaml into {@code dir}. */
  public static LoadedPoolSpec load(Path dir, String yaml) {
    try {
      Path file = dir.resolve("pool.yaml");
      Files.writeString(file, yaml);
      return new PoolSpecLoader().load(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
