package io.palisade.simnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.chain.ChainClock;
import io.palisade.chain.KnownNetwork;
import io.palisade.keys.bundle.DemoKeys;
import io.palisade.keys.bundle.HotKeyBundle;
import io.palisade.keys.bundle.HotKeys;
import io.palisade.simnode.forge.ForgeCounters;
import io.palisade.simnode.testing.NodeFiles;
import io.palisade.spec.NodeVersion;
import io.palisade.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A simulated block producer reads its opcert and reports forging and KES metrics from it. */
class BlockProducerTest {
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  @TempDir Path dir;
  final MutableClock clock = MutableClock.stoppedAt(NOW);
  final ByteArrayOutputStream log = new ByteArrayOutputStream();
  SimNode node;

  @AfterEach
  void close() {
    if (node != null) {
      node.close();
    }
  }

  private Path keys() throws Exception {
    ChainClock chain = new ChainClock(KnownNetwork.PREVIEW.genesis(), clock);
    DemoKeys.Result demo = DemoKeys.create(Files.createDirectory(dir.resolve("bundle")), chain);
    char[] pass = demo.readPassphrase();
    Path keys = Files.createDirectory(dir.resolve("keys"));
    try (HotKeys hot = HotKeyBundle.open(demo.bundle(), pass, Optional.of(demo.poolIdHex()))) {
      hot.writeNodeFiles(keys);
    }
    return keys;
  }

  private SimNode start(Path keys, String... extra) throws Exception {
    Path config = NodeFiles.config(dir, NodeFiles.newTracing(0));
    Path topology = NodeFiles.topology(dir);
    RunArguments args = RunArguments.parse(List.of("--topology", topology.toString(), "--database-path",
        dir.resolve("db").toString(), "--socket-path", dir.resolve("s").toString(), "--port", "0", "--config",
        config.toString(), "--shelley-kes-key", keys.resolve("kes.skey").toString(), "--shelley-vrf-key",
        keys.resolve("vrf.skey").toString(), "--shelley-operational-certificate", keys.resolve("node.cert").toString()));
    if (extra.length > 0) {
      List<String> all = new java.util.ArrayList<>(args.toList());
      all.addAll(List.of(extra));
      args = RunArguments.parse(all);
    }
    node = SimNode.start(args, new SimNodeSettings(NodeVersion.parse("10.5.3"), Duration.ofSeconds(1), 1000, null),
        clock, new PrintStream(log, true, StandardCharsets.UTF_8), s -> { });
    return node;
  }

  @Test
  void demoKeys_forgingEnabled_kesMetricsFromTheOpcert_leaderSlotsCounted() throws Exception {
    start(keys());
    ChainClock chain = new ChainClock(KnownNetwork.PREVIEW.genesis(), clock);
    long period = chain.kesPeriodAt(NOW);
    clock.advance(Duration.ofSeconds(5));
    String text = SimNodeTest.scrape(node);
    assertThat(text).contains("cardano_node_metrics_forging_enabled_int 1")
        .contains("cardano_node_metrics_currentKESPeriod_int " + period)
        .contains("cardano_node_metrics_operationalCertificateStartKESPeriod_int " + period)
        .contains("cardano_node_metrics_operationalCertificateExpiryKESPeriod_int " + (period + 62))
        .contains("cardano_node_metrics_remainingKESPeriods_int 62");
    // Following the chain for two hours of preview slots at a 5 % share: about 2 * 3600 * 0.00256 = 18 leader slots.
    for (int i = 0; i < 120; i++) {
      clock.advance(Duration.ofMinutes(1));
      node.tick();
    }
    ForgeCounters c = node.snapshot().forging().counters();
    assertThat(c.isLeader()).isBetween(5L, 45L);
    assertThat(c.forged()).isEqualTo(c.isLeader());
    assertThat(c.adopted() + c.didntAdopt()).isEqualTo(c.forged());
    assertThat(c.aboutToLead()).isEqualTo(c.notLeader() + c.isLeader()).isGreaterThan(7000);
    assertThat(node.forgedBlocks()).hasSize((int) c.forged())
        .allSatisfy(b -> assertThat(b.opcertCounter()).isZero());
    assertThat(node.forgedBlocks().get((int) c.forged() - 1).slot()).isEqualTo(c.lastForgedSlot());
    assertThat(SimNodeTest.scrape(node)).contains("cardano_node_metrics_Forge_forged_counter " + c.forged())
        .contains("cardano_node_metrics_blocksForged_int " + c.forged())
        .contains("cardano_node_metrics_Forge_node_is_leader_counter " + c.isLeader())
        .contains("cardano_node_metrics_Forge_about_to_lead_counter " + c.aboutToLead())
        .contains("cardano_node_metrics_forgedSlotLast_int " + c.lastForgedSlot());
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("Block producer of pool ").contains("opcert counter 0")
        .contains("Forged a block in slot " + c.lastForgedSlot());
  }

  @Test
  void nonProducingNode_forgingDisabled_noForgeLoop_neverForges() throws Exception {
    start(keys(), "--start-as-non-producing-node");
    assertThat(node.snapshot().forging().enabled()).isFalse();
    for (int i = 0; i < 60; i++) {
      clock.advance(Duration.ofMinutes(1));
      node.tick();
    }
    assertThat(node.forgedBlocks()).isEmpty();
    assertThat(node.snapshot().forging().counters()).isEqualTo(ForgeCounters.NONE);
    assertThat(SimNodeTest.scrape(node)).contains("cardano_node_metrics_forging_enabled_int 0")
        .doesNotContain("KESPeriod").doesNotContain("Forge_");
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("started as a non-producing node");
  }

  @Test
  void relay_hasNoForgingMetrics() throws Exception {
    Path config = NodeFiles.config(dir, NodeFiles.newTracing(0));
    RunArguments args = RunArguments.parse(List.of("--topology", NodeFiles.topology(dir).toString(),
        "--database-path", dir.resolve("db").toString(), "--socket-path", "s", "--port", "0", "--config",
        config.toString()));
    node = SimNode.start(args, new SimNodeSettings(NodeVersion.parse("10.5.3"), Duration.ZERO, 1000, null), clock,
        new PrintStream(log, true, StandardCharsets.UTF_8), s -> { });
    assertThat(SimNodeTest.scrape(node)).doesNotContain("forging_enabled").doesNotContain("KESPeriod");
  }

  @Test
  void tamperedOpcert_refusesToStart() throws Exception {
    Path keys = keys();
    String cert = Files.readString(keys.resolve("node.cert"));
    // Flip one hex digit of the CBOR (inside the certified KES key): the cold key's signature no longer holds.
    int i = cert.lastIndexOf("\"cborHex\": \"") + 40;
    char c = cert.charAt(i);
    Files.writeString(keys.resolve("node.cert"), cert.substring(0, i) + (c == '0' ? '1' : '0')
        + cert.substring(i + 1));
    assertThatThrownBy(() -> start(keys)).hasMessageContaining("operational certificate");
    node = null;
  }
}
