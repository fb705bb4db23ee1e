package io.palisade.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Only {@code io.palisade.console.web} knows Spring: the domain (accounts, audit, delay, shell, store) sees ports such
 * as {@code PasswordHasher}, so it can be read, tested and reused without the framework. Read from the compiled
 * classes: a class that names a Spring type anywhere (import, annotation, fully qualified use) holds
 * {@code org/springframework/} in its constant pool.
 */
class SpringOnlyInTheWebPackageTest {
  private static final byte[] SPRING = "org/springframework/".getBytes(StandardCharsets.US_ASCII);

  @Test
  void noClassOutsideTheWebPackageNamesSpring() throws Exception {
    Path classes = Path.of(PalisadeConsole.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path root = classes.resolve("io/palisade/console");
    Path web = root.resolve("web");
    List<Path> all;
    try (Stream<Path> files = Files.walk(root)) {
      all = files.filter(f -> f.toString().endsWith(".class")).toList();
    }
    assertThat(all).as("compiled classes under " + root).hasSizeGreaterThan(50);
    List<String> offenders = all.stream().filter(f -> !f.startsWith(web)).filter(f -> namesSpring(f))
        .map(f -> root.relativize(f).toString()).toList();
    assertThat(offenders).as("classes outside io.palisade.console.web that name Spring").isEmpty();
    // Not vacuous: the web package does.
    assertThat(all.stream().filter(f -> f.startsWith(web)).filter(f -> namesSpring(f))).isNotEmpty();
  }

  private static boolean namesSpring(Path classFile) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(classFile);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    outer:
    for (int i = 0; i + SPRING.length <= bytes.length; i++) {
      for (int j = 0; j < SPRING.length; j++) {
        if (bytes[i + j] != SPRING[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
