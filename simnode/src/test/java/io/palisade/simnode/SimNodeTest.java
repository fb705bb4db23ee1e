package io.palisade.simnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.palisade.ouroboros.ChainTip;
import io.palisade.ouroboros.handshake.HandshakeRefusedException;
import io.palisade.ouroboros.n2c.Era;
import io.palisade.ouroboros.n2c.LedgerQueries;
import io.palisade.ouroboros.n2c.PoolId;
import io.palisade.ouroboros.n2n.NodeToNodeClient;
import io.palisade.ouroboros.n2n.NodeToNodeResponder;
import io.palisade.ouroboros.n2n.NodeToNodeServer;
import io.palisade.simnode.testing.NodeFiles;
import io.palisade.spec.NodeVersion;
import io.palisade.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A simulated node in-process, on a clock the test moves. */
class SimNodeTest {
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  // preview: slot = unix seconds - 1666656000
  static final long SLOT_NOW = NOW.getEpochSecond() - 1_666_656_000L;

  @TempDir Path dir;
  final MutableClock clock = MutableClock.stoppedAt(NOW);
  final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  final AtomicInteger exitStatus = new AtomicInteger(-1);
  SimNode node;

  @AfterEach
  void close() {
    if (node != null) {
      node.close();
    }
  }

  SimNode start(String tracing, String version, Path faultFile) throws Exception {
    Path config = NodeFiles.config(dir, tracing);
    Path topology = NodeFiles.topology(dir);
    RunArguments args = RunArguments.parse(List.of("--topology", topology.toString(), "--database-path",
        dir.resolve("db").toString(), "--socket-path", dir.resolve("node.socket").toString(), "--port", "0",
        "--config", config.toString(), "--host-addr", "127.0.0.1"));
    SimNodeSettings settings = new SimNodeSettings(NodeVersion.parse(version), Duration.ofSeconds(10), 100,
        faultFile == null ? null : faultFile.toString());
    node = SimNode.start(args, settings, clock, new PrintStream(logBytes, true, StandardCharsets.UTF_8),
        exitStatus::set);
    return node;
  }

  static String scrape(SimNode n) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + n.metricsPort() + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  @Test
  void replaysThenCatchesUpThenFollowsTheChainClock() throws Exception {
    start(NodeFiles.newTracing(0), "10.5.3", null);
    NodeSnapshot replaying = node.snapshot();
    assertThat(replaying.phase()).isEqualTo(NodeSnapshot.Phase.REPLAYING);
    String text = scrape(node);
    assertThat(text).contains("cardano_node_metrics_blockReplayProgress_real 0.0\n")
        .contains("# TYPE cardano_node_metrics_GSM_state_int gauge\ncardano_node_metrics_GSM_state_int 0")
        .contains("cardano_node_metrics_cardano_build_info{version=\"10.5.3\"")
        .contains("# TYPE cardano_node_metrics_cardano_build_info info")
        .doesNotContain("slotNum")
        .endsWith("# EOF\n");

    clock.advance(Duration.ofSeconds(12));
    NodeSnapshot syncing = node.snapshot();
    // A fresh database starts 300 slots behind and catches up at 100 slots/s.
    assertThat(syncing.tipSlot()).isBetween(SLOT_NOW - 300 + 12 - 2000, SLOT_NOW + 12);

    clock.advance(Duration.ofSeconds(4));
    NodeSnapshot following = node.snapshot();
    assertThat(following.phase()).isEqualTo(NodeSnapshot.Phase.FOLLOWING);
    assertThat(following.expectedSlot()).isEqualTo(SLOT_NOW + 16);
    assertThat(following.expectedSlot() - following.tipSlot()).isBetween(0L, 200L);
    String synced = scrape(node);
    assertThat(synced).contains("cardano_node_metrics_slotNum_int " + following.tipSlot())
        .contains("cardano_node_metrics_GSM_state_int 2")
        .contains("cardano_node_metrics_epoch_int " + following.epoch())
        .contains("cardano_node_metrics_blockReplayProgress_real 100.0\n");
  }

  @Test
  void neverReadyVersion_staysFarBehind_otherVersionsDoNot() throws Exception {
    Path faults = dir.resolve("faults.json");
    Files.writeString(faults, "{\"neverReadyVersions\": [\"10.6.0\"]}");
    start(NodeFiles.newTracing(0), "10.6.0", faults);
    clock.advance(Duration.ofMinutes(5));
    NodeSnapshot s = node.snapshot();
    assertThat(s.phase()).isEqualTo(NodeSnapshot.Phase.SYNCING);
    assertThat(s.expectedSlot() - s.tipSlot()).isGreaterThanOrEqualTo(SyncModel.NEVER_READY_LAG);
    assertThat(scrape(node)).contains("cardano_node_metrics_GSM_state_int 1");
  }

