package io.palisade.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.palisade.agent.ForgeCounters.Outcome;
import io.palisade.agent.http.AgentMetricsText;
import io.palisade.agent.http.StatusJson;
import io.palisade.agent.metrics.Fixtures;
import io.palisade.agent.metrics.MetricStyle;
import io.palisade.agent.metrics.NodeMetrics;
import io.palisade.chain.ChainClock;
import io.palisade.chain.KnownNetwork;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The node's forge counters reach the report, {@code /status} ({@code forge}: a contract the operator's slot ledger
 * reads) and {@code /metrics} ({@code palisade_node_forge_total{outcome}}): from real scrapes of both tracing systems,
 * each counter only when the node exposes it, none at all for a relay.
 */
class ForgeCountersTest {
  private static final HealthJudge JUDGE = new HealthJudge(AgentConfig.defaults());

  @Test
  void aRecordedNewTracingProducer_givesItsCounters_inEveryStyle() throws Exception {
    // node-5 of the recorded 10.5.0 network (../shared), its last sample: Forge_adopted_counter and
    // Forge_node_is_leader_counter exposed; the node never lost a slot battle, so no Forge_didnt_adopt and the rest.
    TimeSeries.Sample real = TimeSeries.node("node-5").get(TimeSeries.node("node-5").size() - 1);
    long adopted = real.get("Forge_adopted_counter").orElseThrow().longValue();
    long leader = real.get("Forge_node_is_leader_counter").orElseThrow().longValue();
    assertThat(adopted).isPositive();
    assertThat(real.metrics()).doesNotContainKeys("Forge_didnt_adopt_counter", "Forge_forged_invalid_counter",
        "Forge_could_not_forge_counter", "Forge_block_from_future_counter");
    ChainClock clock = new ChainClock(TimeSeries.genesis(), Clock.systemUTC());
    for (MetricStyle style : new MetricStyle[] {MetricStyle.NEW_TRACING, MetricStyle.NEW_TRACING_NOSUFFIX}) {
      HealthReport r = JUDGE.judge(Optional.empty(),
          NodeObservation.scraped(real.time(), NodeMetrics.parse(real.render(style, true))), clock);
      assertThat(r.forge().values()).as("%s", style)
          .containsExactly(Map.entry(Outcome.ADOPTED, adopted), Map.entry(Outcome.NODE_IS_LEADER, leader));

      JsonNode forge = StatusJson.tree(r).get("forge");
      assertThat(forge.toString()).isEqualTo("{\"adopted\":" + adopted + ",\"nodeIsLeader\":" + leader + "}");
      String metrics = AgentMetricsText.render(r);
      assertThat(metrics).contains("# TYPE palisade_node_forge_total counter\n")
          .contains("palisade_node_forge_total{outcome=\"adopted\"} " + adopted + "\n")
          .contains("palisade_node_forge_total{outcome=\"node_is_leader\"} " + leader + "\n")
          .doesNotContain("outcome=\"didnt_adopt\"").doesNotContain("outcome=\"could_not_forge\"");
    }
  }

  @Test
  void aLegacyProducer_givesItsCounters_underTheLegacyNames() throws Exception {
    // cardano-node 1.35.5's legacy scrape (issue #5075): Forge_adopted_int 82, no other outcome counter.
    ForgeCounters forge = ForgeCounters.of(NodeMetrics.parse(Fixtures.text("legacy-bp-1.35.5.prom")));
    assertThat(forge.get(Outcome.ADOPTED)).hasValue(82);
    assertThat(forge.get(Outcome.DIDNT_ADOPT)).isEmpty();
    assertThat(forge.get(Outcome.NODE_IS_LEADER)).isEmpty();
  }

  @Test
  void aRelay_hasNoForgeObject_andNoForgeSeries() throws Exception {
    // The new tracing system's relay scrape: no Forge_* metric at all.
    String scrape = Fixtures.text("new-tracing-relay.prom");
    assertThat(scrape).doesNotContain("Forge_");
    HealthReport r = judged(scrape);
    assertThat(r.forge()).isEqualTo(ForgeCounters.NONE);
    assertThat(StatusJson.tree(r).has("forge")).isFalse();
    assertThat(AgentMetricsText.render(r)).doesNotContain("palisade_node_forge_total");
  }

  @Test
  void everyOutcome_isRead_zeroIsKnown_andAValueNoCounterHasIsUnknown() throws Exception {
    // Every outcome in the legacy names; 0 is a count (the node traced the counter), a negative or a fraction is no
    // counter's value and stays unknown rather than read as 0.
    NodeMetrics all = NodeMetrics.parse("""
        cardano_node_metrics_Forge_adopted_int 7
        cardano_node_metrics_Forge_didnt_adopt_int 1
        cardano_node_metrics_Forge_forged_invalid_int 0
        cardano_node_metrics_Forge_could_not_forge_int 2
        cardano_node_metrics_Forge_block_from_future_int -3
        cardano_node_metrics_Forge_node_is_leader_int 10.5
        """);
    ForgeCounters forge = ForgeCounters.of(all);
    assertThat(forge.get(Outcome.ADOPTED)).hasValue(7);
    assertThat(forge.get(Outcome.DIDNT_ADOPT)).hasValue(1);
    assertThat(forge.get(Outcome.FORGED_INVALID)).hasValue(0);
    assertThat(forge.get(Outcome.COULD_NOT_FORGE)).hasValue(2);
    assertThat(forge.get(Outcome.BLOCK_FROM_FUTURE)).isEqualTo(OptionalLong.empty());
    assertThat(forge.get(Outcome.NODE_IS_LEADER)).isEmpty();
    HealthReport r = judged("cardano_node_metrics_Forge_didnt_adopt_counter 4\n");
    assertThat(StatusJson.tree(r).get("forge").toString()).isEqualTo("{\"didntAdopt\":4}");
    assertThat(AgentMetricsText.render(r)).contains("palisade_node_forge_total{outcome=\"didnt_adopt\"} 4\n");
  }

  @Test
  void aFailedScrape_keepsTheLastKnownCounters() throws Exception {
    ChainClock clock = new ChainClock(KnownNetwork.MAINNET.genesis(), Clock.systemUTC());
    Instant at = clock.startOfSlot(89321798).plusSeconds(5);
    HealthReport first = JUDGE.judge(Optional.empty(),
        NodeObservation.scraped(at, NodeMetrics.parse(Fixtures.text("legacy-bp-1.35.5.prom"))), clock);
    HealthReport failed = JUDGE.judge(Optional.of(first),
        NodeObservation.scrapeFailed(at.plusSeconds(10), "connection refused"), clock);
    assertThat(failed.forge()).isEqualTo(first.forge());
    assertThat(failed.forge().get(Outcome.ADOPTED)).hasValue(82);
    assertThat(JUDGE.judge(Optional.empty(), NodeObservation.scrapeFailed(at, "connection refused"), clock).forge())
        .isEqualTo(ForgeCounters.NONE);
  }

  private static HealthReport judged(String scrape) throws Exception {
    ChainClock clock = new ChainClock(KnownNetwork.MAINNET.genesis(), Clock.systemUTC());
    return JUDGE.judge(Optional.empty(), NodeObservation.scraped(clock.instant(), NodeMetrics.parse(scrape)), clock);
  }
}
