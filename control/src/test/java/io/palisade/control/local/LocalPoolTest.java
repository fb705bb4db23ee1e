package io.palisade.control.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.control.ControlEvent;
import io.palisade.control.RolloutRecord;
import io.palisade.control.plane.ActionResult;
import io.palisade.control.plane.ControlPlaneClient;
import io.palisade.control.plane.NodeStatus;
import io.palisade.control.plane.PoolStatus;
import io.palisade.spec.NodeVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single-host runtime with real simulated nodes as child processes on loopback. */
class LocalPoolTest {
  static final Duration UP = Duration.ofSeconds(60);

  @TempDir Path dir;
  LocalPool pool;

  @AfterEach
  void stop(org.junit.jupiter.api.TestInfo info) {
    if (pool != null) {
      // The story of the pool, for whoever reads a failure.
      try {
        pool.events(300).forEach(e -> System.out.println(info.getDisplayName() + " | " + e));
      } catch (RuntimeException ignored) {
        // Nothing to show.
      }
      pool.close();
    }
  }

  private void startHealthy() throws Exception {
    pool = LocalPool.start(TestPools.options(dir));
    await().atMost(UP).pollInterval(Duration.ofMillis(300)).until(() -> pool.status().healthy());
  }

  @Test
  void comesUpHealthy_apiNeedsTheToken_killedRelayComesBack() throws Exception {
    startHealthy();
    PoolStatus s = pool.status();
    assertThat(s.nodes()).extracting(NodeStatus::name)
        .containsExactly("block-producer", "relay-region-a-0", "relay-region-b-0");
    assertThat(s.nodes()).allMatch(n -> n.ready() && n.pid() != null && "SYNCED".equals(n.state()));
    NodeStatus bp = s.nodes().get(0);
    assertThat(bp.peers()).containsExactly("relay-region-a-0", "relay-region-b-0");
    Path data = dir.resolve("data");
    assertThat(Files.getPosixFilePermissions(data.resolve("token")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    // The API: the client with the token works; no token gets 401.
    ControlPlaneClient client = ControlPlaneClient.connect(new DataDir(data));
    assertThat(client.status().pool()).isEqualTo("test");
    HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(pool.url() + "/v1/status")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    HttpResponse<String> wrong = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(pool.url() + "/v1/status")).header("Authorization", "Bearer " + "0".repeat(64)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(wrong.statusCode()).isEqualTo(401);

    // kill -9 a relay: self-healing brings it back.
    long pid = pool.pidOf("relay-region-a-0").orElseThrow();
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    await().atMost(UP).until(() -> pool.pidOf("relay-region-a-0").filter(p -> p != pid).isPresent());
    await().atMost(UP).until(() -> pool.status().healthy());
    assertThat(pool.events(100)).extracting(ControlEvent::reason).contains("NodeRestarted");
  }

  @Test
  void upgrade_good_walksNodeByNode_thenBad_rollsBackAndIsRefusedWithoutRetry() throws Exception {
    startHealthy();
    ActionResult accepted = pool.upgrade(NodeVersion.parse("10.6.0"), false);
    assertThat(accepted.accepted()).isTrue();
    assertThat(pool.upgrade(NodeVersion.parse("10.6.1"), false).message()).contains("in progress");
    await().atMost(Duration.ofMinutes(4)).until(() -> pool.status().version().toString().equals("10.6.0")
        && pool.status().healthy());
    List<String> order = pool.events(200).stream().filter(e -> e.reason().equals("NodeUpgrading"))
        .map(ControlEvent::node).toList();
    assertThat(order).containsExactly("relay-region-a-0", "relay-region-b-0", "block-producer");
    assertThat(pool.status().nodes()).allMatch(n -> "10.6.0".equals(String.valueOf(n.runningVersion())));

    // A version whose nodes never get ready: rolled back, the pool ends as it started.
    Files.writeString(dir.resolve("data/faults.json"), "{\"neverReadyVersions\": [\"10.7.0\"]}");
    assertThat(pool.upgrade(NodeVersion.parse("10.7.0"), false).accepted()).isTrue();
    await().atMost(Duration.ofMinutes(2)).until(() -> pool.status().history().size() == 2);
    PoolStatus after = pool.status();
    assertThat(after.history().get(1).outcome()).isEqualTo(RolloutRecord.Outcome.ROLLED_BACK);
    assertThat(after.failedVersions()).singleElement().satisfies(f -> assertThat(f.version().toString())
        .isEqualTo("10.7.0"));
    await().atMost(UP).until(() -> pool.status().healthy());
    assertThat(pool.status().nodes()).allMatch(n -> "10.6.0".equals(String.valueOf(n.runningVersion())));
    ActionResult again = pool.upgrade(NodeVersion.parse("10.7.0"), false);
    assertThat(again.accepted()).isFalse();
    assertThat(again.message()).contains("--retry");
  }

  @Test
  void relayAdd_newRelayReady_andInTheBlockProducersTopology() throws Exception {
    startHealthy();
    ActionResult r = pool.addRelay("region-a");
    assertThat(r.node()).isEqualTo("relay-region-a-1");
    await().atMost(UP).until(() -> pool.status().healthy() && pool.status().nodes().size() == 4);
    NodeStatus added = pool.status().nodes().stream().filter(n -> n.name().equals("relay-region-a-1")).findFirst()
        .orElseThrow();
    assertThat(added.ready()).isTrue();
    var bpTopology = StateJson.MAPPER.readTree(dir.resolve("data/nodes/block-producer/topology.json").toFile());
    assertThat(bpTopology.at("/localRoots/0/accessPoints").findValuesAsText("port"))
        .contains(String.valueOf(added.nodeToNodePort()));
    assertThat(bpTopology.at("/localRoots/0/hotValency").asInt()).isEqualTo(3);
    assertThat(pool.status().nodes().get(0).peers()).contains("relay-region-a-1");
  }

  @Test
  void demoHotKeys_inRam_blockProducerForges_keysRemovedOnStop() throws Exception {
    Path data = dir.resolve("data");
    Path keyDir = HotKeySetup.directoryFor(data, "test");
    LocalPoolOptions options = TestPools.options(dir);
    HotKeyFiles keys = options.hotKeys().orElseThrow();
    assertThat(keys.kesKey()).startsWith(keyDir);
    assertThat(Files.getPosixFilePermissions(keyDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(Files.getPosixFilePermissions(keys.kesKey())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    pool = LocalPool.start(options);
    await().atMost(UP).until(() -> pool.status().healthy());
    int metrics = pool.status().nodes().get(0).metricsPort();
    String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metrics
        + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    // 10.5.3's official config uses the legacy tracing system: legacy names.
    assertThat(text).containsPattern("cardano_node_metrics_forging_enabled(_int)? 1")
        .contains("cardano_node_metrics_remainingKESPeriods_int");
    assertThat(Files.readString(data.resolve("nodes/block-producer/node.log"))).contains("Block producer of pool");
    pool.close();
    assertThat(keyDir).doesNotExist();
  }

  @Test
  void restartOnTheSameDataDir_adoptsTheRunningNodes() throws Exception {
    startHealthy();
    List<Long> pids = pool.status().nodes().stream().map(NodeStatus::pid).toList();
    pool.close();
    assertThat(pids).allMatch(p -> ProcessHandle.of(p).map(h -> !h.isAlive()).orElse(true));
    // A clean stop records it: the next start starts the nodes afresh, with no failure counted.
    pool = LocalPool.start(TestPools.options(dir));
    await().atMost(UP).until(() -> pool.status().healthy());
    assertThat(pool.status().nodes()).allMatch(n -> n.restarts() == 0);
  }
}
