package io.palisade.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.agent.metrics.MetricStyle;
import io.palisade.agent.metrics.MetricsSource;
import io.palisade.agent.metrics.NodeMetric;
import io.palisade.agent.metrics.NodeMetrics;
import io.palisade.agent.metrics.ScrapeException;
import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.spec.NodeRole;
import io.palisade.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Drives the agent through the real 4-hour recording of six nodes: each minute's scrape, served in turn in the
 * legacy, new-tracing and nosuffix styles, through a {@link NodeWatcher} whose clock follows the recording.
 */
class RecordedSeriesTest {
  private static final MetricStyle[] STYLES = MetricStyle.values();

  @Test
  void genesis_matchesTheRecordedNetwork() {
    GenesisParameters g = TimeSeries.genesis();
    // The implied system start is the nodes' own start time: the cluster started with its genesis.
    assertThat(g.systemStart().getEpochSecond())
        .isEqualTo(TimeSeries.node("node-0").get(0).get("node_start_time_int").orElseThrow().longValue());
    ChainClock clock = new ChainClock(g, java.time.Clock.systemUTC());
    for (TimeSeries.Sample s : TimeSeries.all()) {
      s.get("slotNum_int").ifPresent(slot -> {
        assertThat(clock.epochOf(slot.longValue())).isEqualTo(s.get("epoch_int").orElseThrow().longValue());
        assertThat(clock.slotInEpoch(slot.longValue())).isEqualTo(s.get("slotInEpoch_int").orElseThrow().longValue());
      });
    }
  }

  @Test
  void fourHours_sixNodes_startingThenSyncedReadyAndLive() {
    int reports = 0;
    for (int i = 0; i < 6; i++) {
      List<TimeSeries.Sample> samples = TimeSeries.node("node-" + i);
      List<HealthReport> rs = drive(samples, AgentConfig.defaults());
      reports += rs.size();
      for (int k = 0; k < rs.size(); k++) {
        HealthReport r = rs.get(k);
        TimeSeries.Sample s = samples.get(k);
        assertThat(r.started()).isTrue();
        assertThat(r.live()).as("node-%d at %s: %s", i, s.time(), r.reasons()).isTrue();
        assertThat(r.role()).isEqualTo(NodeRole.BLOCK_PRODUCER);
        if (s.get("slotNum_int").isEmpty()) {
          // The restart: node-0..2's first scrape has no slotNum yet (no block added since the start).
          assertThat(k).isZero();
          assertThat(r.state()).isEqualTo(NodeState.STARTING);
          assertThat(r.ready()).isFalse();
          assertThat(r.tipSlot()).isEmpty();
          assertThat(r.reasons()).anyMatch(x -> x.contains("no tip yet"));
        } else {
          assertThat(r.state()).as("node-%d at %s: %s", i, s.time(), r.reasons()).isEqualTo(NodeState.SYNCED);
          assertThat(r.ready()).as("node-%d at %s: %s", i, s.time(), r.reasons()).isTrue();
          assertThat(r.tipSlot()).hasValue(s.get("slotNum_int").orElseThrow().longValue());
          assertThat(r.gap().getAsLong()).isBetween(0L, 300L);
          assertThat(r.hotPeers()).hasValue(3);
          assertThat(r.forgingEnabled()).hasValue(true);
          KesStatus kes = r.kes().orElseThrow();
          assertThat(kes.periodsRemaining()).isEqualTo(62);
          assertThat(kes.nodeRemainingPeriods()).hasValue(62);
          assertThat(kes.opcertExpiryPeriod()).isEqualTo(62);
          assertThat(kes.expiresAt()).isEqualTo(TimeSeries.systemStart().plusSeconds(62L * 129_600));
          assertThat(kes.warning()).isEqualTo(KesWarning.NONE);
        }
      }
    }
    assertThat(reports).isEqualTo(6 * 239);
  }

