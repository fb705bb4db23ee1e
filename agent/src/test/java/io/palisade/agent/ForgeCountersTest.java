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
    // Forge_node_is_leader_counter exposed; the node never lost a slot battle, so no Forge_didnt_adopt and the rest
    // (cardano-node creates a counter at its first event): on a forging node those outcomes are 0.
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
          .containsExactly(Map.entry(Outcome.ADOPTED, adopted), Map.entry(Outcome.DIDNT_ADOPT, 0L),
              Map.entry(Outcome.FORGED_INVALID, 0L), Map.entry(Outcome.COULD_NOT_FORGE, 0L),
              Map.entry(Outcome.BLOCK_FROM_FUTURE, 0L), Map.entry(Outcome.NODE_IS_LEADER, leader));

      JsonNode forge = StatusJson.tree(r).get("forge");
      assertThat(forge.toString()).isEqualTo("{\"adopted\":" + adopted + ",\"didntAdopt\":0,\"forgedInvalid\":0,"
          + "\"couldNotForge\":0,\"blockFromFuture\":0,\"nodeIsLeader\":" + leader + "}");
      String metrics = AgentMetricsText.render(r);
      assertThat(metrics).contains("# TYPE palisade_node_forge_total counter\n")
          .contains("palisade_node_forge_total{outcome=\"adopted\"} " + adopted + "\n")
          .contains("palisade_node_forge_total{outcome=\"node_is_leader\"} " + leader + "\n")
          .contains("palisade_node_forge_total{outcome=\"didnt_adopt\"} 0\n");
    }
  }

  @Test
  void aLegacyProducer_givesItsCounters_underTheLegacyNames() throws Exception {
    // cardano-node 1.35.5's legacy scrape (issue #5075): Forge_adopted_int 82, no other outcome counter.
    NodeMetrics scrape = NodeMetrics.parse(Fixtures.text("legacy-bp-1.35.5.prom"));
    ForgeCounters exposed = ForgeCounters.of(scrape, false);
    assertThat(exposed.get(Outcome.ADOPTED)).hasValue(82);
    assertThat(exposed.get(Outcome.DIDNT_ADOPT)).isEmpty();
    assertThat(exposed.get(Outcome.NODE_IS_LEADER)).isEmpty();
    // It forges (forging_enabled 1): the counters it never traced had no event.
    assertThat(judged(Fixtures.text("legacy-bp-1.35.5.prom")).forge().values()).containsEntry(Outcome.ADOPTED, 82L)
        .containsEntry(Outcome.DIDNT_ADOPT, 0L).hasSize(5);
    // ... but not its leader count: 1.35.5 never exposes Forge_node_is_leader, 0 would be false.
    assertThat(judged(Fixtures.text("legacy-bp-1.35.5.prom")).forge().get(Outcome.NODE_IS_LEADER)).isEmpty();
  }

  @Test
  void aProducerJustRestarted_countsZero_aKeylessStandbyCountsNothing() throws Exception {
    // Before its first leader slot a forging node exposes no forge counter at all; every one is 0, so the reading
    // brackets the first slot (the first block after each restart was judged unknown while they were left out).
    assertThat(judged("cardano_node_metrics_forging_enabled 1\n").forge().values()).hasSize(5)
        .doesNotContainKey(Outcome.NODE_IS_LEADER).allSatisfy((o, v) -> assertThat(v).as("%s", o).isZero());
    assertThat(judged("forging_enabled_int 1\n").forge().values()).hasSize(5);
    // A keyless standby or a relay runs no forge loop: nothing is known, nothing is 0.
    assertThat(judged("cardano_node_metrics_forging_enabled 0\n").forge()).isEqualTo(ForgeCounters.NONE);
    assertThat(StatusJson.tree(judged("cardano_node_metrics_forging_enabled 0\n")).has("forge")).isFalse();
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
    // counter's value and stays unknown rather than read as 0, even on a forging node.
    NodeMetrics all = NodeMetrics.parse("""
        cardano_node_metrics_Forge_adopted_int 7
        cardano_node_metrics_Forge_didnt_adopt_int 1
        cardano_node_metrics_Forge_forged_invalid_int 0
        cardano_node_metrics_Forge_could_not_forge_int 2
        cardano_node_metrics_Forge_block_from_future_int -3
        cardano_node_metrics_Forge_node_is_leader_int 10.5
        """);
    ForgeCounters forge = ForgeCounters.of(all, true);
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
    HealthReport first = JUDGE.judge(Optional.empty(), NodeObservation.scraped(at,
        NodeMetrics.parse(Fixtures.text("legacy-bp-1.35.5.prom")), at.plusMillis(40)), clock);
    HealthReport failed = JUDGE.judge(Optional.of(first),
        NodeObservation.scrapeFailed(at.plusSeconds(10), "connection refused"), clock);
    assertThat(failed.forge()).isEqualTo(first.forge());
    assertThat(failed.forge().get(Outcome.ADOPTED)).hasValue(82);
    // ...and say they are from the scrape that read them, not from the failed one: a slot ledger must not take them
    // for counters from after a slot that began in between.
    assertThat(first.forgeScrape()).isEqualTo(new ScrapeWindow(at, at.plusMillis(40)));
    assertThat(failed.forgeScrape()).isEqualTo(first.forgeScrape());
    assertThat(failed.observedAt()).isEqualTo(at.plusSeconds(10));
    JsonNode when = StatusJson.tree(failed).get("forgeScrape");
    assertThat(when.get("start").asText()).isEqualTo(at.toString());
    assertThat(when.get("end").asText()).isEqualTo(at.plusMillis(40).toString());
    assertThat(JUDGE.judge(Optional.empty(), NodeObservation.scrapeFailed(at, "connection refused"), clock).forge())
        .isEqualTo(ForgeCounters.NONE);
  }

  private static HealthReport judged(String scrape) throws Exception {
    ChainClock clock = new ChainClock(KnownNetwork.MAINNET.genesis(), Clock.systemUTC());
    return JUDGE.judge(Optional.empty(), NodeObservation.scraped(clock.instant(), NodeMetrics.parse(scrape)), clock);
  }
}
