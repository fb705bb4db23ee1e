package io.palisade.deploy.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palisade.deploy.Fixtures;
import io.palisade.deploy.model.RenderOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An independent checker agrees with the audit: Monokle ({@code @monokle/validation}, npm), run offline over the
 * rendered manifests with every Pod Security Standards and best-practice rule enabled, reports nothing. The npm
 * install goes to {@code deploy/target/monokle} (from the committed package-lock, npm's own cache); without node and
 * npm, or when the registry cannot be reached, the test is skipped with a message.
 */
class MonokleCheckTest {
  private static final Path SOURCE = Path.of("src", "test", "monokle");
  private static final Path WORK = Path.of("target", "monokle");
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void install() throws Exception {
    skipUnless(run(List.of("node", "--version"), Path.of("."), 30).exitCode() == 0, "node is not installed");
    skipUnless(run(List.of("npm", "--version"), Path.of("."), 30).exitCode() == 0, "npm is not installed");
    Files.createDirectories(WORK);
    for (String f : List.of("package.json", "package-lock.json", "check.mjs")) {
      Files.copy(SOURCE.resolve(f), WORK.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(WORK.resolve("node_modules/@monokle/validation"))) {
      Result npm = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), WORK, 300);
      skipUnless(npm.exitCode() == 0, "npm ci of @monokle/validation failed (registry unreachable?): " + npm.output());
    }
  }

  @Test
  void renderedExample_hasZeroFindings_andOnlyTheDocumentedSuppression() throws Exception {
    Path out = Files.createTempDirectory(WORK, "render");
    new OutputDirectory(out).write(PoolRenderer.render(Fixtures.mainnet(), RenderOptions.defaults(), Optional.empty())
        .files());
    JsonNode report = check(out.resolve("kubernetes"));
    assertThat(report.get("resources").asInt()).isEqualTo(25);
    List<String> enabled = new ArrayList<>();
    report.get("rulesEnabled").forEach(r -> enabled.add(r.asText()));
    assertThat(enabled).contains("PSS201", "PSS202", "PSS203", "PSS204", "PSS205", "PSS206", "KBP102", "KBP104",
        "KBP105", "KBP106", "KBP111", "KBP114", "KBP116");
    assertThat(report.get("findings")).as(report.toPrettyString()).isEmpty();
    // Relays are public by design; the suppression is on their LoadBalancer Services only, with its reason.
    assertThat(report.get("suppressed")).hasSize(3).allSatisfy(s -> {
      assertThat(s.get("rule").asText()).isEqualTo("KBP114");
      assertThat(s.get("where").asText()).contains("-public");
    });
  }

  @Test
  void aWeakManifest_isFlagged_soTheCheckerReallyRuns() throws Exception {
    Path dir = Files.createTempDirectory(WORK, "bad");
    Files.writeString(dir.resolve("bad.yaml"), """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: weak, namespace: x}
        spec:
          serviceName: weak
          selector: {matchLabels: {app: weak}}
          template:
            metadata: {labels: {app: weak}}
            spec:
              hostNetwork: true
              containers:
              - name: node
                image: ghcr.io/example/cardano-node:latest
        """);
    JsonNode report = check(dir);
    List<String> rules = new ArrayList<>();
    report.get("findings").forEach(f -> rules.add(f.get("rule").asText()));
    assertThat(rules).contains("PSS102", "PSS202", "KBP001", "KBP102", "KBP104");
  }

  private static JsonNode check(Path yamlDir) throws Exception {
    List<String> command = new ArrayList<>(List.of("node", "check.mjs"));
    try (Stream<Path> files = Files.list(yamlDir)) {
      files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(p -> command.add(p.toAbsolutePath()
          .toString()));
    }
    Result r = run(command, WORK, 120);
    assertThat(r.exitCode()).as(r.output()).isZero();
    String last = r.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
    return JSON.readTree(last);
  }

  private static void skipUnless(boolean condition, String why) {
    if (!condition) {
      String message = "SKIPPED: Monokle cross-check: " + why;
      System.err.println(message);
      assumeTrue(false, message);
    }
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command, Path dir, int timeoutSeconds) throws IOException,
      InterruptedException {
    Path log = Files.createTempFile("monokle", ".log");
    try {
      Process p;
      try {
        // Output goes to a file so the timeout holds even if the process never closes its streams.
        p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
      } catch (IOException e) {
        return new Result(127, e.getMessage());
      }
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return new Result(124, "timed out after " + timeoutSeconds + " s");
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