  @Test
  void stopSyncing_freezesTheTip_andClearingItResumes() throws Exception {
    Path faults = dir.resolve("faults.json");
    start(NodeFiles.newTracing(0), "10.5.3", faults);
    clock.advance(Duration.ofSeconds(20));
    long before = node.snapshot().tipSlot();
    Files.writeString(faults, "{\"stopSyncing\": true}");
    await().atMost(Duration.ofSeconds(10)).until(() -> node.faults().stopSyncing());
    clock.advance(Duration.ofMinutes(20));
    assertThat(node.snapshot().tipSlot()).isBetween(before - 1, before + 100);
    assertThat(node.snapshot().phase()).isEqualTo(NodeSnapshot.Phase.SYNCING);
    Files.writeString(faults, "{}");
    await().atMost(Duration.ofSeconds(10)).until(() -> !node.faults().stopSyncing());
    clock.advance(Duration.ofSeconds(30));
    assertThat(node.snapshot().phase()).isEqualTo(NodeSnapshot.Phase.FOLLOWING);
  }

  @Test
  void crashFault_exitsWithStatus1() throws Exception {
    Path faults = dir.resolve("faults.json");
    start(NodeFiles.newTracing(0), "10.5.3", faults);
    Files.writeString(faults, "{\"crash\": true}");
    await().atMost(Duration.ofSeconds(10)).until(() -> exitStatus.get() == 1);
    assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("Exiting with status 1: crash fault");
  }

