package io.palisade.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palisade.agent.AgentConfig;
import io.palisade.agent.FakeNode;
import io.palisade.agent.HealthJudge;
import io.palisade.testing.MutableClock;
import io.palisade.agent.NodeToNodePortProbe;
import io.palisade.agent.NodeWatcher;
import io.palisade.agent.PollCadence;
import io.palisade.agent.TimeSeries;
import io.palisade.agent.metrics.MetricStyle;
import io.palisade.agent.metrics.MetricsScraper;
import io.palisade.agent.metrics.MetricsSource;
import io.palisade.agent.metrics.NodeMetrics;
import io.palisade.agent.metrics.ScrapeException;
import io.palisade.chain.ChainClock;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The whole agent on loopback: a fake node (metrics + node-to-node port), the watcher, the HTTP endpoints. */
@Timeout(60)
class AgentServerTest {
  private record Response(int code, String body) {}

  @Test
  void probesStatusAndMetrics_thenTheNodeDies() throws Exception {
    TimeSeries.Sample sample = TimeSeries.node("node-5").get(120);
    MutableClock time = MutableClock.stoppedAt(sample.time().plusSeconds(3));
    try (FakeNode node = new FakeNode(sample, MetricStyle.NEW_TRACING, 42);
        MetricsScraper scraper = new MetricsScraper(node.metricsUrl(), Duration.ofSeconds(2))) {
      NodeWatcher watcher = new NodeWatcher(scraper,
          Optional.of(new NodeToNodePortProbe(node.portAddress(), 42, Duration.ofSeconds(2))), Optional.empty(),
          new HealthJudge(AgentConfig.defaults()), new ChainClock(TimeSeries.genesis(), time));
      try (AgentServer server = AgentServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
          watcher, Duration.ofSeconds(1))) {
        String base = "http://127.0.0.1:" + server.address().getPort();
        await().atMost(Duration.ofSeconds(10)).until(() -> get(base + "/readyz").code() == 200);
        assertThat(get(base + "/startupz")).isEqualTo(new Response(200, "ok\nstartup: passed: the node serves metrics\n"));
        assertThat(get(base + "/livez").code()).isEqualTo(200);
        assertThat(get(base + "/readyz").body()).startsWith("ok\nreadiness: ready");

        JsonNode status = new ObjectMapper().readTree(get(base + "/status").body());
        assertThat(status.get("state").asText()).isEqualTo("SYNCED");
        assertThat(status.get("role").asText()).isEqualTo("block-producer");
        assertThat(status.at("/tip/slot").asLong()).isEqualTo(sample.get("slotNum_int").orElseThrow().longValue());
        assertThat(status.get("expectedSlot").asLong() - status.at("/tip/slot").asLong())
            .isEqualTo(status.get("gap").asLong());
        assertThat(status.at("/peers/hot").asInt()).isEqualTo(3);
        assertThat(status.at("/kes/periodsRemaining").asInt()).isEqualTo(62);
        assertThat(status.at("/kes/warning").asText()).isEqualTo("NONE");
        assertThat(status.at("/port/outcome").asText()).isEqualTo("ANSWERED");
        assertThat(status.at("/port/versions").toString()).isEqualTo("[14,15,16]");
        assertThat(status.at("/port/tip/slot").asLong()).isEqualTo(status.at("/tip/slot").asLong());
        assertThat(status.get("nodeVersion").asText()).isEqualTo("10.5.0");
        assertThat(status.get("reasons").size()).isGreaterThan(3);
        assertThat(status.has("replayProgress")).isFalse();
        // The node's forge counters, as its recording has them: adopted and leader; those it never traced are 0 (it
        // forges, and cardano-node creates a counter at its first event).
        long adopted = sample.get("Forge_adopted_counter").orElseThrow().longValue();
        assertThat(status.get("forge").toString()).isEqualTo("{\"adopted\":" + adopted + ",\"didntAdopt\":0,"
            + "\"forgedInvalid\":0,\"couldNotForge\":0,\"blockFromFuture\":0,\"nodeIsLeader\":"
            + sample.get("Forge_node_is_leader_counter").orElseThrow().longValue() + "}");

        String metrics = get(base + "/metrics").body();
        assertThat(metrics).contains("palisade_node_state{state=\"SYNCED\"} 1\n")
            .contains("palisade_node_state{state=\"DOWN\"} 0\n").contains("palisade_node_ready 1\n")
            .contains("palisade_node_kes_periods_remaining 62\n").contains("palisade_node_port_up 1\n")
            .contains("# TYPE palisade_node_live gauge")
            .contains("palisade_node_forge_total{outcome=\"adopted\"} " + adopted + "\n");

        assertThat(request(base + "/livez", "POST").code()).isEqualTo(405);
        assertThat(get(base + "/nope").code()).isEqualTo(404);
        assertThat(request(base + "/livez", "HEAD")).isEqualTo(new Response(200, ""));

        // The node dies: metrics and port stop answering. Three polls later it is DOWN and not live.
        node.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> get(base + "/livez").code() == 503);
        assertThat(get(base + "/readyz").code()).isEqualTo(503);
        assertThat(get(base + "/startupz").code()).isEqualTo(503);
        JsonNode down = new ObjectMapper().readTree(get(base + "/status").body());
        assertThat(down.get("state").asText()).isEqualTo("DOWN");
        assertThat(get(base + "/livez").body()).contains("liveness: failing").contains("metrics endpoint failed");
      }
    }
  }

  @Test
  void firstVerdict_comesAsSoonAsTheNodeAnswers_notAPollIntervalLater() throws Exception {
    // A node that is not listening yet, then is: with a 10 s poll interval the agent still looks again within a
    // fraction of a second until the node first answers.
    TimeSeries.Sample sample = TimeSeries.node("node-5").get(120);
    MutableClock time = MutableClock.stoppedAt(sample.time().plusSeconds(3));
    AtomicBoolean listening = new AtomicBoolean(false);
    AtomicInteger attempts = new AtomicInteger();
    MetricsSource node = new MetricsSource() {
      @Override
      public NodeMetrics scrape() throws ScrapeException {
        attempts.incrementAndGet();
        if (!listening.get()) {
          throw new ScrapeException("cannot scrape http://127.0.0.1:12798/metrics: Connection refused");
        }
        try {
          return NodeMetrics.parse(sample.render(MetricStyle.NEW_TRACING, true));
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }

      @Override
      public String describe() {
        return "a node that starts later";
      }
    };
    NodeWatcher watcher = new NodeWatcher(node, Optional.empty(), Optional.empty(),
        new HealthJudge(AgentConfig.defaults()), new ChainClock(TimeSeries.genesis(), time));
    try (AgentServer server = AgentServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        watcher, Duration.ofSeconds(10))) {
      String base = "http://127.0.0.1:" + server.address().getPort();
      await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() >= 2);
      assertThat(get(base + "/startupz").code()).isEqualTo(503);
      listening.set(true);
      await().atMost(Duration.ofSeconds(5)).until(() -> get(base + "/startupz").code() == 200);
      assertThat(get(base + "/readyz").code()).isEqualTo(200);
      // Once the node answered, the interval applies: no more eager polls.
      assertThat(PollCadence.of(Duration.ofSeconds(10)).next(watcher.latest())).isEqualTo(Duration.ofSeconds(10));
      assertThat(PollCadence.of(Duration.ofSeconds(10)).next(Optional.empty())).isEqualTo(PollCadence.EAGER);
    }
  }

  private static Response get(String url) throws IOException {
    return request(url, "GET");
  }

  private static Response request(String url, String method) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setRequestMethod(method);
    c.setConnectTimeout(2000);
    c.setReadTimeout(5000);
    int code = c.getResponseCode();
    var in = code >= 400 ? c.getErrorStream() : c.getInputStream();
    String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    c.disconnect();
    return new Response(code, body);
  }
}
