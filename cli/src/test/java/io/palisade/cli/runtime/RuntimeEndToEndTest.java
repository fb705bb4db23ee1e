package io.palisade.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.palisade.cli.CliRun;
import io.palisade.cli.ExitCodes;
import io.palisade.control.StateJson;
import io.palisade.keys.rotate.RotationRequest;
import io.palisade.runtime.gateway.SingleHostGateway;
import io.palisade.runtime.local.HotKeySetup;
import io.palisade.runtime.plane.RemotePoolService;
import io.palisade.simnode.forge.ForgedBlock;
import io.palisade.simnode.forge.ForgedBlockLog;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code palisade up} as a real child process running simulated nodes as its own children, on loopback; the other
 * commands run as they would from a shell. One pool goes through the whole story, in order. This pool runs without
 * its console ({@code --no-console}): {@link ConsoleEndToEndTest} covers {@code up} with the console.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuntimeEndToEndTest {
  static final Duration LONG = Duration.ofMinutes(2);
  static final String SPEC = """
      name: e2e
      network: preview
      node:
        version: 10.5.3
        image: registry.palisade.example/palisade/cardano-node:10.5.3@sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270
      registry:
        host: registry.palisade.example
        private: true
      relays:
        - region: region-a
          publicAddress: 127.0.0.1
        - region: region-b
          publicAddress: 127.0.0.1
      upgrade:
        deadlinePerNode: 20s
        holdOff: 1s
      """;

  @TempDir static Path dir;
  static Path data;
  static Process up;

  @BeforeAll
  static void startPool() throws Exception {
    data = dir.resolve("data");
    Files.writeString(dir.resolve("pool.yaml"), SPEC);
    up = startUp("up1");
    await().atMost(LONG).pollInterval(Duration.ofMillis(500)).until(() -> healthy(status()));
  }

  @AfterAll
  static void stopPool() throws Exception {
    UpTeardown.stop(data, up);
  }

  static Process startUp(String log) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m",
        "-cp", cp, "io.palisade.cli.Main", "up",
        dir.resolve("pool.yaml").toString(), "--data-dir", data.toString(), "--simnode-replay", "PT0.5S", "--tick",
        "PT0.3S", "--any-ports", "--stop-grace", "5s", "--no-console"));
    return new ProcessBuilder(cmd).redirectOutput(dir.resolve(log + ".out").toFile())
        .redirectError(dir.resolve(log + ".err").toFile()).redirectInput(new File("/dev/null")).start();
  }

  static JsonNode status() throws Exception {
    CliRun r = CliRun.run("status", "--json", "--data-dir", data.toString());
    if (r.code() != ExitCodes.OK && r.code() != ExitCodes.CHECK_FAILED) {
      return null;
    }
    return StateJson.MAPPER.readTree(r.out());
  }

  /** GET /metrics of the control plane, with the data directory's token, as a Prometheus on this host would. */
  static String metrics() throws Exception {
    JsonNode info = StateJson.MAPPER.readTree(data.resolve("control-plane.json").toFile());
    String token = Files.readString(data.resolve("token")).trim();
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(info.get("url").asText() + "/metrics"))
            .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  static boolean healthy(JsonNode s) {
    return s != null && s.get("healthy").asBoolean();
  }

  static JsonNode node(JsonNode s, String name) {
    return StreamSupport.stream(s.get("nodes").spliterator(), false)
        .filter(n -> n.get("name").asText().equals(name)).findFirst().orElseThrow();
  }

  @Test
  @Order(1)
  void demoPoolComesUpHealthy_statusShowsEveryNode() throws Exception {
    JsonNode s = status();
    assertThat(s.get("nodes")).hasSize(3);
    assertThat(node(s, "block-producer").get("peers").toString()).contains("relay-region-a-0", "relay-region-b-0");
    CliRun text = CliRun.run("status", "--data-dir", data.toString());
    assertThat(text.code()).isZero();
    assertThat(text.out()).contains("pool e2e on preview: healthy, version 10.5.3")
        .contains("relay-region-a-0").contains("SYNCED");
    // At a glance: the verdict first, every line within 100 columns, the producer's KES expiry as a date, times in
    // one format, the events newest first as the console lists them; --verbose adds pids and ports.
    assertThat(text.out().lines().findFirst().orElseThrow()).startsWith("pool e2e on preview: healthy");
    assertThat(text.out().lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
    assertThat(text.out()).containsPattern("block-producer +producer +SYNCED +yes .* KES ends \\d{4}-\\d\\d-\\d\\d \\(\\d+d\\)\\R")
        .containsPattern("; at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\R")
        .contains("latest events, newest first:").doesNotContain("PID");
    List<String> times = text.out().lines().dropWhile(l -> !l.startsWith("latest events"))
        .skip(1).map(l -> l.trim().substring(0, 20)).toList();
    assertThat(times).isNotEmpty().isSortedAccordingTo(java.util.Comparator.reverseOrder());
    CliRun verbose = CliRun.run("status", "--verbose", "--data-dir", data.toString());
    assertThat(verbose.out()).contains("PID").contains("PORT");
    // 'up' says so on its own loop, a moment after the control plane first reports healthy.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(Files.readString(dir.resolve("up1.out"))).contains("pool e2e is healthy"));
    assertThat(Files.readString(dir.resolve("up1.err"))).contains("throwaway DEMO key set");
    // The simulated block producer forges with the demo keys (the hidden 'palisade simnode run' entry runs it).
    assertThat(Files.readString(data.resolve("nodes/block-producer/node.log"))).contains("Block producer of pool");
  }

  @Test
  @Order(2)
  void leaderScheduleAndRotationRequest_findTheBlockProducersSocketAndKeysInTheDataDirectory() throws Exception {
    CliRun schedule = CliRun.run("leader-schedule", "--data-dir", data.toString(), "--epoch", "current", "--json");
    assertThat(schedule.code()).as(schedule.err()).isZero();
    JsonNode json = StateJson.MAPPER.readTree(schedule.out());
    assertThat(json.get("source").asText()).contains("the block producer 'block-producer'")
        .contains(data.resolve("nodes/block-producer/node.socket").toString());
    assertThat(json.get("network").asText()).isEqualTo("preview");
    // The demo pool holds 5 % of the simulated stake: about 86400 · (1 − 0.95^0.05) ≈ 221 slots in a preview epoch.
    assertThat(json.get("leaderSlotCount").asLong()).isBetween(150L, 300L);
    List<Long> slots = new ArrayList<>();
    json.get("leaderSlots").forEach(n -> slots.add(n.get("slot").asLong()));
    long epoch = json.get("epoch").asLong();
    List<Long> forged = ForgedBlockLog.read(data.resolve("nodes/block-producer/db/forged-blocks.jsonl")).stream()
        .filter(b -> b.epoch() == epoch).map(ForgedBlock::slot).toList();
    assertThat(slots).containsAll(forged);
    // The control plane's /metrics counts the same schedule from the slot ledger, and its next leader slot is one
    // of the schedule's slots (absent only once the epoch's last slot has started).
    List<Instant> starts = new ArrayList<>();
    json.get("leaderSlots").forEach(n -> starts.add(Instant.parse(n.get("utc").asText())));
    String scheduled = "palisade_pool_leader_slots_scheduled{pool=\"e2e\",epoch=\"" + epoch + "\"} "
        + json.get("leaderSlotCount").asLong() + "\n";
    await().atMost(LONG).until(() -> metrics().contains(scheduled));
    Instant before = Instant.now();
    String metrics = metrics();
    Instant after = Instant.now();
    assertThat(metrics).contains("palisade_pool_leader_slots{pool=\"e2e\",epoch=\"" + epoch
        + "\",verdict=\"adopted\"} ");
    java.util.regex.Matcher next = java.util.regex.Pattern
        .compile("palisade_pool_next_leader_slot_seconds\\{pool=\"e2e\"} ([0-9.]+)\n").matcher(metrics);
    if (starts.stream().anyMatch(t -> t.isAfter(after.plusSeconds(1)))) {
      assertThat(next.find()).as(metrics).isTrue();
      Duration untilNext = Duration.ofMillis(Math.round(Double.parseDouble(next.group(1)) * 1000));
      assertThat(starts).as("a leader slot starts %s after the scrape", untilNext).anyMatch(t ->
          !t.isBefore(before.plus(untilNext).minusMillis(2)) && !t.isAfter(after.plus(untilNext).plusMillis(2)));
    }

    Path request = dir.resolve("rotation-request.json");
    CliRun rotation = CliRun.run("keys", "rotation-request", "--data-dir", data.toString(), "--out",
        request.toString());
    assertThat(rotation.code()).as(rotation.err()).isZero();
    assertThat(rotation.out()).contains("from the block producer 'block-producer'");
    assertThat(RotationRequest.read(request).network()).isEqualTo("preview");
    // 'up' itself shows the block producer's coming leader slots (and then each block it forges).
    await().atMost(LONG).untilAsserted(() -> assertThat(Files.readString(dir.resolve("up1.out")))
        .containsPattern("The block producer leads \\d+ slot\\(s\\) in the next \\d+ minutes"));
  }

  @Test
  @Order(3)
  void killedRelay_isBackToReadyByItself() throws Exception {
    long pid = node(status(), "relay-region-a-0").get("pid").asLong();
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    await().atMost(LONG).pollInterval(Duration.ofMillis(300)).until(() -> {
      JsonNode s = status();
      return healthy(s) && node(s, "relay-region-a-0").get("pid").asLong() != pid;
    });
    assertThat(node(status(), "relay-region-a-0").get("restarts").asInt()).isEqualTo(1);
    // The last word on the self-healed relay is not the restart's warning: it is said ready again.
    await().atMost(LONG).pollInterval(Duration.ofMillis(300)).until(() -> StreamSupport.stream(
        status().get("events").spliterator(), false).anyMatch(e -> e.get("reason").asText().equals("NodeReadyAgain")
            && e.get("node").asText().equals("relay-region-a-0")));
    assertThat(CliRun.run("status", "--data-dir", data.toString()).out()).contains("NodeReadyAgain relay-region-a-0");
  }

  @Test
  @Order(4)
  void upgradeToAGoodVersion_walksNodeByNode() throws Exception {
    CliRun r = CliRun.run("upgrade", "--version", "10.6.0", "--wait", "--data-dir", data.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("rollout 10.5.3 -> 10.6.0: SUCCEEDED");
    List<String> upgrading = r.err().lines().filter(l -> l.contains("NodeUpgrading")).toList();
    assertThat(upgrading).hasSize(3);
    assertThat(upgrading.get(0)).contains("relay-region-a-0");
    assertThat(upgrading.get(1)).contains("relay-region-b-0");
    assertThat(upgrading.get(2)).contains("block-producer");
    await().atMost(LONG).until(() -> healthy(status()));
    JsonNode s = status();
    assertThat(s.get("version").asText()).isEqualTo("10.6.0");
    s.get("nodes").forEach(n -> assertThat(n.get("runningVersion").asText()).isEqualTo("10.6.0"));
  }

  @Test
  @Order(5)
  void upgradeToAVersionThatNeverGetsReady_isRolledBack_andRefusedAfter() throws Exception {
    Files.writeString(data.resolve("faults.json"), "{\"neverReadyVersions\": [\"10.7.0\"]}");
    CliRun r = CliRun.run("upgrade", "--version", "10.7.0", "--wait", "--data-dir", data.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(r.out()).contains("ROLLED_BACK");
    assertThat(r.err()).contains("VersionFailed").contains("RolloutRolledBack");
    // The 20 s deadline is not silent: a line every few seconds names the node, its health and the time so far.
    assertThat(r.err()).containsPattern("palisade: waiting for relay-region-a-0 \\(upgrading to 10\\.7\\.0, step 1 of"
        + " 3\\): [A-Z]+, .*, (not )?ready, \\d+s so far");
    await().atMost(LONG).until(() -> healthy(status()));
    JsonNode s = status();
    assertThat(s.get("version").asText()).isEqualTo("10.6.0");
    s.get("nodes").forEach(n -> assertThat(n.get("runningVersion").asText()).isEqualTo("10.6.0"));
    assertThat(s.get("failedVersions").get(0).get("version").asText()).isEqualTo("10.7.0");
    // The control plane's /metrics carries what the rendered alerting rules watch, with their labels.
    String metrics = metrics();
    assertThat(metrics).contains("palisade_pool_rollout_failed{pool=\"e2e\",version=\"10.7.0\"} 1")
        .contains("palisade_pool_failed_versions{pool=\"e2e\"} 1")
        .contains("palisade_node_ready{pool=\"e2e\",node=\"block-producer\",role=\"block-producer\"} 1")
        .containsPattern("palisade_node_kes_expiry_timestamp_seconds\\{pool=\"e2e\",node=\"block-producer\","
            + "role=\"block-producer\"} \\d+");
    CliRun again = CliRun.run("upgrade", "--version", "10.7.0", "--data-dir", data.toString());
    assertThat(again.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(again.err()).contains("--retry");
    Files.delete(data.resolve("faults.json"));
  }

  // issue 17: 'upgrade --version 9.0.0' stopped a relay that could never start on it; a downgrade was a typo away.
  @Test
  @Order(6)
  void upgradeBelowTheNetworksFloor_orADowngrade_isRefusedBeforeAnyNodeIsTouched() throws Exception {
    JsonNode before = status();
    Instant asked = Instant.now();
    CliRun old = CliRun.run("upgrade", "--version", "9.0.0", "--wait", "--data-dir", data.toString());
    assertThat(old.code()).as(old.err()).isEqualTo(ExitCodes.REFUSED);
    assertThat(old.err()).containsPattern("refused: cardano-node 9\\.0\\.0 is older than every official preview"
        + " configuration Palisade ships \\(the oldest needs \\d+\\.\\d+\\.\\d+\\)");
    CliRun down = CliRun.run("upgrade", "--version", "10.5.3", "--data-dir", data.toString());
    assertThat(down.code()).as(down.err()).isEqualTo(ExitCodes.REFUSED);
    assertThat(down.err()).contains("refused: 10.5.3 is older than 10.6.0, the version the pool runs")
        .contains("--allow-downgrade");
    JsonNode s = status();
    assertThat(s.get("version").asText()).isEqualTo("10.6.0");
    assertThat(s.get("targetVersion").asText()).isEqualTo(before.get("targetVersion").asText());
    assertThat(StreamSupport.stream(s.get("events").spliterator(), false)
        .filter(e -> !Instant.parse(e.get("time").asText()).isBefore(asked)).map(e -> e.get("reason").asText()))
        .as("nothing was touched").noneMatch(r -> r.startsWith("Rollout") || r.equals("NodeUpgrading"));
  }

  @Test
  @Order(7)
  void relayAdd_newReadyRelay_listedInTheBlockProducersTopology() throws Exception {
    CliRun r = CliRun.run("relay", "add", "--region", "region-a", "--wait", "--data-dir", data.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("relay-region-a-1 is ready and in the block producer's topology");
    JsonNode s = status();
    int port = node(s, "relay-region-a-1").get("nodeToNodePort").asInt();
    JsonNode bpTopology = StateJson.MAPPER.readTree(data.resolve("nodes/block-producer/topology.json").toFile());
    assertThat(bpTopology.at("/localRoots/0/accessPoints").findValuesAsText("port")).contains(String.valueOf(port));
    assertThat(CliRun.run("relay", "add", "--region", "Bad_Region", "--data-dir", data.toString()).code())
        .isEqualTo(ExitCodes.INVALID_INPUT);
  }

  @Test
  @Order(8)
  void restart_restartsANode_andStatusExitsOneUntilThePoolIsHealthyAgain() throws Exception {
    await().atMost(LONG).until(() -> healthy(status()));
    long pid = node(status(), "relay-region-b-0").get("pid").asLong();
    CliRun r = CliRun.run("restart", "relay-region-b-0", "--data-dir", data.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("restarting relay-region-b-0");
    // The first line names the pool and the data directory it acts on.
    assertThat(r.err().lines().findFirst()).contains("palisade: pool e2e, data directory " + data.toAbsolutePath()
        .normalize());
    CliRun notHealthy = CliRun.run("status", "--data-dir", data.toString());
    assertThat(notHealthy.code()).as(notHealthy.out()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(notHealthy.out()).contains("NOT healthy");
    await().atMost(LONG).until(() -> healthy(status()));
    assertThat(CliRun.run("status", "--data-dir", data.toString()).code()).isZero();
    assertThat(node(status(), "relay-region-b-0").get("pid").asLong()).isNotEqualTo(pid);
    // --wait follows the node until it runs again and is ready.
    long before = node(status(), "relay-region-b-0").get("pid").asLong();
    CliRun waited = CliRun.run("restart", "relay-region-b-0", "--wait", "--data-dir", data.toString());
    assertThat(waited.code()).as(waited.err()).isZero();
    assertThat(waited.out()).contains("relay-region-b-0 is ready again");
    assertThat(node(status(), "relay-region-b-0").get("pid").asLong()).isNotEqualTo(before);
    await().atMost(LONG).until(() -> healthy(status()));
    assertThat(CliRun.run("restart", "relay-nowhere-0", "--data-dir", data.toString()).code())
        .isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(CliRun.run("restart", "../../status", "--data-dir", data.toString()).code())
        .isEqualTo(ExitCodes.INVALID_INPUT);
  }

  @Test
  @Order(9)
  void consoleGateway_overTheLoopbackApi_seesThePool_actsOnIt_opensAShellInTheNodesDirectory() throws Exception {
    // What 'palisade console' uses when 'palisade up --no-console' runs the pool.
    SingleHostGateway gateway = new SingleHostGateway(new RemotePoolService(data), java.time.Clock.systemUTC());
    await().atMost(LONG).until(() -> healthy(status()));
    var snapshot = gateway.snapshot();
    assertThat(snapshot.connected()).isTrue();
    assertThat(snapshot.nodes()).hasSize(4).allMatch(n -> n.state() == io.palisade.gateway.NodeState.READY);
    assertThat(snapshot.node("block-producer").orElseThrow().peers()).isEqualTo(3);
    assertThat(snapshot.node("block-producer").orElseThrow().kesPeriodsLeft()).isPresent();
    var refused = gateway.execute(new io.palisade.gateway.PoolAction.RemoveRelay("block-producer"));
    assertThat(refused.ok()).isFalse();
    assertThat(refused.message()).contains("not a relay");
    assertThat(gateway.execute(new io.palisade.gateway.PoolAction.Upgrade("10.7.0")).message())
        .contains("--retry");
    try (var shell = gateway.openShell("relay-region-b-0")) {
      shell.input().write("pwd; echo node=$PALISADE_NODE; exit\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      shell.input().flush();
      String out = new String(shell.output().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(out).contains(data.resolve("nodes/relay-region-b-0").toString()).contains("node=relay-region-b-0");
    }
    var elsewhere = new SingleHostGateway(new RemotePoolService(dir.resolve("elsewhere")), java.time.Clock.systemUTC());
    assertThat(elsewhere.snapshot().connected()).isFalse();
    assertThat(elsewhere.execute(new io.palisade.gateway.PoolAction.AddRelay("eu")).message())
        .contains("no control plane runs");

    // 'palisade console' as its own process attaches to this pool's control plane.
    String javaExe = ProcessHandle.current().info().command().orElse("java");
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process console = new ProcessBuilder(javaExe, "-Xmx256m", "-cp", cp, "io.palisade.cli.Main", "console",
        "--pool-data-dir", data.toString(), "--data-dir", dir.resolve("console").toString(), "--port", "0")
        .redirectError(dir.resolve("console.err").toFile()).redirectInput(new File("/dev/null")).start();
    try {
      var lines = new java.io.BufferedReader(new java.io.InputStreamReader(console.getInputStream(),
          java.nio.charset.StandardCharsets.UTF_8));
      StringBuilder printed = new StringBuilder();
      String line;
      while ((line = lines.readLine()) != null && !line.contains("Ctrl-C stops it")) {
        printed.append(line).append('\n');
      }
      assertThat(line).as(printed.toString()).isNotNull().startsWith("Attached to the pool whose control plane runs on "
          + data);
      assertThat(printed).contains("Console: http://localhost:").contains("/enroll/");
    } finally {
      console.destroy();
      console.waitFor();
    }
  }

  @Test
  @Order(10)
  void upKilledWithKill9_nodesKeepRunning_andAreAdoptedByTheNextUp() throws Exception {
    await().atMost(LONG).until(() -> healthy(status()));
    List<Long> pids = new ArrayList<>();
    status().get("nodes").forEach(n -> pids.add(n.get("pid").asLong()));
    up.destroyForcibly();
    up.waitFor();
    assertThat(pids).allMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false));
    CliRun orphaned = CliRun.run("status", "--data-dir", data.toString());
    assertThat(orphaned.code()).isEqualTo(ExitCodes.UNAVAILABLE);
    // Exit 4 is not the whole story: the nodes still run, unsupervised, and 'palisade up' takes them back.
    assertThat(orphaned.err()).contains("no control plane runs on")
        .containsPattern("\\d nodes still run unsupervised \\(block-producer, relay-region-a-0, ")
        .contains("'palisade up --data-dir " + data + "' adopts them again");

    up = startUp("up2");
    await().atMost(LONG).pollInterval(Duration.ofMillis(500)).until(() -> healthy(status()));
    List<Long> after = new ArrayList<>();
    status().get("nodes").forEach(n -> after.add(n.get("pid").asLong()));
    assertThat(after).containsExactlyElementsOf(pids);
    assertThat(Files.readString(dir.resolve("up2.err"))).contains("adopted running node(s)");
    JsonNode s = status();
    assertThat(s.get("history")).hasSize(2);
    assertThat(s.get("failedVersions").get(0).get("version").asText()).isEqualTo("10.7.0");
    assertThat(s.get("version").asText()).isEqualTo("10.6.0");
  }

  @Test
  @Order(11)
  void down_stopsEveryNodeCleanly_andRemovesTheHotKeys() throws Exception {
    List<Long> pids = new ArrayList<>();
    status().get("nodes").forEach(n -> pids.add(n.get("pid").asLong()));
    CliRun r = CliRun.run("down", "--data-dir", data.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("stopped");
    assertThat(up.waitFor()).isZero();
    assertThat(pids).allMatch(p -> ProcessHandle.of(p).map(h -> !h.isAlive()).orElse(true));
    assertThat(HotKeySetup.directoryFor(data, "e2e")).doesNotExist();
    assertThat(Files.readString(data.resolve("nodes/relay-region-b-0/node.log"))).contains("Shut down cleanly");
    CliRun stopped = CliRun.run("status", "--data-dir", data.toString());
    assertThat(stopped.code()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(stopped.err()).contains("no control plane runs on").doesNotContain("unsupervised");
    up = null;
  }
}
