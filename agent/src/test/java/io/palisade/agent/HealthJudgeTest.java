package io.palisade.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.agent.metrics.Fixtures;
import io.palisade.agent.metrics.MetricStyle;
import io.palisade.agent.metrics.MetricsExposition;
import io.palisade.agent.metrics.NodeMetric;
import io.palisade.agent.metrics.NodeMetrics;
import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.chain.KnownNetwork;
import io.palisade.ouroboros.ChainTip;
import io.palisade.ouroboros.Point;
import io.palisade.spec.NodeRole;
import io.palisade.testing.SharedData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The verdict rules, one scenario each, on fixed chain time. */
class HealthJudgeTest {
  private static final GenesisParameters PREVIEW = KnownNetwork.PREVIEW.genesis();
  private static final ChainClock CLOCK = new ChainClock(PREVIEW, Clock.systemUTC());
  private static final Instant T0 = Instant.parse("2025-04-28T08:40:34Z");
  private static final long SLOT0 = CLOCK.slotAt(T0);
  private final HealthJudge judge = new HealthJudge(AgentConfig.defaults());

  /** A relay scrape at {@code T0 + seconds} whose tip is {@code gap} slots behind. */
  private static NodeObservation relay(long seconds, long gap) {
    return relay(seconds, gap, Map.of());
  }

  private static NodeObservation relay(long seconds, long gap, Map<NodeMetric, Double> extra) {
    Map<NodeMetric, Double> m = new HashMap<>(Map.of(
        NodeMetric.SLOT_NUM, (double) (SLOT0 + seconds - gap), NodeMetric.BLOCK_NUM, 1000.0 + seconds,
        NodeMetric.HOT_PEERS, 5.0, NodeMetric.WARM_PEERS, 10.0, NodeMetric.GSM_STATE, 2.0,
        NodeMetric.NODE_START_TIME, 1.7e9));
    m.putAll(extra);
    return NodeObservation.scraped(T0.plusSeconds(seconds), metrics(m));
  }

  static NodeMetrics metrics(Map<NodeMetric, Double> values) {
    MetricsExposition e = new MetricsExposition(MetricStyle.NEW_TRACING);
    values.forEach((k, v) -> {
      if (v != null) {
        e.value(k, v);
      }
    });
    try {
      return NodeMetrics.parse(e.render());
    } catch (Exception ex) {
      throw new AssertionError(ex);
    }
  }

  private List<HealthReport> run(List<NodeObservation> observations) {
    return run(judge, observations);
  }

  private static List<HealthReport> run(HealthJudge j, List<NodeObservation> observations) {
    List<HealthReport> out = new ArrayList<>();
    Optional<HealthReport> prev = Optional.empty();
    for (NodeObservation o : observations) {
      HealthReport r = j.judge(prev, o, CLOCK);
      out.add(r);
      prev = Optional.of(r);
    }
    return out;
  }

  @Test
  void hysteresis_entersStrictly_leavesPastTheHold() {
    // The first observation has no history: 50 slots past the last block is likely (8 %) for a node at the tip.
    long[] gaps = {50, 10, 250, 301, 700, 901, 650, 600, 30, 15};
    NodeState[] expected = {NodeState.SYNCED, NodeState.SYNCED, NodeState.SYNCED, NodeState.LAGGING,
        NodeState.LAGGING, NodeState.SYNCING, NodeState.SYNCING, NodeState.LAGGING, NodeState.LAGGING,
        NodeState.SYNCED};
    List<NodeObservation> obs = new ArrayList<>();
    for (int i = 0; i < gaps.length; i++) {
      obs.add(relay(i * 10L, gaps[i]));
    }
    List<HealthReport> rs = run(obs);
    for (int i = 0; i < gaps.length; i++) {
      assertThat(rs.get(i).state()).as("gap %d after %s", gaps[i], i == 0 ? "nothing" : rs.get(i - 1).state())
          .isEqualTo(expected[i]);
      assertThat(rs.get(i).gap()).hasValue(gaps[i]);
      assertThat(rs.get(i).ready()).isEqualTo(expected[i] == NodeState.SYNCED);
      assertThat(rs.get(i).live()).isTrue();
    }
  }

  @Test
  void thresholds_areConfigurable() {
    HealthJudge strict = new HealthJudge(AgentConfig.defaults().withSyncThresholds(5, 10, 50, 60));
    List<HealthReport> rs = run(strict, List.of(relay(0, 4), relay(10, 9), relay(20, 11), relay(30, 55),
        relay(40, 61)));
    assertThat(rs).extracting(HealthReport::state).containsExactly(NodeState.SYNCED, NodeState.SYNCED,
        NodeState.LAGGING, NodeState.LAGGING, NodeState.SYNCING);
  }