  @Test
  void withoutHysteresis_healthyNodesWouldFlapBetweenSyncedAndLagging() {
    // Tips move only when a block arrives: healthy nodes were up to 138 slots behind between blocks.
    long maxGap = 0;
    int lagging = 0;
    AgentConfig noHold = AgentConfig.defaults().withSyncThresholds(20, 20, 600, 600);
    for (int i = 0; i < 6; i++) {
      for (HealthReport r : drive(TimeSeries.node("node-" + i), noHold)) {
        maxGap = Math.max(maxGap, r.gap().orElse(0));
        lagging += r.state() == NodeState.LAGGING ? 1 : 0;
      }
    }
    assertThat(maxGap).isBetween(100L, 300L);
    assertThat(lagging).isGreaterThan(100);
  }

  @Test
  void restartMidSeries_scrapesFail_thenReplay_thenNoSlotNum_thenSynced() {
    List<TimeSeries.Sample> real = TimeSeries.node("node-4");
    MutableClock time = MutableClock.stoppedAt(real.get(0).time());
    List<Optional<TimeSeries.Sample>> script = new ArrayList<>();
    for (int k = 0; k < 100; k++) {
      script.add(Optional.of(real.get(k)));
    }
    // The node dies: three scrapes fail.
    for (int k = 100; k < 103; k++) {
      script.add(Optional.empty());
    }
    // It comes back replaying: no tip metrics, blockReplayProgress rising, a new start time.
    double newStart = real.get(103).time().getEpochSecond() - 10;
    for (int k = 103; k < 106; k++) {
      script.add(Optional.of(real.get(k).with(withoutTip(Map.of("blockReplayProgress_real", 30.0 * (k - 102),
          "node_start_time_int", newStart)))));
    }
    // Replay done, no block added yet: still no slotNum.
    script.add(Optional.of(real.get(106).with(withoutTip(Map.of("blockReplayProgress_real", 100.0,
        "node_start_time_int", newStart)))));
    for (int k = 107; k < real.size(); k++) {
      script.add(Optional.of(real.get(k).with(Map.of("node_start_time_int", newStart))));
    }
    List<HealthReport> rs = driveScript(real, script, time, AgentConfig.defaults());

    assertThat(rs.get(99).state()).isEqualTo(NodeState.SYNCED);
    // One or two failed scrapes change nothing yet; the third is DOWN.
    assertThat(rs.get(100).state()).isEqualTo(NodeState.SYNCED);
    assertThat(rs.get(101).ready()).isTrue();
    assertThat(rs.get(101).reasons()).anyMatch(x -> x.contains("2 of 3 before DOWN"));
    assertThat(rs.get(102).state()).isEqualTo(NodeState.DOWN);
    assertThat(rs.get(102).live()).isFalse();
    assertThat(rs.get(102).started()).isFalse();
    assertThat(rs.get(102).ready()).isFalse();
    // Replaying: started, live, not ready, progress reported.
    for (int k = 103; k <= 106; k++) {
      HealthReport r = rs.get(k);
      assertThat(r.state()).isEqualTo(NodeState.STARTING);
      assertThat(r.started()).isTrue();
      assertThat(r.live()).isTrue();
      assertThat(r.ready()).isFalse();
    }
    assertThat(rs.get(103).replayProgress()).hasValue(30.0);
    assertThat(rs.get(103).reasons()).anyMatch(x -> x.contains("restarted")).anyMatch(x -> x.contains("30.00 %"));
    // Back on the chain: SYNCED as soon as a scrape is within 20 slots, and SYNCED to the end.
    int firstSynced = -1;
    for (int k = 107; k < rs.size(); k++) {
      if (rs.get(k).state() == NodeState.SYNCED && firstSynced < 0) {
        firstSynced = k;
      }
      assertThat(rs.get(k).live()).isTrue();
    }
    // The first tip after the replay has no sync history: judged on the block interval, a gap a node between two
    // blocks reaches is SYNCED at once (no LAGGING detour), and the reason says it rests on one observation.
    assertThat(firstSynced).isEqualTo(107);
    assertThat(rs.get(107).reasons()).anyMatch(x -> x.startsWith("state: SYNCED") && x.contains("one observation"));
    assertThat(rs.subList(firstSynced, rs.size())).allMatch(r -> r.state() == NodeState.SYNCED && r.ready());
  }

