package io.palisade.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.agent.metrics.NodeMetric;
import io.palisade.chain.ChainClock;
import io.palisade.chain.KnownNetwork;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the reasons say, where an earlier wording misled. */
class ReportWordingTest {
  private static final ChainClock PREVIEW = new ChainClock(KnownNetwork.PREVIEW.genesis(), Clock.systemUTC());
  private static final Instant AT = Instant.parse("2025-04-28T08:40:34Z");
  private final HealthJudge judge = new HealthJudge(AgentConfig.defaults());

  private HealthReport judge(Map<NodeMetric, Double> values) {
    return judge.judge(Optional.empty(), NodeObservation.scraped(AT, HealthJudgeTest.metrics(values)), PREVIEW);
  }

  @Test
  void anAlmostFinishedReplay_neverReadsAsOneHundredPercent() {
    HealthReport r = judge(Map.of(NodeMetric.BLOCK_REPLAY_PROGRESS, 99.998));
    assertThat(r.state()).isEqualTo(NodeState.STARTING);
    assertThat(r.reasons()).anyMatch(x -> x.equals("state: STARTING: replaying the ledger, 99.99 %"))
        .noneMatch(x -> x.contains("100.00"));
    assertThat(HumanText.progressPercent(100.0)).isEqualTo("100.00");
    assertThat(HumanText.progressPercent(30.0)).isEqualTo("30.00");
    assertThat(HumanText.progressPercent(0.004)).isEqualTo("0.00");
  }

  @Test
  void missingHotCount_isNotCalledMissingPeerSelection_whenOtherPeerSelectionMetricsAreThere() {
    long slot = PREVIEW.slotAt(AT);
    HealthReport onlyWarm = judge(Map.of(NodeMetric.SLOT_NUM, (double) slot, NodeMetric.WARM_PEERS, 4.0,
        NodeMetric.KNOWN_PEERS, 30.0));
    assertThat(onlyWarm.reasons()).anyMatch(x -> x.contains("exposes peerSelection metrics, but not the hot count"))
        .noneMatch(x -> x.contains("exposes no peerSelection metrics"));
    HealthReport none = judge(Map.of(NodeMetric.SLOT_NUM, (double) slot));
    assertThat(none.reasons()).anyMatch(x -> x.contains("the node exposes no peerSelection metrics"));
  }

  @Test
  void anOpcertFromTheFuture_isNotValidYet_notThousandsOfPeriodsLeft() {
    // The agent memory harness's scrape: the opcert starts at KES period 2110 while the clock is in period ~1000.
    long current = PREVIEW.kesPeriodAt(AT);
    long start = current + 1110;
    HealthReport r = judge(Map.of(NodeMetric.SLOT_NUM, (double) PREVIEW.slotAt(AT), NodeMetric.FORGING_ENABLED, 1.0,
        NodeMetric.HOT_PEERS, 2.0, NodeMetric.OPCERT_START_KES_PERIOD, (double) start));
    KesStatus kes = r.kes().orElseThrow();
    assertThat(kes.validYet()).isFalse();
    assertThat(kes.usablePeriodsLeft()).isZero();
    assertThat(kes.validFrom()).isEqualTo(PREVIEW.startOfKesPeriod(start));
    assertThat(r.reasons()).noneMatch(x -> x.matches(".*\\d+ of 62 KES periods left.*"))
        .anyMatch(x -> x.startsWith("kes: the operational certificate is not valid yet: it starts at KES period "
            + start + ", after the current period " + current));
    assertThat(r.ready()).isFalse();
    assertThat(r.reasons()).anyMatch(x -> x.startsWith("readiness: not ready")
        && x.contains("the operational certificate is not valid yet"));
  }
}