  @Test
  void gsmNotCaughtUp_keepsTheNodeOutOfSynced() {
    HealthReport r = run(List.of(relay(0, 3, Map.of(NodeMetric.GSM_STATE, 1.0)))).get(0);
    assertThat(r.state()).isEqualTo(NodeState.LAGGING);
    assertThat(r.reasons()).anyMatch(x -> x.contains("GSM state 1"));
  }

  @Test
  void tipAheadOfTheClock_isSyncedWithAClockWarning() {
    HealthReport r = run(List.of(relay(0, -120))).get(0);
    assertThat(r.state()).isEqualTo(NodeState.SYNCED);
    assertThat(r.reasons()).anyMatch(x -> x.startsWith("warning:") && x.contains("NTP"));
  }

  @Test
  void relay_needsEnoughHotPeers_unknownPeersDoNotBlock() {
    HealthReport few = run(List.of(relay(0, 0, Map.of(NodeMetric.HOT_PEERS, 1.0)))).get(0);
    assertThat(few.ready()).isFalse();
    assertThat(few.reasons()).anyMatch(x -> x.contains("1 hot peers, a relay needs 2"));
    Map<NodeMetric, Double> noPeers = new HashMap<>();
    noPeers.put(NodeMetric.HOT_PEERS, null);
    HealthReport unknown = run(List.of(relay(0, 0, noPeers))).get(0);
    assertThat(unknown.hotPeers()).isEmpty();
    assertThat(unknown.ready()).isTrue();
    assertThat(unknown.reasons()).anyMatch(x -> x.contains("hot peers unknown"));
  }

  @Test
  void portDeadOnANodePastStartup_isDown_notLive() {
    PortProbeResult refused = new PortProbeResult(PortProbeResult.Outcome.UNREACHABLE, List.of(), Optional.empty(),
        "Connection refused", Duration.ZERO);
    List<HealthReport> rs = run(List.of(relay(0, 0).withPort(refused), relay(10, 0).withPort(refused),
        relay(20, 0).withPort(refused)));
    assertThat(rs.get(1).state()).isEqualTo(NodeState.SYNCED);
    assertThat(rs.get(1).live()).isTrue();
    assertThat(rs.get(2).state()).isEqualTo(NodeState.DOWN);
    assertThat(rs.get(2).live()).isFalse();
    assertThat(rs.get(2).reasons()).anyMatch(x -> x.contains("port failed 3 probes"));
  }

