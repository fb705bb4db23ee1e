package io.palisade.cli.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No wildcard imports (main and test sources of every module), Javadoc on every public top-level type (main sources)
 * and no main source file over {@link SourceRules#MAX_LINES} lines, read from the checkout: the modules are the root
 * pom's {@code <module>} list, so a new module is scanned without editing this test. The rules themselves are shown
 * failing on a few lines, so the scan cannot pass vacuously.
 */
class SourceArchitectureTest {
  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

  @Test
  void noWildcardImports() {
    List<String> offenders = new ArrayList<>();
    List<Path> files = sources("src/main/java", "src/test/java");
    assertThat(files).as("Java sources of every module").hasSizeGreaterThan(800);
    for (Path file : files) {
      SourceRules.wildcardImports(read(file)).forEach(line -> offenders.add(root().relativize(file) + ": " + line));
    }
    assertThat(offenders).as("wildcard imports (import each type)").isEmpty();
  }

  @Test
  void everyPublicTopLevelTypeHasJavadoc() {
    List<String> offenders = new ArrayList<>();
    List<Path> files = sources("src/main/java");
    assertThat(files).as("main sources of every module").hasSizeGreaterThan(400);
    for (Path file : files) {
      SourceRules.undocumentedPublicTypes(read(file))
          .forEach(type -> offenders.add(root().relativize(file) + ": " + type));
    }
    assertThat(offenders).as("public top-level types without Javadoc").isEmpty();
  }

  @Test
  void noMainSourceFileIsOverTheLengthLimit() {
    List<String> offenders = new ArrayList<>();
    List<Path> files = sources("src/main/java");
    assertThat(files).as("main sources of every module").hasSizeGreaterThan(400);
    for (Path file : files) {
      SourceRules.tooLong(read(file)).ifPresent(lines -> offenders.add(root().relativize(file) + ": " + lines
          + " lines"));
    }
    assertThat(offenders).as("main source files over " + SourceRules.MAX_LINES + " lines (split each along its"
        + " decisions and its I/O, into classes named for what they are)").isEmpty();
  }

  @Test
  void theScannersFindWhatTheyLookFor() {
    assertThat(SourceRules.wildcardImports("package a;\n\nimport java.util.*;\nimport static java.lang.Math.*;\n"
        + "import java.util.List;\n")).containsExactly("import java.util.*;", "import static java.lang.Math.*;");
    assertThat(SourceRules.wildcardImports("import java.util.List;\n// import java.util.*; in a comment? no\n"))
        .isEmpty();

    assertThat(SourceRules.undocumentedPublicTypes("package a;\n\npublic final class Bare {\n}\n"))
        .containsExactly("Bare");
    assertThat(SourceRules.undocumentedPublicTypes("package a;\n\n/* not Javadoc */\npublic record R(int x) {}\n"))
        .containsExactly("R");
    assertThat(SourceRules.undocumentedPublicTypes("package a;\n\n// a line comment\n@Deprecated\n"
        + "public sealed interface I permits J {}\n")).containsExactly("I");
    assertThat(SourceRules.undocumentedPublicTypes("package a;\n\n/** Documented. */\n@Group(\"x\")\n"
        + "@SuppressWarnings({\n    \"a\",\n    \"b\"})\npublic class Doc {\n  public static class Nested {}\n}\n"))
        .isEmpty();
    assertThat(SourceRules.undocumentedPublicTypes("/**\n * Many lines.\n */\npublic enum E { A }\n")).isEmpty();
    assertThat(SourceRules.undocumentedPublicTypes("/** A. */\nfinal class PackagePrivate {}\n")).isEmpty();

    int max = SourceRules.MAX_LINES;
    assertThat(SourceRules.tooLong("x\n".repeat(max))).isEmpty();
    assertThat(SourceRules.tooLong("x\n".repeat(max + 1))).hasValue(max + 1);
    assertThat(SourceRules.tooLong("x\n".repeat(max) + "} // the last line, without its line end"))
        .hasValue(max + 1);
  }

  private static List<Path> sources(String... dirs) {
    List<Path> files = new ArrayList<>();
    for (String module : modules()) {
      for (String dir : dirs) {
        Path src = root().resolve(module).resolve(dir);
        if (Files.isDirectory(src)) {
          try (Stream<Path> walk = Files.walk(src)) {
            walk.filter(f -> f.toString().endsWith(".java")).forEach(files::add);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }
    return files;
  }

  private static List<String> modules() {
    Matcher m = MODULE.matcher(read(root().resolve("pom.xml")));
    List<String> modules = new ArrayList<>();
    while (m.find()) {
      modules.add(m.group(1).trim());
    }
    assertThat(modules).as("modules in the root pom").contains("cbor", "control", "console", "cli");
    return modules;
  }

  /** The checkout: surefire runs in cli's directory, the root pom is one up. */
  private static Path root() {
    Path root = Path.of("").toAbsolutePath().getParent();
    assertThat(root.resolve("pom.xml")).as("root pom above " + Path.of("").toAbsolutePath()).isRegularFile();
    return root;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
