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
import io.palisade.control.slots.CounterAttribution;
import io.palisade.control.slots.ForgeCounters;
import io.palisade.control.slots.ForgeOutcome;
import io.palisade.operator.model.ProducerPods.AgentReading;
import io.palisade.operator.testing.PublishedSchedules;
import io.palisade.testing.MutableClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract between the agent's {@code /status} and the operator's slot ledger, on a real agent (loopback): the
 * node's forge counters the agent serves in its {@code forge} object are the ones the operator reads (a counter a
 * forging node has not traced yet is 0, so the first block after a restart is judged from them), and the agent's
 * state, readiness and reasons come along.
 */
@Timeout(60)
class AgentStatusContractTest {
  @Test
  void theAgentsForgeCounters_areTheOperatorsReading() throws Exception {
    // A block producer's scrape with three of the forge counters (legacy names): the rest had no event yet.
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
      assertThat(r.forge()).isEqualTo(new ForgeCounters(7L, 2L, 0L, 0L, 0L, 9L));

      // The node restarted and forges, but has led no slot yet: cardano-node exposes no forge counter before its
      // first event, and the agent serves them as 0, so the reading brackets the first leader slot.
      text.set("forging_enabled 1\n");
      ForgeCounters before = await().atMost(Duration.ofSeconds(30)).until(() -> ProducerAgents.direct().read(null,
          ProducerAgentsTest.pod("127.0.0.1"), port).forge(), f -> !f.equals(r.forge()));
      assertThat(before).isEqualTo(new ForgeCounters(0L, 0L, 0L, 0L, 0L, null));

      // Its first block: the counters appear, and the slot between the two readings is adopted (it was unknown
      // when the agent left the counters out until their first event).
      text.set("forging_enabled 1\nForge_adopted_int 1\nForge_node_is_leader_int 1\n");
      ForgeCounters after = await().atMost(Duration.ofSeconds(30)).until(() -> ProducerAgents.direct().read(null,
          ProducerAgentsTest.pod("127.0.0.1"), port).forge(), f -> !f.equals(before));
      assertThat(after).isEqualTo(new ForgeCounters(1L, 0L, 0L, 0L, 0L, 1L));
      assertThat(CounterAttribution.attribute(before, after, List.of(1000L)).get(1000L).forge())
          .isEqualTo(ForgeOutcome.ADOPTED);

      // A keyless standby (forging not enabled) has no forge loop: its counters are unknown, not 0.
      text.set("forging_enabled 0\n");
      await().atMost(Duration.ofSeconds(30)).until(() -> ProducerAgents.direct().read(null,
          ProducerAgentsTest.pod("127.0.0.1"), port).forge(), ForgeCounters::isUnknown);
    }
  }
}
