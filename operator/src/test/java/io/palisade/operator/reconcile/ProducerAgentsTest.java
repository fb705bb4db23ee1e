package io.palisade.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.palisade.control.lease.ForgingReading;
import io.palisade.control.slots.ForgeCounters;
import io.palisade.operator.model.ProducerPods.AgentReading;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's pod-to-pod read of a producer's agent, against a local HTTP server standing in for the agent: what
 * it answers becomes a reading, and anything else (no IP yet, garbage, a body without end, silence) reads as nothing,
 * never as "not forging".
 */
class ProducerAgentsTest {
  private HttpServer server;
  private final AtomicReference<Answer> answer = new AtomicReference<>();
  private final List<Socket> held = new ArrayList<>();

  record Answer(int code, byte[] body, boolean chunked) {}

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/status", ex -> {
      Answer a = answer.get();
      ex.sendResponseHeaders(a.code(), a.chunked() ? 0 : a.body().length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(a.body());
      } catch (IOException e) {
        // The reader hung up on a body past its limit.
      }
    });
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.stop(0);
    for (Socket s : held) {
      s.close();
    }
  }

  private AgentReading read(int code, String body) {
    answer.set(new Answer(code, body.getBytes(StandardCharsets.UTF_8), false));
    return ProducerAgents.direct().read(null, pod("127.0.0.1"), server.getAddress().getPort());
  }

  static Pod pod(String ip) {
    return new PodBuilder().withNewMetadata().withName("pool-block-producer-0").withNamespace("pool").endMetadata()
        .withNewStatus().withPodIP(ip).endStatus().build();
  }

  /** What the producer lease reads of a reading. */
  static AgentReading lease(AgentReading r) {
    return new AgentReading(r.forging(), r.synced());
  }

  @Test
  void anAgentsStatus_isItsForgingAndWhetherItIsSynced() {
    assertThat(lease(read(200, "{\"state\":\"SYNCED\",\"forgingEnabled\":true}")))
        .isEqualTo(new AgentReading(ForgingReading.ON, true));
    assertThat(lease(read(200, "{\"state\":\"SYNCING\",\"forgingEnabled\":false}")))
        .isEqualTo(new AgentReading(ForgingReading.OFF, false));
    // Not ready is answered with 503 and the same body: still a reading.
    assertThat(lease(read(503, "{\"state\":\"LAGGING\",\"forgingEnabled\":false}")))
        .isEqualTo(new AgentReading(ForgingReading.OFF, false));
    assertThat(lease(read(200, "{\"state\":\"SYNCED\"}"))).isEqualTo(new AgentReading(ForgingReading.UNKNOWN, true));
  }

  // The slot ledger's inputs: the state, readiness and reasons, and the forge counters the node exposes (the agent's
  // "forge" object has a field only for a counter the node exposes: an absent one is unknown, never 0).
  @Test
  void anAgentsStatus_givesTheSlotLedgerItsConditionAndForgeCounters() {
    AgentReading r = read(503, "{\"state\":\"SYNCED\",\"ready\":false,\"forgingEnabled\":false,"
        + "\"reasons\":[\"readiness: not ready: forging is not enabled\",7],"
        + "\"forge\":{\"adopted\":12,\"didntAdopt\":1,\"couldNotForge\":0,\"nodeIsLeader\":14}}");
    assertThat(r.read()).isTrue();
    assertThat(r.state()).isEqualTo("SYNCED");
    assertThat(r.ready()).isFalse();
    assertThat(r.reasons()).containsExactly("readiness: not ready: forging is not enabled");
    assertThat(r.forge()).isEqualTo(new ForgeCounters(12L, 1L, null, 0L, null, 14L));
    // No forge object: every counter unknown; hostile values: unknown, never 0 or negative.
    assertThat(read(200, "{\"state\":\"SYNCED\",\"ready\":true}").forge()).isEqualTo(ForgeCounters.UNKNOWN);
    assertThat(read(200, "{\"state\":\"SYNCED\",\"forge\":{\"adopted\":-1,\"didntAdopt\":\"3\","
        + "\"forgedInvalid\":1.5,\"blockFromFuture\":99999999999999999999999}}").forge())
        .isEqualTo(ForgeCounters.UNKNOWN);
    assertThat(read(200, "{\"state\":\"not a state at all\"}").read()).isFalse();
    assertThat(AgentReading.NONE.read()).isFalse();
  }

  // The agent answers with its last observation, and during failed scrapes with older counters still: when the
  // scrape they come from ran is when they are from (a pass deciding a slot on counters sampled before the slot's end
  // would read its block as missing).
  @Test
  void theScrapeTheCountersComeFrom_isWhenTheyAreFrom() {
    AgentReading r = read(200, "{\"state\":\"SYNCED\",\"observedAt\":\"2026-12-05T10:00:11Z\","
        + "\"forgeScrape\":{\"start\":\"2026-12-05T10:00:01.250Z\",\"end\":\"2026-12-05T10:00:01.270Z\"}}");
    assertThat(r.forgeSampledFrom()).isEqualTo(java.time.Instant.parse("2026-12-05T10:00:01.250Z"));
    assertThat(r.forgeSampledTo()).isEqualTo(java.time.Instant.parse("2026-12-05T10:00:01.270Z"));
    assertThat(read(200, "{\"state\":\"SYNCED\"}").forgeSampledFrom()).isNull();
    String ok = "\"2026-12-05T10:00:01Z\"";
    for (String hostile : List.of("\"yesterday\"", "12", "{}", "\"2026-12-05T10:00:01Z" + "0".repeat(100) + "\"",
        "null")) {
      for (String scrape : List.of("{\"start\":" + hostile + ",\"end\":" + ok + "}",
          "{\"start\":" + ok + ",\"end\":" + hostile + "}", hostile)) {
        AgentReading h = read(200, "{\"state\":\"SYNCED\",\"forgeScrape\":" + scrape + "}");
        assertThat(h.read()).as(scrape).isTrue();
        assertThat(h.forgeSampledFrom()).as(scrape).isNull();
        assertThat(h.forgeSampledTo()).as(scrape).isNull();
      }
    }
    // Out of order: neither.
    AgentReading backwards = read(200, "{\"state\":\"SYNCED\",\"forgeScrape\":{\"start\":\"2026-12-05T10:00:02Z\","
        + "\"end\":\"2026-12-05T10:00:01Z\"}}");
    assertThat(backwards.forgeSampledFrom()).isNull();
    assertThat(backwards.forgeSampledTo()).isNull();
  }

  @Test
  void anythingElse_readsAsNothing() {
    assertThat(read(500, "{\"state\":\"SYNCED\",\"forgingEnabled\":false}")).isEqualTo(AgentReading.NONE);
    assertThat(read(200, "not json")).isEqualTo(AgentReading.NONE);
    assertThat(read(200, "[1,2]")).isEqualTo(AgentReading.NONE);
    assertThat(read(200, "{\"forgingEnabled\":\"false\"}").forging()).isEqualTo(ForgingReading.UNKNOWN);
    assertThat(ProducerAgents.direct().read(null, pod(null), 1)).isEqualTo(AgentReading.NONE);
    assertThat(ProducerAgents.direct().read(null, pod("not an address"), 1)).isEqualTo(AgentReading.NONE);
  }

  @Test
  void aBodyWithoutEnd_isCutAtTheLimit_andReadsAsNothing() {
    byte[] big = new byte[ProducerAgents.MAX_BODY_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    answer.set(new Answer(200, big, true));
    assertThat(ProducerAgents.direct().read(null, pod("127.0.0.1"), server.getAddress().getPort()))
        .isEqualTo(AgentReading.NONE);
  }

  @Test
  void anAgentThatNeverAnswers_readsAsNothing_afterTheTimeout() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread accept = new Thread(() -> {
        try {
          held.add(silent.accept());
        } catch (IOException e) {
          // Closed by the test.
        }
      });
      accept.setDaemon(true);
      accept.start();
      assertThat(ProducerAgents.direct().read(null, pod("127.0.0.1"), silent.getLocalPort()))
          .isEqualTo(AgentReading.NONE);
    }
  }

  @Property(tries = 200)
  void hostileBodies_neverThrow(@ForAll byte[] body, @ForAll int code) {
    AgentReading r = ProducerAgents.reading(code, body);
    assertThat(r).isNotNull();
    if (code != 200 && code != 503) {
      assertThat(r).isEqualTo(AgentReading.NONE);
    }
  }
}
