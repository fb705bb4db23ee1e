package io.palisade.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.agent.AgentConfig;
import io.palisade.agent.HealthJudge;
import io.palisade.agent.NodeWatcher;
import io.palisade.agent.http.AgentServer;
import io.palisade.agent.http.ScheduleFiles;
import io.palisade.agent.metrics.MetricsSource;
import io.palisade.agent.metrics.NodeMetrics;
import io.palisade.agent.metrics.ScrapeException;
import io.palisade.chain.ChainClock;
import io.palisade.operator.model.PublishedSchedule;
import io.palisade.operator.testing.PublishedSchedules;
import io.palisade.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ProducerAgents#direct()}'s {@code schedules}: the operator reads a real agent's {@code /leader-schedule}
 * pod to pod (here on loopback), bounded: the latest few epochs only, no file past the Secret's size limit, and only
 * names the Secret accepts, whatever the list says.
 */
@Timeout(60)
class AgentScheduleFilesTest {
  @TempDir Path dir;

  @Test
  void theAgentsFiles_areRead_theLatestFew_noneTooLarge() throws Exception {
    for (long e = 10; e <= 14; e++) {
      Files.writeString(dir.resolve("epoch-" + e + ".json"), "{\"epoch\":" + e + "}\n");
    }
    // Served by the agent (under its own limit) but larger than a Secret's schedule may be: not read.
    Files.write(dir.resolve("epoch-15.json"), new byte[PublishedSchedule.MAX_BYTES + 1]);
    try (AgentServer agent = agent(Optional.of(new ScheduleFiles(dir)))) {
      Map<String, byte[]> files = ProducerAgents.direct().schedules(null, ProducerAgentsTest.pod("127.0.0.1"),
          agent.address().getPort());
      assertThat(files).containsOnlyKeys("epoch-12.json", "epoch-13.json", "epoch-14.json");
      assertThat(new String(files.get("epoch-14.json"), StandardCharsets.UTF_8)).isEqualTo("{\"epoch\":14}\n");
    }
  }

  @Test
  void anAgentWithoutASidecar_aPodWithoutAnIp_readNothing() throws Exception {
    try (AgentServer agent = agent(Optional.empty())) {
      assertThat(ProducerAgents.direct().schedules(null, ProducerAgentsTest.pod("127.0.0.1"),
          agent.address().getPort())).isEmpty();
      assertThat(ProducerAgents.direct().schedules(null, ProducerAgentsTest.pod(null), agent.address().getPort()))
          .isEmpty();
    }
  }

  @Test
  void aListsHostileNames_areNeverAsked() {
    assertThat(AgentHttp.names(("[\"../../etc/passwd\",\"epoch-3.json/../x\",\"epoch-2.json\",7,null,"
        + "\"epoch-1.json\",\"epoch-1.json\",\"%2e%2e\"]").getBytes(StandardCharsets.UTF_8)))
        .containsExactly("epoch-1.json", "epoch-2.json");
    assertThat(AgentHttp.names("{\"epoch-1.json\":1}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(AgentHttp.names("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  private static AgentServer agent(Optional<ScheduleFiles> files) throws IOException {
    MetricsSource down = new MetricsSource() {
      @Override
      public NodeMetrics scrape() throws ScrapeException {
        throw new ScrapeException("connection refused");
      }

      @Override
      public String describe() {
        return "no node";
      }
    };
    NodeWatcher watcher = new NodeWatcher(down, Optional.empty(), Optional.empty(),
        new HealthJudge(AgentConfig.defaults()), new ChainClock(PublishedSchedules.GENESIS, new MutableClock()));
    return AgentServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), watcher,
        Duration.ofSeconds(10), files);
  }
}