  @Test
  void hoursLongReplay_neverFailsLiveness() {
    // A legacy-tracing node replaying for 3 hours shows no tip metrics at all; a new-tracing one shows progress.
    List<TimeSeries.Sample> real = TimeSeries.node("node-1");
    MutableClock time = MutableClock.stoppedAt(real.get(0).time());
    List<Optional<TimeSeries.Sample>> script = new ArrayList<>();
    for (int k = 0; k < 180; k++) {
      Map<String, Double> changes = k % 2 == 0 ? withoutTip(Map.of()) : withoutTip(Map.of("blockReplayProgress_real",
          k / 1.8));
      script.add(Optional.of(real.get(k).with(changes)));
    }
    // The node-to-node port is closed during a replay: probe it and see it fail every time.
    PortProbeResult closed = new PortProbeResult(PortProbeResult.Outcome.UNREACHABLE, List.of(), Optional.empty(),
        "Connection refused", Duration.ofMillis(1));
    List<HealthReport> rs = driveScript(real, script, time, AgentConfig.defaults(), Optional.of(closed));
    assertThat(rs).allSatisfy(r -> {
      assertThat(r.state()).isEqualTo(NodeState.STARTING);
      assertThat(r.live()).as(r.reasons().toString()).isTrue();
      assertThat(r.started()).isTrue();
    });
    // A closed port is expected while replaying: it is not counted against the node.
    assertThat(rs).allMatch(r -> r.portFailures() == 0);
  }

  @Test
  void frozenTip_whileThePoolMovesOn_failsLiveness_afterStuckAfter() {
    // From minute 60 node-2's metrics stop moving (the process is wedged but still serves its last values) while the
    // other five nodes go on: the controller's view of them shows the chain moving past node-2's tip.
    List<HealthReport> rs = driveScript(TimeSeries.node("node-2"), wedgedFrom(60, Map.of()), AgentConfig.defaults(),
        Optional.empty(), realPool("node-2"));
    Instant frozenSince = rs.get(59).tipProgress().orElseThrow().since();
    for (int k = 60; k < 120; k++) {
      HealthReport r = rs.get(k);
      boolean overdue = Duration.between(frozenSince, r.observedAt()).compareTo(Duration.ofMinutes(30)) > 0;
      assertThat(r.live()).as("minute %d", k).isEqualTo(!overdue);
    }
    HealthReport last = rs.get(119);
    assertThat(last.reasons()).anyMatch(x -> x.startsWith("liveness: failing") && x.contains("has stayed at slot")
        && x.contains("another node of the pool reached slot") && x.contains("the process is stuck"));
    assertThat(last.state()).isEqualTo(NodeState.SYNCING);
    assertThat(last.ready()).isFalse();
  }

  @Test
  void frozenTip_onEveryNodeOfThePool_isAStall_notReady_neverDead() {
    // A chain-wide stall: from minute 60 no node gets a block, so every node of the pool sits on the same tip (the
    // highest recorded at minute 59). The node is not ready, with the reason, and stays live: restarting every node
    // of the pool would cost each a replay and fix nothing.
    long stalled = TimeSeries.all().stream().filter(x -> TimeSeries.node(x.node()).indexOf(x) == 59)
        .mapToLong(x -> x.get("slotNum_int").orElseThrow().longValue()).max().orElseThrow();
    Function<Instant, Optional<PoolView>> sameTip = t -> Optional.of(new PoolView(t, 5, OptionalLong.of(stalled)));
    List<HealthReport> rs = driveScript(TimeSeries.node("node-2"),
        wedgedFrom(60, Map.of("slotNum_int", (double) stalled)), AgentConfig.defaults(), Optional.empty(), sameTip);
    assertThat(rs).allSatisfy(r -> assertThat(r.live()).as(r.reasons().toString()).isTrue());
    HealthReport last = rs.get(119);
    assertThat(last.ready()).isFalse();
    assertThat(last.reasons()).anyMatch(x -> x.startsWith("readiness: not ready") && x.contains("has stayed at slot "
        + stalled) && x.contains("no other node of the pool is past it") && x.contains("a restart would not help"));
    assertThat(last.reasons()).anyMatch(x -> x.startsWith("liveness: ok"));
  }

