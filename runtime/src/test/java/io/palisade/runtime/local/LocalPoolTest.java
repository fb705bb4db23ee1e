package io.palisade.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.control.ControlEvent;
import io.palisade.control.HealthState;
import io.palisade.control.RolloutRecord;
import io.palisade.control.StateJson;
import io.palisade.control.api.ActionResult;
import io.palisade.control.api.HotKeyStatus;
import io.palisade.control.api.NodeStatus;
import io.palisade.control.api.PoolStatus;
import io.palisade.runtime.plane.ControlPlane;
import io.palisade.runtime.plane.ControlPlaneClient;
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
  /** The pool with its API, for the tests that use the API. */
  ControlPlane plane;

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
    plane = ControlPlane.start(TestPools.options(dir));
    pool = plane.pool();
    await().atMost(UP).pollInterval(Duration.ofMillis(300)).until(() -> pool.status().healthy());
  }

  @Test
  void comesUpHealthy_apiNeedsTheToken_killedRelayComesBack() throws Exception {
    startHealthy();
    PoolStatus s = pool.status();
    assertThat(s.nodes()).extracting(NodeStatus::name)
        .containsExactly("block-producer", "relay-region-a-0", "relay-region-b-0");
    assertThat(s.nodes()).allMatch(n -> n.ready() && n.pid() != null && n.state() == HealthState.SYNCED);
    NodeStatus bp = s.nodes().get(0);
    assertThat(bp.peers()).containsExactly("relay-region-a-0", "relay-region-b-0");
    Path data = dir.resolve("data");
    assertThat(Files.getPosixFilePermissions(data.resolve("token")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    // The API: the client with the token works; no token gets 401.
    ControlPlaneClient client = ControlPlaneClient.connect(new DataDir(data));
    assertThat(client.status().pool()).isEqualTo("test");
    HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(plane.url() + "/v1/status")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    HttpResponse<String> wrong = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(plane.url() + "/v1/status")).header("Authorization", "Bearer " + "0".repeat(64)).build(),
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
  void withATickOfAnHour_aKilledRelayIsBackAndReady_andARolloutWalks_onWakeUpsAlone() throws Exception {
    // The loop's periodic pass comes once an hour, never within this test: everything below is driven by its
    // wake-ups alone (a node process that exits, a verdict that changes, an upgrade asked for, a rollout step's hold
    // that ends), as recovery in about a second needs. The bounds are generous (a loaded machine starts JVMs slowly);
    // what proves the wake-ups is that no periodic pass can have come.
    plane = ControlPlane.start(TestPools.options(dir).withTick(Duration.ofHours(1)));
    pool = plane.pool();
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> pool.status().healthy());

    long pid = pool.pidOf("relay-region-a-0").orElseThrow();
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
        .until(() -> pool.pidOf("relay-region-a-0").filter(p -> p != pid).isPresent());
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> pool.status().healthy());

    assertThat(pool.upgrade(NodeVersion.parse("10.6.0"), false, false).accepted()).isTrue();
    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200))
        .until(() -> pool.status().rollout() == null && pool.status().history().size() == 1);
    assertThat(pool.status().history().get(0).outcome()).isEqualTo(RolloutRecord.Outcome.SUCCEEDED);
  }

  @Test
  void upgrade_good_walksNodeByNode_thenBad_rollsBackAndIsRefusedWithoutRetry() throws Exception {
    startHealthy();
    ActionResult accepted = pool.upgrade(NodeVersion.parse("10.6.0"), false, false);
    assertThat(accepted.accepted()).isTrue();
    assertThat(pool.upgrade(NodeVersion.parse("10.6.1"), false, false).message()).contains("in progress");
    await().atMost(Duration.ofMinutes(4)).until(() -> pool.status().version().toString().equals("10.6.0")
        && pool.status().healthy());
    List<String> order = pool.events(200).stream().filter(e -> e.reason().equals("NodeUpgrading"))
        .map(ControlEvent::node).toList();
    assertThat(order).containsExactly("relay-region-a-0", "relay-region-b-0", "block-producer");
    assertThat(pool.status().nodes()).allMatch(n -> "10.6.0".equals(String.valueOf(n.runningVersion())));

    // A version whose nodes never get ready: rolled back, the pool ends as it started.
    Files.writeString(dir.resolve("data/faults.json"), "{\"neverReadyVersions\": [\"10.7.0\"]}");
    assertThat(pool.upgrade(NodeVersion.parse("10.7.0"), false, false).accepted()).isTrue();
    await().atMost(Duration.ofMinutes(2)).until(() -> pool.status().history().size() == 2);
    PoolStatus after = pool.status();
    assertThat(after.history().get(1).outcome()).isEqualTo(RolloutRecord.Outcome.ROLLED_BACK);
    assertThat(after.failedVersions()).singleElement().satisfies(f -> assertThat(f.version().toString())
        .isEqualTo("10.7.0"));
    await().atMost(UP).until(() -> pool.status().healthy());
    assertThat(pool.status().nodes()).allMatch(n -> "10.6.0".equals(String.valueOf(n.runningVersion())));
    ActionResult again = pool.upgrade(NodeVersion.parse("10.7.0"), false, false);
    assertThat(again.accepted()).isFalse();
    assertThat(again.message()).contains("--retry");
  }

  @Test
  void relayAdd_newRelayReady_andInTheBlockProducersTopology() throws Exception {
    startHealthy();
    ActionResult r = pool.addRelay("region-a");
    assertThat(r.node()).isEqualTo("relay-region-a-1");
    await().atMost(UP).until(() -> healthyWith(4));
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

  /**
   * Whether one status shows the pool healthy with {@code nodes} nodes. (Two status calls could see a healthy pool of
   * the old size and then the new relay, just admitted and not ready yet.)
   */
  private boolean healthyWith(int nodes) {
    PoolStatus s = pool.status();
    return s.healthy() && s.nodes().size() == nodes;
  }

  private static boolean dead(long pid) {
    return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
  }

  private NodeStatus node(String name) {
    return pool.status().nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void deleteVolume_resyncs_removeRelay_staysRemovedAfterARestart_thenDeletePool() throws Exception {
    io.palisade.spec.LoadedPoolSpec spec = TestPools.threeRelays(dir);
    Path data = dir.resolve("data");
    pool = LocalPool.start(TestPools.withDemoKeys(spec, data));
    await().atMost(UP).pollInterval(Duration.ofMillis(300)).until(() -> pool.status().healthy());

    // Delete a volume: the relay is stopped, its chain database wiped, started again; it resyncs.
    long before = pool.pidOf("relay-region-b-0").orElseThrow();
    Files.writeString(data.resolve("nodes/relay-region-b-0/db/marker"), "old chain");
    ActionResult wiped = pool.deleteVolume("relay-region-b-0");
    assertThat(wiped.accepted()).as(wiped.message()).isTrue();
    assertThat(dead(before)).isTrue();
    assertThat(data.resolve("nodes/relay-region-b-0/db/marker")).doesNotExist();
    assertThat(pool.status().healthy()).as("restarting with an empty database").isFalse();
    await().atMost(UP).until(() -> pool.status().healthy());
    assertThat(pool.events(50)).extracting(ControlEvent::reason).contains("VolumeDeleted");

    // Remove a relay: out of the block producer's topology, then stopped.
    long relay = pool.pidOf("relay-region-a-0").orElseThrow();
    int port = node("relay-region-a-0").nodeToNodePort();
    ActionResult removed = pool.removeNode("relay-region-a-0", true);
    assertThat(removed.accepted()).as(removed.message()).isTrue();
    assertThat(dead(relay)).isTrue();
    var bpTopology = StateJson.MAPPER.readTree(data.resolve("nodes/block-producer/topology.json").toFile());
    assertThat(bpTopology.at("/localRoots/0/accessPoints").findValuesAsText("port"))
        .doesNotContain(String.valueOf(port)).hasSize(2);
    PoolStatus s = pool.status();
    assertThat(s.nodes()).extracting(NodeStatus::name)
        .containsExactly("block-producer", "relay-region-a-1", "relay-region-b-0");
    assertThat(s.removedNodes()).containsExactly("relay-region-a-0");
    assertThat(s.nodes().get(0).peers()).containsExactly("relay-region-a-1", "relay-region-b-0");
    assertThat(pool.events(50)).extracting(ControlEvent::reason).contains("NodeRemoved", "TopologyUpdated");
    assertThat(pool.removeNode("block-producer", false).message()).contains("is the block producer");
    assertThat(data.resolve("nodes/relay-region-a-0")).as("its directory stays").isDirectory();

    // A restart of the control plane does not bring it back; a new relay in its region gets a new name.
    pool.close();
    pool = LocalPool.start(TestPools.withDemoKeys(spec, data));
    await().atMost(UP).until(() -> pool.status().healthy());
    assertThat(pool.status().nodes()).extracting(NodeStatus::name)
        .containsExactly("block-producer", "relay-region-a-1", "relay-region-b-0");
    assertThat(pool.addRelay("region-a").node()).isEqualTo("relay-region-a-2");
    await().atMost(UP).until(() -> healthyWith(4));
    assertThat(pool.removeNode("relay-region-a-2", true).accepted()).isTrue();
    assertThat(pool.removeNode("relay-region-a-1", true).accepted()).isTrue();
    // The last relay stays.
    assertThat(pool.removeNode("relay-region-b-0", true).message()).contains("last relay");

    // Delete the pool: every node stops, the runtime state goes, the console's directory and the event log stay.
    Files.createDirectories(data.resolve("console"));
    Files.writeString(data.resolve("console/console.mv.db"), "the console's database");
    List<Long> pids = pool.status().nodes().stream().map(NodeStatus::pid).toList();
    assertThat(pool.deletePool().accepted()).isTrue();
    pool.awaitStopped();
    assertThat(pids).allMatch(LocalPoolTest::dead);
    assertThat(data.resolve("nodes")).doesNotExist();
    assertThat(data.resolve("state.json")).doesNotExist();
    assertThat(data.resolve("desired.json")).doesNotExist();
    assertThat(data.resolve("console/console.mv.db")).hasContent("the console's database");
    assertThat(Files.readString(data.resolve("events.jsonl"))).contains("PoolDeleted");
    assertThat(HotKeySetup.directoryFor(data, "test")).doesNotExist();
    pool = null;
  }

  @Test
  void rotateKeys_installsTheSpecsBundle_revokeKeys_wipesThem_andARestartKeepsThemRevoked() throws Exception {
    io.palisade.spec.LoadedPoolSpec spec = TestPools.spec(dir, "keys:\n  hotKeyBundle: hot-keys.json\n");
    Path data = dir.resolve("data");
    Path bundle = dir.resolve("hot-keys.json");
    Path passFile = TestBundles.passphraseFile(dir);
    var chain = new io.palisade.chain.ChainClock(spec.genesis(), java.time.Clock.systemUTC());
    try (TestBundles bundles = new TestBundles(chain)) {
      bundles.next(bundle);
      Path keyDir = HotKeySetup.directoryFor(data, "test");
      HotKeyFiles first = HotKeySetup.open(bundle, TestBundles.PASSPHRASE.toCharArray(), java.util.Optional.empty(),
          keyDir);
      LocalPoolOptions options = TestPools.options(spec, data).withHotKeys(first).withHotKeyPassphraseFile(passFile);
      pool = LocalPool.start(options);
      await().atMost(UP).until(() -> pool.status().healthy());
      assertThat(pool.status().keys().opcertCounter()).isZero();

      // The same bundle again is no rotation.
      assertThat(pool.rotateKeys(io.palisade.control.KeyChanges.Key.KES, null).message()).contains("not above");
      bundles.next(bundle);
      long bp = pool.pidOf("block-producer").orElseThrow();
      ActionResult rotated = pool.rotateKeys(io.palisade.control.KeyChanges.Key.KES, null);
      assertThat(rotated.accepted()).as(rotated.message()).isTrue();
      assertThat(dead(bp)).isTrue();
      assertThat(pool.status().keys().state()).isEqualTo(HotKeyStatus.State.INSTALLED);
      assertThat(pool.status().keys().opcertCounter()).isEqualTo(1);
      assertThat(first.kesKey()).as("the old keys are wiped").doesNotExist();
      await().atMost(UP).until(() -> pool.status().healthy());
      assertThat(pool.events(50)).extracting(ControlEvent::reason).contains("KeysRotated");

      // Revoke: the keys leave memory, the block producer runs without them and is not ready (it cannot forge).
      long bp2 = pool.pidOf("block-producer").orElseThrow();
      ActionResult revoked = pool.revokeKeys(io.palisade.control.KeyChanges.Key.KES, "laptop stolen");
      assertThat(revoked.accepted()).as(revoked.message()).isTrue();
      assertThat(dead(bp2)).isTrue();
      assertThat(keyDir).doesNotExist();
      assertThat(pool.status().keys().state()).isEqualTo(HotKeyStatus.State.REVOKED);
      await().atMost(UP).until(() -> node("block-producer").processAlive()
          && node("block-producer").reasons().stream().anyMatch(r -> r.contains("forging")));
      assertThat(node("block-producer").ready()).isFalse();
      assertThat(pool.rotateKeys(io.palisade.control.KeyChanges.Key.KES, null).message()).contains("revoked");
      assertThat(pool.revokeKeys(io.palisade.control.KeyChanges.Key.COLD, "").message())
          .contains("never comes online");

      // 'palisade up' again opens the bundle it is given; the revocation wins.
      pool.close();
      HotKeyFiles reopened = HotKeySetup.open(bundle, TestBundles.PASSPHRASE.toCharArray(),
          java.util.Optional.empty(), keyDir);
      pool = LocalPool.start(TestPools.options(spec, data).withHotKeys(reopened).withHotKeyPassphraseFile(passFile));
      assertThat(pool.status().keys().state()).isEqualTo(HotKeyStatus.State.REVOKED);
      assertThat(reopened.kesKey()).doesNotExist();

      // A new bundle, rotated in through the console, ends the revocation.
      bundles.next(bundle);
      ActionResult again = pool.rotateKeys(io.palisade.control.KeyChanges.Key.KES, passFile.toString());
      assertThat(again.accepted()).as(again.message()).isTrue();
      await().atMost(UP).until(() -> pool.status().healthy());
      assertThat(pool.status().keys().opcertCounter()).isEqualTo(2);
    }
  }
}
