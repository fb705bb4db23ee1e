package io.palisade.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The example specs shipped in {@code examples/}, read from the project root. */
final class Examples {
  private Examples() {}

  static Path dir() {
    Path here = Path.of("").toAbsolutePath();
    Path examples = here.resolveSibling("examples");
    return Files.isDirectory(examples) ? examples : here.resolve("examples");
  }

  static String text(String name) {
    try {
      return Files.readString(dir().resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
