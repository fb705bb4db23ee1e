package io.palisade.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.agent.metrics.Fixtures;
import io.palisade.agent.metrics.MetricStyle;
import io.palisade.agent.metrics.NodeMetrics;
import io.palisade.chain.ChainClock;
import io.palisade.chain.KnownNetwork;
import io.palisade.spec.NodeRole;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Block producers are recognised from any forging evidence, and their KES status is computed from whatever subset of
 * the KES metrics they expose: real scrapes of older and newer nodes lack {@code forging_enabled} and the start
 * period.
 */
class BlockProducerEvidenceTest {
  private static final ChainClock MAINNET = new ChainClock(KnownNetwork.MAINNET.genesis(), Clock.systemUTC());
  private static final HealthJudge JUDGE = new HealthJudge(AgentConfig.defaults());

  /**
   * The legacy block producer's scrape as cardano-node 1.35.5 wrote it (issue #5075): the KES gauges
   * {@code currentKESPeriod_int}, {@code remainingKESPeriods_int}, {@code operationalCertificateExpiryKESPeriod_int}
   * and the {@code Forge_*}/{@code blocksForgedNum_int} counters, but neither {@code forging_enabled} nor the start
   * period: the fixture's two added lines removed.
   */
  private static String legacy135() {
    return Fixtures.text("legacy-bp-1.35.5.prom").lines()
        .filter(l -> !l.startsWith("cardano_node_metrics_forging_enabled ")
            && !l.startsWith("cardano_node_metrics_operationalCertificateStartKESPeriod_int "))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  private static HealthReport judgeAtItsOwnTime(String scrape) throws Exception {
    Instant at = MAINNET.startOfSlot(89321798).plusSeconds(5);
    return JUDGE.judge(Optional.empty(), NodeObservation.scraped(at, NodeMetrics.parse(scrape)), MAINNET);
  }

  @Test
  void legacy135Producer_withoutForgingEnabledOrStartPeriod_isABlockProducer_withKesFromTheExpiry() throws Exception {
    String scrape = legacy135();
    assertThat(scrape).doesNotContain("forging_enabled").doesNotContain("StartKESPeriod");
    HealthReport r = judgeAtItsOwnTime(scrape);
    assertThat(r.role()).isEqualTo(NodeRole.BLOCK_PRODUCER);
    assertThat(r.forgingEnabled()).hasValue(true);
    KesStatus kes = r.kes().orElseThrow();
    assertThat(kes.opcertStartPeriod()).isEqualTo(647);
    assertThat(kes.opcertExpiryPeriod()).isEqualTo(709);
    assertThat(kes.periodsRemaining()).isEqualTo(20).isEqualTo(kes.nodeRemainingPeriods().getAsLong());
    assertThat(kes.expiresAt()).isEqualTo(Instant.parse("2023-05-07T09:44:51Z"));
    assertThat(kes.basis()).isEqualTo("operationalCertificateExpiryKESPeriod_int - 62 (maxKESEvolutions)");
    assertThat(r.ready()).as(r.reasons().toString()).isTrue();
    assertThat(r.reasons())
        .anyMatch(x -> x.startsWith("kes: 20 of 62 KES periods left") && x.contains("expires 2023-05-07T09:44:51Z")
            && x.contains("from operationalCertificateExpiryKESPeriod_int - 62"))
        .anyMatch(x -> x.startsWith("readiness: judged as a block producer") && x.contains("Forge_forged_int")
            && x.contains("blocksForgedNum_int") && x.contains("currentKESPeriod_int"))
        .anyMatch(x -> x.startsWith("readiness: forging taken as enabled"));
  }

  @Test
  void legacyProducer_withOnlyCurrentAndRemaining_takesTheStartFromTheirSum() throws Exception {
    String scrape = legacy135().lines()
        .filter(l -> !l.startsWith("cardano_node_metrics_operationalCertificateExpiryKESPeriod_int "))
        .collect(Collectors.joining("\n", "", "\n"));
    KesStatus kes = judgeAtItsOwnTime(scrape).kes().orElseThrow();
    assertThat(kes.opcertStartPeriod()).isEqualTo(647);
    assertThat(kes.basis()).isEqualTo("currentKESPeriod_int + remainingKESPeriods_int - 62 (maxKESEvolutions)");
  }

  @Test
  void legacyProducer_withOnlyForgeCounters_isABlockProducer_notReadyWithoutKes() throws Exception {
    String scrape = legacy135().lines().filter(l -> !l.contains("KESPeriod"))
        .collect(Collectors.joining("\n", "", "\n"));
    HealthReport r = judgeAtItsOwnTime(scrape);
    assertThat(r.role()).isEqualTo(NodeRole.BLOCK_PRODUCER);
    assertThat(r.kes()).isEmpty();
    assertThat(r.ready()).isFalse();
    assertThat(r.reasons()).anyMatch(x -> x.contains("no KES information"));
  }

  @Test
  void newTracingProducer_withBlocksForged_butNoForgingEnabledOrStart_isABlockProducer_withKes() throws Exception {
    // A recorded 10.5.0 producer's scrape, as a node writes it without forging_enabled and the start gauge (11.x
    // style): blocksForged_int, the Forge_* counters and the KES gauges remain.
    TimeSeries.Sample real = TimeSeries.node("node-5").get(120);
    Map<String, Double> removed = new HashMap<>();
    removed.put("forging_enabled_int", null);
    removed.put("operationalCertificateStartKESPeriod_int", null);
    TimeSeries.Sample sample = real.with(removed);
    assertThat(sample.metrics()).containsKey("blocksForged_int");
    ChainClock clock = new ChainClock(TimeSeries.genesis(), Clock.systemUTC());
    for (MetricStyle style : new MetricStyle[] {MetricStyle.NEW_TRACING, MetricStyle.NEW_TRACING_NOSUFFIX}) {
      NodeMetrics m = NodeMetrics.parse(sample.render(style, true));
      HealthReport r = JUDGE.judge(Optional.empty(), NodeObservation.scraped(sample.time(), m), clock);
      assertThat(r.role()).as("%s", style).isEqualTo(NodeRole.BLOCK_PRODUCER);
      KesStatus kes = r.kes().orElseThrow();
      assertThat(kes.opcertStartPeriod()).isZero();
      assertThat(kes.periodsRemaining()).isEqualTo(62);
      assertThat(kes.basis()).startsWith("operationalCertificateExpiryKESPeriod");
      assertThat(r.ready()).as(r.reasons().toString()).isTrue();
      assertThat(r.reasons()).anyMatch(x -> x.contains("judged as a block producer") && x.contains("blocksForged"));
    }
  }

  @Test
  void producerStartedWithoutForgingCredentials_isNotReady_whenItsRoleIsKnown() throws Exception {
    // A producer whose node started without its KES key, VRF key and opcert: forging_enabled 0, no forge counters,
    // no KES gauges. From the metrics alone it looks like a relay; told its role, the agent holds it not ready.
    TimeSeries.Sample real = TimeSeries.node("node-5").get(120);
    Map<String, Double> changes = new HashMap<>();
    real.metrics().keySet().stream().filter(k -> k.startsWith("Forge_") || k.contains("KESPeriod")
        || k.equals("blocksForged_int") || k.equals("nodeIsLeader_int") || k.equals("nodeCannotForge_int")
        || k.equals("slotsMissed_int") || k.equals("forgedSlotLast_int")).forEach(k -> changes.put(k, null));
    changes.put("forging_enabled_int", 0.0);
    TimeSeries.Sample sample = real.with(changes);
    ChainClock clock = new ChainClock(TimeSeries.genesis(), Clock.systemUTC());
    NodeMetrics m = NodeMetrics.parse(sample.render(MetricStyle.NEW_TRACING, true));
    NodeObservation obs = NodeObservation.scraped(sample.time(), m);

    HealthReport auto = JUDGE.judge(Optional.empty(), obs, clock);
    assertThat(auto.role()).isEqualTo(NodeRole.RELAY);
    HealthReport told = new HealthJudge(AgentConfig.defaults().withRole(Optional.of(NodeRole.BLOCK_PRODUCER)))
        .judge(Optional.empty(), obs, clock);
    assertThat(told.state()).isEqualTo(NodeState.SYNCED);
    assertThat(told.ready()).isFalse();
    assertThat(told.reasons()).anyMatch(x -> x.startsWith("readiness: not ready: forging is not enabled"));
  }

  @Test
  void configuredRelay_thatForges_isWarnedAbout() throws Exception {
    HealthReport r = new HealthJudge(AgentConfig.defaults().withRole(Optional.of(NodeRole.RELAY)))
        .judge(Optional.empty(), NodeObservation.scraped(MAINNET.startOfSlot(89321798).plusSeconds(5),
            NodeMetrics.parse(legacy135())), MAINNET);
    assertThat(r.role()).isEqualTo(NodeRole.RELAY);
    assertThat(r.reasons()).anyMatch(x -> x.startsWith("warning: configured as a relay, but the node shows forging"));
  }

  @Test
  void forgingEvidence_namesWhatItSaw_andAZeroForgingEnabledIsNoEvidence() throws Exception {
    ForgingEvidence relay = ForgingEvidence.of(NodeMetrics.parse("cardano_node_metrics_forging_enabled 0\n"
        + "cardano_node_metrics_slotNum_int 5\n"));
    assertThat(relay.showsBlockProducer()).isFalse();
    assertThat(relay.forgingEnabled()).hasValue(false);
    ForgingEvidence legacy = ForgingEvidence.of(NodeMetrics.parse(legacy135()));
    assertThat(legacy.showsBlockProducer()).isTrue();
    assertThat(legacy.forgingInferred()).isTrue();
    assertThat(legacy.forgeCounters()).contains("Forge_adopted_int", "Forge_forged_int", "blocksForgedNum_int");
    assertThat(legacy.kesMetrics()).containsExactlyInAnyOrder("currentKESPeriod_int", "remainingKESPeriods_int",
        "operationalCertificateExpiryKESPeriod_int");
    assertThat(ForgingEvidence.of(NodeMetrics.parse("cardano_node_metrics_slotNum_int 5\n")).forgingEnabled())
        .isEmpty();
  }
}
