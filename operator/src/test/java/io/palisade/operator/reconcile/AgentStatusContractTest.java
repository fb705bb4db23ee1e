package io.palisade.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.agent.AgentConfig;
import io.palisade.agent.HealthJudge;
import io.palisade.agent.NodeWatcher;
import io.palisade.agent.http.AgentServer;
import io.palisade.agent.metrics.MetricsFormatException;
import io.palisade.agent.metrics.MetricsSource;
import io.palisade.agent.metrics.NodeMetrics;
import io.palisade.agent.metrics.ScrapeException;
import io.palisade.chain.ChainClock;
import io.palisade.control.slots.ForgeCounters;
import io.palisade.operator.model.ProducerPods.AgentReading;
import io.palisade.operator.testing.PublishedSchedules;
import io.palisade.testing.MutableClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract between the agent's {@code /status} and the operator's slot ledger, on a real agent (loopback): the
 * node's forge counters the agent serves in its {@code forge} object are the ones the operator reads, a counter the
 * node does not expose stays unknown (never 0), and the agent's state, readiness and reasons come along.
 */
@Timeout(60)
class AgentStatusContractTest {
  @Test
  void theAgentsForgeCounters_areTheOperatorsReading() throws Exception {
    // A block producer's scrape with three of the forge counters (legacy names): the rest are not exposed.
    AtomicReference<String> text = new AtomicReference<>("""
        Forge_adopted_int 7
        Forge_didnt_adopt_int 2
        Forge_node_is_leader_int 9
        """);
    MetricsSource node = new MetricsSource() {
      @Override
      public NodeMetrics scrape() throws ScrapeException {
        try {
          return NodeMetrics.parse(text.get());
        } catch (MetricsFormatException e) {
          throw new ScrapeException(e.getMessage());
        }
      }

      @Override
      public String describe() {
        return "a block producer's metrics";
      }
    };
    NodeWatcher watcher = new NodeWatcher(node, java.util.Optional.empty(), java.util.Optional.empty(),
        new HealthJudge(AgentConfig.defaults()), new ChainClock(PublishedSchedules.GENESIS, new MutableClock()));
    try (AgentServer agent = AgentServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), watcher,
        Duration.ofSeconds(1))) {
      int port = agent.address().getPort();
      AgentReading r = await().atMost(Duration.ofSeconds(30)).until(() -> ProducerAgents.direct().read(null,
          ProducerAgentsTest.pod("127.0.0.1"), port), x -> !x.forge().isUnknown());
      assertThat(r.read()).isTrue();
      assertThat(r.ready()).isNotNull();
      assertThat(r.forge()).isEqualTo(new ForgeCounters(7L, 2L, null, null, null, 9L));

      // The node restarted: its counters start again; the operator reads what the agent serves now.
      text.set("Forge_adopted_int 1\nForge_node_is_leader_int 1\n");
      await().atMost(Duration.ofSeconds(30)).until(() -> ProducerAgents.direct().read(null,
          ProducerAgentsTest.pod("127.0.0.1"), port).forge(),
          f -> f.equals(new ForgeCounters(1L, null, null, null, null, 1L)));
    }
  }
}