  @Test
  void frozenTip_withNoHotPeer_isNotReady_neverDead_evenWhileThePoolMovesOn() {
    // node-2 loses every peer (a firewall change, a topology error): its tip freezes, the rest of the pool goes on.
    // Nothing in the process is stuck, so a restart would only cost a replay.
    List<HealthReport> rs = driveScript(TimeSeries.node("node-2"),
        wedgedFrom(60, Map.of("peerSelection_Hot_int", 0.0, "peerSelection_ActivePeers_int", 0.0)),
        AgentConfig.defaults(), Optional.empty(), realPool("node-2"));
    assertThat(rs).allSatisfy(r -> assertThat(r.live()).as(r.reasons().toString()).isTrue());
    HealthReport last = rs.get(119);
    assertThat(last.ready()).isFalse();
    assertThat(last.reasons()).anyMatch(x -> x.startsWith("readiness: not ready")
        && x.contains("no hot peer to fetch blocks from") && x.contains("outside the process"));
  }

  @Test
  void frozenTip_withoutAPoolView_isNotReady_andNotKilledOnSuspicion() {
    // The agent alone (no controller feeding it the pool's view) cannot tell a wedged process from a stall of the
    // pool's upstream or of the chain: it reports the frozen tip and stays live.
    List<HealthReport> rs = driveScript(TimeSeries.node("node-2"), wedgedFrom(60, Map.of()), AgentConfig.defaults(),
        Optional.empty(), t -> Optional.empty());
    assertThat(rs).allSatisfy(r -> assertThat(r.live()).as(r.reasons().toString()).isTrue());
    assertThat(rs.get(119).reasons()).anyMatch(x -> x.startsWith("readiness: not ready")
        && x.contains("without the pool's view of its other nodes"));
  }

  /** node-2's real scrapes up to minute {@code from}, then its minute-(from-1) scrape frozen, with changes. */
  private static List<Optional<TimeSeries.Sample>> wedgedFrom(int from, Map<String, Double> changes) {
    List<TimeSeries.Sample> real = TimeSeries.node("node-2");
    List<Optional<TimeSeries.Sample>> script = new ArrayList<>();
    for (int k = 0; k < from; k++) {
      script.add(Optional.of(real.get(k)));
    }
    for (int k = from; k < 120; k++) {
      script.add(Optional.of(real.get(from - 1).with(changes).at(real.get(k).time())));
    }
    return script;
  }

  /** The controller's view of the other five recorded nodes at each instant: their latest recorded tips. */
  private static Function<Instant, Optional<PoolView>> realPool(String self) {
    return t -> {
      int withTip = 0;
      long highest = Long.MIN_VALUE;
      for (int i = 0; i < 6; i++) {
        if (("node-" + i).equals(self)) {
          continue;
        }
        Optional<Double> slot = TimeSeries.node("node-" + i).stream().filter(x -> !x.time().isAfter(t))
            .reduce((a, b) -> b).flatMap(x -> x.get("slotNum_int"));
        if (slot.isPresent()) {
          withTip++;
          highest = Math.max(highest, slot.get().longValue());
        }
      }
      return Optional.of(new PoolView(t, withTip, withTip == 0 ? OptionalLong.empty() : OptionalLong.of(highest)));
    };
  }

  private static Map<String, Double> withoutTip(Map<String, Double> extra) {
    Map<String, Double> m = new java.util.HashMap<>(extra);
    for (String tip : List.of("slotNum_int", "blockNum_int", "epoch_int", "slotInEpoch_int", "density_real")) {
      m.put(tip, null);
    }
    return m;
  }

