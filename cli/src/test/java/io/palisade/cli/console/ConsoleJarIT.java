package io.palisade.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.cli.CliRun;
import io.palisade.cli.ExitCodes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code palisade console} from the fat jar ({@code cli/target/palisade.jar}), as an operator runs it: it prints the
 * URL and the one-time link, serves the pages, holds its database (the CLI says so), survives {@code kill -9} with an
 * intact audit chain, and stops cleanly on SIGTERM.
 */
class ConsoleJarIT {
  @TempDir Path dir;

  private Process start(Path data, List<String> out) throws Exception {
    Path jar = Path.of(System.getProperty("palisade.jar", "target/palisade.jar"));
    Assumptions.assumeTrue(Files.exists(jar), "SKIPPED: " + jar + " is not built");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
        "-jar", jar.toString(), "console", "--data-dir", data.toString(), "--port", "0")
        .redirectError(dir.resolve("console-" + System.nanoTime() + ".err").toFile()).start();
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String line;
    while (System.nanoTime() < deadline && (line = r.readLine()) != null) {
      out.add(line);
      if (line.contains("Ctrl-C stops it")) {
        return p;
      }
    }
    p.destroyForcibly();
    throw new AssertionError("the console did not start: " + out);
  }

  @Test
  void runsFromTheFatJarAndItsAuditChainSurvivesKillMinus9() throws Exception {
    Path data = dir.resolve("console");
    List<String> out = new ArrayList<>();
    Process console = start(data, out);
    String link = out.stream().filter(l -> l.contains("/enroll/")).findFirst().orElseThrow().trim();
    try {
      URI url = URI.create(out.get(0).replace("Console: ", "").trim());
      HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
      assertThat(http.send(HttpRequest.newBuilder(url.resolve("/login")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString()).body()).contains("Sign in");
      assertThat(http.send(HttpRequest.newBuilder(URI.create(link)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString()).body()).contains("Enroll the first operator", "id=\"secret\"");

      // Beside the running console (issue 12): read-only, one snapshot, intact.
      CliRun live = CliRun.run("audit-log", "verify", "--data-dir", data.toString());
      assertThat(live.code()).as(live.out() + live.err()).isEqualTo(ExitCodes.OK);
      assertThat(live.out()).startsWith("audit log intact:");

      console.destroyForcibly();
      assertThat(console.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      console.destroyForcibly();
    }
    CliRun afterKill = CliRun.run("audit-log", "verify", "--data-dir", data.toString());
    assertThat(afterKill.code()).as(afterKill.out() + afterKill.err()).isZero();
    assertThat(afterKill.out()).startsWith("audit log intact:");

    // Again, stopped with SIGTERM (Ctrl-C's sibling): the stop is recorded.
    out.clear();
    Process again = start(data, out);
    // Still no operator: a fresh one-time link replaces the first one.
    assertThat(out).anyMatch(l -> l.contains("/enroll/")).noneMatch(l -> l.trim().equals(link));
    again.destroy();
    assertThat(again.waitFor(30, TimeUnit.SECONDS)).isTrue();
    CliRun afterStop = CliRun.run("audit-log", "verify", "--data-dir", data.toString(), "--json");
    assertThat(afterStop.code()).isZero();
    assertThat(afterStop.out()).contains("\"intact\" : true");
  }
}