  @Test
  void portClosedDuringTheReplay_isNotCounted_soAPortOpeningJustAfterTheFirstTipIsNotJudgedDead() {
    // The replay: metrics without a tip, the port closed (it opens once the chain database is open).
    PortProbeResult closed = new PortProbeResult(PortProbeResult.Outcome.UNREACHABLE, List.of(), Optional.empty(),
        "Connection refused", Duration.ZERO);
    List<NodeObservation> obs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      obs.add(NodeObservation.scraped(T0.plusSeconds(i), metrics(Map.of(NodeMetric.BLOCK_REPLAY_PROGRESS, i * 10.0)))
          .withPort(closed));
    }
    // The first tip metric arrives a moment before the port opens.
    obs.add(relay(10, 0).withPort(closed));
    ChainTip tip = new ChainTip(Point.of(SLOT0 + 11, "aa".repeat(32)), 1011);
    PortProbeResult open = new PortProbeResult(PortProbeResult.Outcome.ANSWERED, List.of(14, 15, 16),
        Optional.of(tip), "", Duration.ZERO);
    obs.add(relay(11, 0).withPort(open));
    List<HealthReport> rs = run(obs);
    assertThat(rs.subList(0, 10)).allSatisfy(r -> {
      assertThat(r.state()).isEqualTo(NodeState.STARTING);
      assertThat(r.portFailures()).isZero();
    });
    HealthReport firstTip = rs.get(10);
    assertThat(firstTip.portFailures()).isEqualTo(1);
    assertThat(firstTip.state()).isEqualTo(NodeState.SYNCED);
    assertThat(firstTip.live()).as(firstTip.reasons().toString()).isTrue();
    HealthReport portOpen = rs.get(11);
    assertThat(portOpen.portFailures()).isZero();
    assertThat(portOpen.ready()).as(portOpen.reasons().toString()).isTrue();
  }

  @Test
  void aFailedScrapeOnANodePastStartup_stillCountsPortFailures() {
    PortProbeResult refused = new PortProbeResult(PortProbeResult.Outcome.UNREACHABLE, List.of(), Optional.empty(),
        "Connection refused", Duration.ZERO);
    List<HealthReport> rs = run(List.of(relay(0, 0).withPort(refused),
        NodeObservation.scrapeFailed(T0.plusSeconds(10), "timeout").withPort(refused),
        relay(20, 0).withPort(refused)));
    assertThat(rs).extracting(HealthReport::portFailures).containsExactly(1, 2, 3);
    assertThat(rs.get(2).live()).isFalse();
  }

  @Test
  void afterARestart_withoutSlotNum_thePortTipDecides() {
    // slotNum is absent until the first block is added after a start, but the port already serves the tip.
    Map<NodeMetric, Double> noTip = new HashMap<>();
    noTip.put(NodeMetric.SLOT_NUM, null);
    noTip.put(NodeMetric.BLOCK_NUM, null);
    ChainTip tip = new ChainTip(Point.of(SLOT0 - 4, "bb".repeat(32)), 4242);
    PortProbeResult ok = new PortProbeResult(PortProbeResult.Outcome.ANSWERED, List.of(14, 15, 16), Optional.of(tip),
        "", Duration.ZERO);
    HealthReport withPort = run(List.of(relay(0, 0, noTip).withPort(ok))).get(0);
    assertThat(withPort.state()).isEqualTo(NodeState.SYNCED);
    assertThat(withPort.tipSlot()).hasValue(SLOT0 - 4);
    assertThat(withPort.tipBlock()).hasValue(4242);
    HealthReport withoutPort = run(List.of(relay(0, 0, noTip))).get(0);
    assertThat(withoutPort.state()).isEqualTo(NodeState.STARTING);
    assertThat(withoutPort.live()).isTrue();
  }

  @Test
  void wrongNetwork_isNotReady_butLive() {
    PortProbeResult other = new PortProbeResult(PortProbeResult.Outcome.WRONG_NETWORK, List.of(), Optional.empty(),
        "the peer refused version 14: version data mismatch: networkMagic 2 /= 1", Duration.ZERO);
    HealthReport r = run(List.of(relay(0, 0).withPort(other))).get(0);
    assertThat(r.live()).isTrue();
    assertThat(r.ready()).isFalse();
    assertThat(r.reasons()).anyMatch(x -> x.contains("another network"));
  }

  @Test
  void metricsDeadButPortAnswers_judgesFromThePortTip_notLive() {
    ChainTip tip = new ChainTip(Point.of(SLOT0 + 25, "aa".repeat(32)), 77);
    PortProbeResult ok = new PortProbeResult(PortProbeResult.Outcome.ANSWERED, List.of(14, 15), Optional.of(tip), "",
        Duration.ZERO);
    List<NodeObservation> obs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      obs.add(NodeObservation.scrapeFailed(T0.plusSeconds(30), "HTTP 500").withPort(ok));
    }
    List<HealthReport> rs = run(obs);
    assertThat(rs).allSatisfy(r -> {
      assertThat(r.tipSlot()).hasValue(SLOT0 + 25);
      assertThat(r.tipBlock()).hasValue(77);
      assertThat(r.state()).isEqualTo(NodeState.SYNCED);
    });
    assertThat(rs.get(1).live()).isTrue();
    assertThat(rs.get(2).live()).isFalse();
    assertThat(rs.get(2).started()).isFalse();
  }

  @Test
  void nothingAnswers_fromTheStart_isDown_notStarted() {
    List<HealthReport> rs = run(List.of(NodeObservation.scrapeFailed(T0, "Connection refused"),
        NodeObservation.scrapeFailed(T0.plusSeconds(10), "Connection refused"),
        NodeObservation.scrapeFailed(T0.plusSeconds(20), "Connection refused")));
    assertThat(rs).allSatisfy(r -> {
      assertThat(r.state()).isEqualTo(NodeState.DOWN);
      assertThat(r.started()).isFalse();
      assertThat(r.ready()).isFalse();
    });
    assertThat(rs.get(0).live()).isTrue();
    assertThat(rs.get(2).live()).isFalse();
  }

  @Test
  void legacyBlockProducer_atItsOwnTime_isSyncedReady_withKesFromTheClock() throws Exception {
    // cardano-node issue #5075: mainnet slot 89321798, KES period 689, opcert 647..709, 20 periods left.
    GenesisParameters mainnet = KnownNetwork.MAINNET.genesis();
    ChainClock clock = new ChainClock(mainnet, Clock.systemUTC());
    NodeMetrics m = NodeMetrics.parse(Fixtures.text("legacy-bp-1.35.5.prom"));
    Instant at = clock.startOfSlot(89321798).plusSeconds(5);
    HealthReport r = judge.judge(Optional.empty(), NodeObservation.scraped(at, m), clock);
    assertThat(r.state()).isEqualTo(NodeState.SYNCED);
    assertThat(r.role()).isEqualTo(NodeRole.BLOCK_PRODUCER);
    assertThat(r.ready()).as(r.reasons().toString()).isTrue();
    assertThat(r.nodeVersion()).hasValue("1.35.5");
    KesStatus kes = r.kes().orElseThrow();
    assertThat(kes.currentPeriod()).isEqualTo(689);
    assertThat(kes.periodsRemaining()).isEqualTo(20).isEqualTo(kes.nodeRemainingPeriods().getAsLong());
    assertThat(kes.opcertExpiryPeriod()).isEqualTo(709);
    assertThat(kes.expiresAt()).isEqualTo(Instant.parse("2023-05-07T09:44:51Z"));
    assertThat(kes.warning()).isEqualTo(KesWarning.NONE);
  }

  @Test
  void kesExpiry_matchesCardanoCliKesPeriodInfo() {
    // cardano-node issue #3627, `cardano-cli query kes-period-info` on mainnet: current period 404, start 372,
    // end 434, qKesKesKeyExpiry 2022-03-20T21:44:51Z.
    ChainClock clock = new ChainClock(KnownNetwork.MAINNET.genesis(), Clock.systemUTC());
    Instant at = clock.startOfKesPeriod(404).plusSeconds(3600);
    NodeMetrics m = metrics(Map.of(NodeMetric.SLOT_NUM, (double) clock.slotAt(at), NodeMetric.FORGING_ENABLED, 1.0,
        NodeMetric.OPCERT_START_KES_PERIOD, 372.0, NodeMetric.HOT_PEERS, 2.0));
    KesStatus kes = judge.judge(Optional.empty(), NodeObservation.scraped(at, m), clock).kes().orElseThrow();
    assertThat(kes.currentPeriod()).isEqualTo(404);
    assertThat(kes.opcertExpiryPeriod()).isEqualTo(434);
    assertThat(kes.periodsRemaining()).isEqualTo(30);
    assertThat(kes.expiresAt()).isEqualTo(Instant.parse("2022-03-20T21:44:51Z"));
  }

  @Test
  void kesWarnings_at10_5_1Days_andExpiry() throws Exception {
    GenesisParameters mainnet = KnownNetwork.MAINNET.genesis();
    ChainClock clock = new ChainClock(mainnet, Clock.systemUTC());
    NodeMetrics m = NodeMetrics.parse(Fixtures.text("legacy-bp-1.35.5.prom"));
    Instant expiry = Instant.parse("2023-05-07T09:44:51Z");
    Map<Duration, KesWarning> cases = Map.of(
        Duration.ofDays(11), KesWarning.NONE, Duration.ofDays(9), KesWarning.WITHIN_10_DAYS,
        Duration.ofDays(4), KesWarning.WITHIN_5_DAYS, Duration.ofHours(12), KesWarning.WITHIN_1_DAY,
        Duration.ofHours(-1), KesWarning.EXPIRED);
    cases.forEach((before, warning) -> {
      HealthReport r = judge.judge(Optional.empty(), NodeObservation.scraped(expiry.minus(before), m), clock);
      assertThat(r.kes().orElseThrow().warning()).as("%s before expiry", before).isEqualTo(warning);
      if (warning != KesWarning.NONE) {
        assertThat(r.reasons()).anyMatch(x -> x.startsWith("warning:") && x.contains("KES key"));
      }
    });
    HealthReport expired = judge.judge(Optional.empty(), NodeObservation.scraped(expiry.plusSeconds(60), m), clock);
    assertThat(expired.kes().orElseThrow().periodsRemaining()).isLessThanOrEqualTo(0);
    assertThat(expired.ready()).isFalse();
    assertThat(expired.reasons()).anyMatch(x -> x.contains("KES key has expired"));
  }

  @Test
  void opcertFile_givesTheCounter_andAMismatchIsReported() throws Exception {
    // kes-agent fixture: a cardano-cli opcert with counter 7 and KES period 1430.
    OperationalCertificate cert = OperationalCertificate.read(SharedData.require("vectors/kes-agent-fixtures/opcert.cert"));
    assertThat(cert.issueCounter()).isEqualTo(7);
    assertThat(cert.kesPeriod()).isEqualTo(1430);
    GenesisParameters mainnet = KnownNetwork.MAINNET.genesis();
    ChainClock clock = new ChainClock(mainnet, Clock.systemUTC());
    NodeMetrics m = NodeMetrics.parse(Fixtures.text("legacy-bp-1.35.5.prom"));
    HealthReport r = judge.judge(Optional.empty(),
        NodeObservation.scraped(clock.startOfSlot(89321798), m).withOpcert(cert), clock);
    assertThat(r.kes().orElseThrow().opcertCounter()).hasValue(7);
    assertThat(r.kes().orElseThrow().opcertStartPeriod()).isEqualTo(647);
    assertThat(r.reasons()).anyMatch(x -> x.contains("restart the node to load the new certificate"));
  }

  @Test
  void blockProducer_withForgingDisabled_isNotReady() {
    HealthJudge bp = new HealthJudge(AgentConfig.defaults().withRole(Optional.of(NodeRole.BLOCK_PRODUCER)));
    HealthReport r = run(bp, List.of(relay(0, 0, Map.of(NodeMetric.FORGING_ENABLED, 0.0,
        NodeMetric.OPCERT_START_KES_PERIOD, (double) CLOCK.kesPeriodAt(T0))))).get(0);
    assertThat(r.state()).isEqualTo(NodeState.SYNCED);
    assertThat(r.ready()).isFalse();
    assertThat(r.reasons()).anyMatch(x -> x.contains("forging is not enabled"));
    HealthReport noKes = run(bp, List.of(relay(0, 0, Map.of(NodeMetric.FORGING_ENABLED, 1.0)))).get(0);
    assertThat(noKes.ready()).isFalse();
    assertThat(noKes.reasons()).anyMatch(x -> x.contains("no KES information"));
  }

  @Test
  void opcertFromTheFuture_isNotReady() {
    HealthReport r = run(List.of(relay(0, 0, Map.of(NodeMetric.FORGING_ENABLED, 1.0,
        NodeMetric.OPCERT_START_KES_PERIOD, (double) CLOCK.kesPeriodAt(T0) + 3)))).get(0);
    assertThat(r.role()).isEqualTo(NodeRole.BLOCK_PRODUCER);
    assertThat(r.ready()).isFalse();
    assertThat(r.reasons()).anyMatch(x -> x.contains("cannot forge until then"));
  }

  @Property(tries = 200)
  void aReplay_neverFailsLiveness(
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 7200) Integer> steps,
      @ForAll boolean probePort) {
    // Metrics served, no tip yet (replay), port closed as it is during a replay; any timing.
    PortProbeResult closed = new PortProbeResult(PortProbeResult.Outcome.UNREACHABLE, List.of(), Optional.empty(),
        "Connection refused", Duration.ZERO);
    Optional<HealthReport> prev = Optional.empty();
    long t = 0;
    for (int step : steps) {
      t += step;
      NodeObservation o = NodeObservation.scraped(T0.plusSeconds(t),
          metrics(Map.of(NodeMetric.BLOCK_REPLAY_PROGRESS, Math.min(100.0, t / 100.0))));
      HealthReport r = judge.judge(prev, probePort ? o.withPort(closed) : o, CLOCK);
      assertThat(r.state()).isEqualTo(NodeState.STARTING);
      assertThat(r.live()).isTrue();
      assertThat(r.started()).isTrue();
      assertThat(r.ready()).isFalse();
      prev = Optional.of(r);
    }
  }

  @Property(tries = 300)
  void stateAlwaysAgreesWithTheThresholds(@ForAll("gaps") List<Long> gaps) {
    AgentConfig c = AgentConfig.defaults();
    Optional<HealthReport> prev = Optional.empty();
    long t = 0;
    for (long gap : gaps) {
      t += 10;
      HealthReport r = judge.judge(prev, relay(t, gap), CLOCK);
      switch (r.state()) {
        case SYNCED -> assertThat(gap).isLessThanOrEqualTo(c.syncedHoldSlots());
        case LAGGING -> assertThat(gap).isBetween(c.syncedWithinSlots() + 1, c.laggingHoldSlots());
        case SYNCING -> assertThat(gap).isGreaterThan(c.laggingWithinSlots());
        default -> throw new AssertionError("a served tip is never " + r.state());
      }
      if (gap <= c.syncedWithinSlots()) {
        assertThat(r.state()).isEqualTo(NodeState.SYNCED);
      }
      if (gap > c.laggingHoldSlots()) {
        assertThat(r.state()).isEqualTo(NodeState.SYNCING);
      }
      assertThat(r.ready()).isEqualTo(r.state() == NodeState.SYNCED);
      prev = Optional.of(r);
    }
  }

  @Provide
  Arbitrary<List<Long>> gaps() {
    return Arbitraries.longs().between(0, 1500).list().ofMinSize(1).ofMaxSize(30);
  }
}