  private static List<HealthReport> drive(List<TimeSeries.Sample> samples, AgentConfig config) {
    MutableClock time = MutableClock.stoppedAt(samples.get(0).time());
    List<Optional<TimeSeries.Sample>> script = samples.stream().map(Optional::of).toList();
    return driveScript(samples, script, time, config);
  }

  private static List<HealthReport> driveScript(
      List<TimeSeries.Sample> timeline, List<Optional<TimeSeries.Sample>> script, MutableClock time,
      AgentConfig config) {
    return driveScript(timeline, script, time, config, Optional.empty());
  }

  private static List<HealthReport> driveScript(
      List<TimeSeries.Sample> timeline, List<Optional<TimeSeries.Sample>> script, AgentConfig config,
      Optional<PortProbeResult> port, Function<Instant, Optional<PoolView>> pool) {
    return driveScript(timeline, script, MutableClock.stoppedAt(timeline.get(0).time()), config, port, pool);
  }

  private static List<HealthReport> driveScript(
      List<TimeSeries.Sample> timeline, List<Optional<TimeSeries.Sample>> script, MutableClock time,
      AgentConfig config, Optional<PortProbeResult> port) {
    return driveScript(timeline, script, time, config, port, t -> Optional.empty());
  }

  /**
   * Plays the script through a NodeWatcher, one poll per recorded minute (empty = the scrape fails), with the
   * controller's view of the pool at each instant.
   */
  private static List<HealthReport> driveScript(
      List<TimeSeries.Sample> timeline, List<Optional<TimeSeries.Sample>> script, MutableClock time,
      AgentConfig config, Optional<PortProbeResult> port, Function<Instant, Optional<PoolView>> pool) {
    Iterator<Optional<TimeSeries.Sample>> next = script.iterator();
    int[] n = {0};
    MetricsSource source = new MetricsSource() {
      @Override
      public NodeMetrics scrape() throws ScrapeException {
        Optional<TimeSeries.Sample> s = next.next();
        MetricStyle style = STYLES[n[0]++ % STYLES.length];
        if (s.isEmpty()) {
          throw new ScrapeException("cannot scrape http://node:12798/metrics: Connection refused");
        }
        try {
          return NodeMetrics.parse(s.get().render(style, n[0] % 2 == 0));
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }

      @Override
      public String describe() {
        return "recorded series";
      }
    };
    Optional<PortProbe> probe = port.map(p -> new PortProbe() {
      @Override
      public PortProbeResult probe() {
        return p;
      }

      @Override
      public String describe() {
        return "node:3001";
      }
    });
    NodeWatcher watcher = new NodeWatcher(source, probe, Optional.empty(), new HealthJudge(config),
        new ChainClock(TimeSeries.genesis(), time), () -> pool.apply(time.instant()));
    List<HealthReport> out = new ArrayList<>();
    for (int k = 0; k < script.size(); k++) {
      time.set(timeline.get(k).time());
      out.add(watcher.poll());
    }
    return out;
  }

  @Test
  void everyRecordedScrape_parsesToItsValues_inEveryStyle() throws Exception {
    // The parser on real data: render each recorded scrape in each style, parse it back, compare the tip and peers.
    for (TimeSeries.Sample s : TimeSeries.all()) {
      for (MetricStyle style : STYLES) {
        NodeMetrics m = NodeMetrics.parse(s.render(style, true));
        assertThat(m.problems()).isEmpty();
        assertThat(m.style()).isEqualTo(style);
        s.get("slotNum_int").ifPresentOrElse(
            v -> assertThat(m.integer(NodeMetric.SLOT_NUM)).hasValue(v.longValue()),
            () -> assertThat(m.integer(NodeMetric.SLOT_NUM)).isEmpty());
        assertThat(m.integer(NodeMetric.HOT_PEERS)).hasValue(s.get("peerSelection_Hot_int").orElseThrow().longValue());
        assertThat(m.integer(NodeMetric.MEM_RESIDENT))
            .hasValue(s.get("Mem_resident_int").orElseThrow().longValue());
        s.get("density_real").ifPresent(d -> assertThat(m.real(NodeMetric.DENSITY)).hasValue(d));
      }
    }
  }
}
