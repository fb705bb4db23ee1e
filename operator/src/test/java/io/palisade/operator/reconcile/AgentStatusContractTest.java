package io.palisade.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.agent.AgentConfig;
import io.palisade.agent.HealthJudge;
import io.palisade.agent.HealthReport;
import io.palisade.agent.NodeObservation;
import io.palisade.agent.http.StatusJson;
import io.palisade.agent.metrics.NodeMetrics;
import io.palisade.chain.ChainClock;
import io.palisade.chain.KnownNetwork;
import io.palisade.control.slots.ForgeCounters;
import io.palisade.operator.model.ProducerPods.AgentReading;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The agent's {@code /status} as the agent itself writes it ({@link StatusJson}), read by the operator: the forge
 * counters and when they were scraped cross the wire intact, including the older scrape a failed one keeps.
 */
class AgentStatusContractTest {
  static final String FORGING = "cardano_node_metrics_forging_enabled 1\n"
      + "cardano_node_metrics_Forge_adopted_counter 7\ncardano_node_metrics_Forge_node_is_leader_counter 8\n";

  @Test
  void theAgentsCountersAndTheirScrape_reachTheOperator() throws Exception {
    HealthJudge judge = new HealthJudge(AgentConfig.defaults());
    ChainClock chain = new ChainClock(KnownNetwork.MAINNET.genesis(), Clock.systemUTC());
    Instant start = chain.startOfSlot(chain.currentSlot()).minusMillis(150);
    Instant end = start.plusMillis(35);
    HealthReport scraped = judge.judge(Optional.empty(), NodeObservation.scraped(start, NodeMetrics.parse(FORGING),
        end), chain);
    AgentReading r = ProducerAgents.reading(200, StatusJson.write(scraped).getBytes(StandardCharsets.UTF_8));
    assertThat(r.forge().adopted()).isEqualTo(7L);
    assertThat(r.forge().nodeIsLeader()).isEqualTo(8L);
    assertThat(r.forgeSampledFrom()).isEqualTo(start);
    assertThat(r.forgeSampledTo()).isEqualTo(end);

    HealthReport failed = judge.judge(Optional.of(scraped), NodeObservation.scrapeFailed(end.plusSeconds(10),
        "connection refused"), chain);
    AgentReading f = ProducerAgents.reading(200, StatusJson.write(failed).getBytes(StandardCharsets.UTF_8));
    assertThat(f.forge()).isEqualTo(r.forge());
    assertThat(f.forgeSampledTo()).as("the counters are the earlier scrape's").isEqualTo(end);

    HealthReport relay = judge.judge(Optional.empty(), NodeObservation.scraped(start,
        NodeMetrics.parse("cardano_node_metrics_slotNum_int 5\n"), end), chain);
    AgentReading none = ProducerAgents.reading(200, StatusJson.write(relay).getBytes(StandardCharsets.UTF_8));
    assertThat(none.forge()).isEqualTo(ForgeCounters.UNKNOWN);
    assertThat(none.forgeSampledFrom()).isNull();
  }
}