  @Test
  void hangFault_metricsStopAnswering() throws Exception {
    Path faults = dir.resolve("faults.json");
    start(NodeFiles.newTracing(0), "10.5.3", faults);
    Files.writeString(faults, "{\"hang\": true}");
    await().atMost(Duration.ofSeconds(10)).until(() -> node.faults().hang());
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.metricsPort() + "/metrics"))
        .timeout(Duration.ofMillis(800)).build();
    assertThatThrownBy(() -> client.send(req, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.net.http.HttpTimeoutException.class);
    Files.writeString(faults, "{}");
    await().atMost(Duration.ofSeconds(10)).until(() -> !node.faults().hang());
    assertThat(scrape(node)).contains("# EOF");
  }

  @Test
  void legacyConfig_servesLegacyNames() throws Exception {
    start(NodeFiles.legacy(0), "10.5.3", null);
    clock.advance(Duration.ofSeconds(30));
    String text = scrape(node);
    assertThat(text).doesNotContain("# TYPE").doesNotContain("# EOF").doesNotContain("GSM_state")
        .contains("cardano_node_metrics_cardano_build_info {version=\"10.5.3\"")
        .contains("cardano_node_metrics_slotNum_int ")
        .contains("cardano_node_metrics_connectionManager_outgoingConns 0")
        .contains("cardano_node_metrics_peerSelection_hot 0");
  }

  @Test
  void metricsServer_answersOnlyGetAndHeadOnMetrics() throws Exception {
    start(NodeFiles.newTracing(0), "10.5.3", null);
    HttpClient client = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + node.metricsPort();
    assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/other")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode()).isEqualTo(405);
    assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode()).isEqualTo(200);
  }

  @Test
  void peers_countLocalRootsThatHandshakeOnOurNetwork_andTopologyReloads() throws Exception {
    try (NodeToNodeServer preview = NodeToNodeServer.start(new InetSocketAddress("127.0.0.1", 0),
            new NodeToNodeResponder(2, () -> ChainTip.ORIGIN));
        NodeToNodeServer mainnet = NodeToNodeServer.start(new InetSocketAddress("127.0.0.1", 0),
            new NodeToNodeResponder(764824073L, () -> ChainTip.ORIGIN))) {
      start(NodeFiles.newTracing(0), "10.5.3", null);
      clock.advance(Duration.ofSeconds(30));
      NodeFiles.topology(dir, preview.address().getPort(), mainnet.address().getPort(), 1);
      // Only the peer on our network counts; the mainnet one refuses our magic, the third does not answer.
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        NodeSnapshot s = node.snapshot();
        assertThat(s.localRoots()).isEqualTo(3);
        assertThat(s.hotPeers()).isEqualTo(1);
      });
      assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("Topology reloaded: 3 local root peer(s)");
    }
  }

  @Test
  void nodeToNodePort_answersTheHandshakeAndTheTip_closesWhileHung() throws Exception {
    Path faults = dir.resolve("faults.json");
    start(NodeFiles.newTracing(0), "10.5.3", faults);
    clock.advance(Duration.ofSeconds(30));
    await().atMost(Duration.ofSeconds(10)).until(() -> node.nodeToNodePort() > 0);
    int port = node.nodeToNodePort();
    NodeToNodeClient client = new NodeToNodeClient(new InetSocketAddress("127.0.0.1", port), 2,
        Duration.ofSeconds(3));
    assertThat(client.queryVersions()).isNotEmpty();
    ChainTip tip = client.readTip().tip();
    assertThat(tip.slot()).hasValue(node.snapshot().tipSlot());
    assertThatThrownBy(() -> new NodeToNodeClient(new InetSocketAddress("127.0.0.1", port), 1,
        Duration.ofSeconds(3)).queryVersions()).isInstanceOf(HandshakeRefusedException.class);
    Files.writeString(faults, "{\"hang\": true}");
    await().atMost(Duration.ofSeconds(10)).until(() -> node.nodeToNodePort() == -1);
    assertThat(node.nodeToClientOpen()).isFalse();
    assertThatThrownBy(client::queryVersions).isInstanceOf(java.io.IOException.class);
    Files.writeString(faults, "{}");
    await().atMost(Duration.ofSeconds(10)).until(() -> node.nodeToNodePort() > 0 && node.nodeToClientOpen());
  }

  @Test
  void nodeToClientSocket_opensAfterTheReplay_aRelaysLedgerKnowsNoPool() throws Exception {
    start(NodeFiles.newTracing(0), "10.5.3", null);
    assertThat(node.nodeToClientOpen()).isFalse();
    clock.advance(Duration.ofSeconds(30));
    await().atMost(Duration.ofSeconds(10)).until(node::nodeToClientOpen);
    try (LedgerQueries q = LedgerQueries.open(dir.resolve("node.socket"), 2, Duration.ofSeconds(10))) {
      assertThat(q.currentEra()).isEqualTo(Era.CONWAY);
      assertThat(q.epoch()).isEqualTo(node.snapshot().epoch());
      assertThat(q.protocolState().lastSlot()).hasValue(node.snapshot().tipSlot());
      assertThat(q.protocolState().opcertCounters()).isEmpty();
      PoolId pool = new PoolId("ab".repeat(28));
      assertThat(q.stakeSnapshots(pool).pool(pool).orElseThrow().set()).isZero();
      assertThat(q.genesisConfig().networkMagic()).isEqualTo(2);
    }
    assertThatThrownBy(() -> LedgerQueries.open(dir.resolve("node.socket"), 1, Duration.ofSeconds(5)))
        .isInstanceOf(HandshakeRefusedException.class);
  }

  @Test
  void restart_resumesFromTheSavedTip_andRefusesAnotherNetworksDatabase() throws Exception {
    start(NodeFiles.newTracing(0), "10.5.3", null);
    clock.advance(Duration.ofSeconds(30));
    long tip = node.snapshot().tipSlot();
    node.close();
    clock.advance(Duration.ofHours(1));
    start(NodeFiles.newTracing(0), "10.5.3", null);
    clock.advance(Duration.ofSeconds(12));
    // One hour behind, catching up at 100 slots/s: still syncing, from the saved tip.
    NodeSnapshot s = node.snapshot();
    assertThat(s.phase()).isEqualTo(NodeSnapshot.Phase.SYNCING);
    assertThat(s.tipSlot()).isBetween(tip - 2000, tip + 200);
    node.close();
    Files.writeString(dir.resolve("db/protocolMagicId"), "764824073");
    assertThatThrownBy(() -> start(NodeFiles.newTracing(0), "10.5.3", null))
        .hasMessageContaining("belongs to network magic 764824073, not 2");
    node = null;
  }

  @Test
  void badFaultFile_isReportedAndIgnored_nodeKeepsRunning() throws Exception {
    Path faults = dir.resolve("faults.json");
    start(NodeFiles.newTracing(0), "10.5.3", faults);
    Files.writeString(faults, "{\"crahs\": true}");
    await().atMost(Duration.ofSeconds(10)).until(() -> logBytes.toString(StandardCharsets.UTF_8)
        .contains("Ignoring an unreadable fault file"));
    assertThat(exitStatus.get()).isEqualTo(-1);
    assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("crahs");
  }
}
