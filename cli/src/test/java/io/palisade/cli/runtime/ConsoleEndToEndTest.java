package io.palisade.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.palisade.cli.CliRun;
import io.palisade.cli.ExitCodes;
import io.palisade.console.account.Totp;
import io.palisade.console.account.TotpSecret;
import io.palisade.console.testing.HttpSession;
import io.palisade.control.StateJson;
import java.io.File;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain, end to end: a real {@code palisade up} (a child process running simulated nodes) starts the
 * console beside the pool and prints its URL and the first operator's link; an operator enrolls and signs in with
 * TOTP over HTTP; "remove relay" is queued; it does not run before seven days; the console's clock moves seven days
 * (wall clock, monotonic clock and chain time together, so the clock guard has nothing to hold); the action runs
 * through the gateway: the relay process is gone and the block producer's topology no longer lists it; status, the
 * event log and the dashboard show it; after {@code down}, the audit chain verifies.
 */
class ConsoleEndToEndTest {
  static final Duration LONG = Duration.ofMinutes(2);
  static final String PASSWORD = "a long enough passphrase";
  static final String SPEC = """
      name: e2e-console
      network: preview
      node:
        version: 10.5.3
        image: registry.palisade.example/palisade/cardano-node:10.5.3@sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270
      registry:
        host: registry.palisade.example
        private: true
      relays:
        - region: region-a
          count: 2
          publicAddress: 127.0.0.1
        - region: region-b
          publicAddress: 127.0.0.1
      upgrade:
        deadlinePerNode: 20s
        holdOff: 1s
      """;

  @TempDir Path dir;
  Path data;
  Path offsetFile;
  Duration offset = Duration.ZERO;
  Process up;

  @AfterEach
  void stop() throws Exception {
    UpTeardown.stop(data, up);
  }

