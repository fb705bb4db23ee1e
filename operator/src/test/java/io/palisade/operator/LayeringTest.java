package io.palisade.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The three layers stay apart: {@code model} is pure (fabric8 model classes, no client, no orchestration);
 * {@code k8s} does I/O but no orchestration; only {@code reconcile} sees both.
 */
class LayeringTest {
  static final Path SOURCES = Path.of("src/main/java/io/palisade/operator");

  static List<String> imports(String pkg) throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES.resolve(pkg))) {
      return files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
        try {
          return Files.readAllLines(f).stream().filter(l -> l.startsWith("import ") || l.contains("io.palisade.operator.")
              || l.contains("io.fabric8.kubernetes.client")).map(l -> f.getFileName() + ": " + l.trim());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList();
    }
  }

  @Test
  void model_usesNoClientAndNoOtherLayer() throws IOException {
    assertThat(imports("model"))
        .noneMatch(l -> l.contains("io.palisade.operator.reconcile") || l.contains("io.palisade.operator.k8s"))
        // CustomResource (the CRD base class) and the client's Serialization are model classes in fabric8.
        .noneMatch(l -> l.contains("io.fabric8.kubernetes.client") && !l.contains("client.CustomResource"));
  }

  @Test
  void k8s_doesNoOrchestration() throws IOException {
    assertThat(imports("k8s")).noneMatch(l -> l.contains("io.palisade.operator.reconcile"))
        .noneMatch(l -> l.contains("io.palisade.control.PoolController"));
  }
}