  private void startUp() throws Exception {
    data = dir.resolve("data");
    offsetFile = dir.resolve("time-offset");
    Files.writeString(dir.resolve("pool.yaml"), SPEC);
    Files.writeString(offsetFile, offset.toString());
    String java = ProcessHandle.current().info().command().orElse("java");
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx384m", "-Dpalisade.test.time-offset-file=" + offsetFile,
        "-cp", cp, UpWithMovableTime.class.getName(), "up", dir.resolve("pool.yaml").toString(), "--data-dir",
        data.toString(), "--simnode-replay", "PT0.5S", "--tick", "PT0.3S", "--any-ports", "--stop-grace", "5s",
        "--console-port", "0"));
    up = new ProcessBuilder(cmd).redirectOutput(dir.resolve("up.out").toFile())
        .redirectError(dir.resolve("up.err").toFile()).redirectInput(new File("/dev/null")).start();
  }

  /** Moves the console's time: as if {@code d} more had passed. */
  private void advance(Duration d) throws Exception {
    offset = offset.plus(d);
    Path tmp = dir.resolve("time-offset.tmp");
    Files.writeString(tmp, offset.toString());
    Files.move(tmp, offsetFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    // The child applies it within 50 ms and echoes it: wait for that, not for a fixed time.
    Path applied = offsetFile.resolveSibling(offsetFile.getFileName() + ".applied");
    String expected = offset.toString();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
        .until(() -> Files.exists(applied) && Files.readString(applied).strip().equals(expected));
  }

  private Instant consoleNow() {
    return Instant.now().plus(offset);
  }

  private String out() throws Exception {
    return Files.readString(dir.resolve("up.out"));
  }

  private JsonNode status() throws Exception {
    CliRun r = CliRun.run("status", "--json", "--data-dir", data.toString());
    return r.code() == ExitCodes.OK || r.code() == ExitCodes.CHECK_FAILED ? StateJson.MAPPER.readTree(r.out()) : null;
  }

  private static Optional<JsonNode> node(JsonNode s, String name) {
    return StreamSupport.stream(s.get("nodes").spliterator(), false)
        .filter(n -> n.get("name").asText().equals(name)).findFirst();
  }

  private static String group(Pattern p, String text) {
    Matcher m = p.matcher(text);
    assertThat(m.find()).as(p + " in " + text).isTrue();
    return m.group(1);
  }

  /** Password, then a TOTP code of a time step not used before (the console refuses a step twice). */
  private HttpSession signIn(URI console, TotpSecret secret) throws Exception {
    advance(Totp.STEP);
    HttpSession s = new HttpSession(console);
    s.get("/login");
    HttpResponse<String> password = s.post("/login", Map.of("username", "alice", "password", PASSWORD), true);
    assertThat(HttpSession.location(password)).endsWith("/login/second-factor");
    s.get("/login/second-factor");
    HttpResponse<String> totp = s.post("/login/totp",
        Map.of("code", Totp.code(secret, Totp.stepAt(consoleNow()))), true);
    assertThat(HttpSession.location(totp)).doesNotContain("error").doesNotContain("login");
    return s;
  }

  @Test
  void upStartsTheConsole_aQueuedRelayRemovalRunsAfterSevenDays_throughTheRuntime() throws Exception {
    startUp();
    await().atMost(LONG).pollInterval(Duration.ofMillis(500)).until(() -> out().contains("is healthy"));
    String printed = out();
    URI console = URI.create(group(Pattern.compile("Console: (\\S+)"), printed));
    String link = group(Pattern.compile("one-time link.*\\n\\s+(\\S+/enroll/\\S+)"), printed);
    JsonNode before = status();
    long relayPid = node(before, "relay-region-b-0").orElseThrow().get("pid").asLong();
    int relayPort = node(before, "relay-region-b-0").orElseThrow().get("nodeToNodePort").asInt();

    // Enroll the first operator through the printed link, with a TOTP authenticator.
    HttpSession enroll = new HttpSession(console);
    String page = enroll.get(URI.create(link).getPath()).body();
    TotpSecret secret = TotpSecret.ofBase32(group(Pattern.compile("id=\"secret\">([A-Z2-7]+)<"), page));
    HttpResponse<String> enrolled = enroll.post(URI.create(link).getPath(), Map.of("username", "alice", "password",
        PASSWORD, "confirm", PASSWORD, "code", Totp.code(secret, Totp.stepAt(consoleNow()))), true);
    assertThat(HttpSession.location(enrolled)).endsWith("/login?enrolled");

    // Signed in, the dashboard shows the pool the gateway reaches; the removal is queued, not run.
    HttpSession s = signIn(console, secret);
    String dashboard = s.get("/").body();
    assertThat(dashboard).contains("data-node=\"relay-region-b-0\"").contains("data-node=\"block-producer\"")
        .doesNotContain("No pool runtime is attached");
    HttpResponse<String> queued = s.post("/actions/remove-relay", Map.of("node", "relay-region-b-0"), true);
    assertThat(queued.statusCode()).isEqualTo(302);
    assertThat(s.get("/actions").body()).contains("remove relay relay-region-b-0").contains("PENDING");

    // Six days and 23 hours later (for every clock), the runner has looked at it and left it waiting.
    advance(Duration.ofDays(7).minusHours(1));
    // For longer than the runner's 5 s period, the relay stays: checked throughout, not after a sleep.
    await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> ProcessHandle.of(relayPid).map(ProcessHandle::isAlive).orElse(false)
            && node(status(), "relay-region-b-0").isPresent());

    // Seven days: it runs, through the gateway, into the runtime.
    advance(Duration.ofHours(1).plusMinutes(1));
    await().atMost(LONG).pollInterval(Duration.ofMillis(500))
        .until(() -> node(status(), "relay-region-b-0").isEmpty());
    assertThat(ProcessHandle.of(relayPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    JsonNode bpTopology = StateJson.MAPPER.readTree(data.resolve("nodes/block-producer/topology.json").toFile());
    assertThat(bpTopology.at("/localRoots/0/accessPoints").findValuesAsText("port"))
        .hasSize(2).doesNotContain(String.valueOf(relayPort));
    JsonNode after = status();
    assertThat(after.get("removedNodes").toString()).contains("relay-region-b-0");
    assertThat(node(after, "block-producer").orElseThrow().get("peers").toString())
        .doesNotContain("relay-region-b-0");
    CliRun events = CliRun.run("status", "--data-dir", data.toString());
    assertThat(events.out()).contains("NodeRemoved relay-region-b-0").contains("removed nodes: relay-region-b-0");

    // The console shows it done, and the pool without the relay (the session above has expired meanwhile).
    HttpSession later = signIn(console, secret);
    assertThat(later.get("/actions").body()).contains("remove relay relay-region-b-0").contains("DONE");
    String dashboardAfter = later.get("/").body();
    assertThat(dashboardAfter).doesNotContain("data-node=\"relay-region-b-0\"").contains("NodeRemoved");

    // Down stops the pool and the console; the audit chain verifies.
    CliRun down = CliRun.run("down", "--data-dir", data.toString());
    assertThat(down.code()).as(down.err()).isZero();
    assertThat(up.waitFor()).isZero();
    CliRun verify = CliRun.run("audit-log", "verify", "--data-dir", data.resolve("console").toString());
    assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).startsWith("audit log intact:");
    try (var db = io.palisade.console.store.ConsoleDatabase.open(data.resolve("console"), Optional.empty())) {
      List<String> kinds = new io.palisade.console.audit.AuditLog(db, java.time.Clock.systemUTC()).recent(200)
          .stream().map(e -> e.kind() + " " + e.detail()).toList();
      assertThat(kinds).anyMatch(k -> k.startsWith("operator.enrolled"))
          .anyMatch(k -> k.startsWith("action.queued") && k.contains("relay-region-b-0"))
          .anyMatch(k -> k.startsWith("action.executing") && k.contains("remove relay relay-region-b-0"))
          .anyMatch(k -> k.startsWith("action.done") && k.contains("remove relay relay-region-b-0"))
          .anyMatch(k -> k.startsWith("console.stopped"));
    }
    assertThat(Files.readString(dir.resolve("up.err"))).contains("NodeRemoved relay-region-b-0");
  }
}
