package io.palisade.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.palisade.agent.metrics.MetricStyle;
import io.palisade.agent.metrics.MetricsExposition;
import io.palisade.agent.metrics.NodeMetric;
import io.palisade.chain.ChainClock;
import io.palisade.chain.KnownNetwork;
import io.palisade.cli.CliRun;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.JsonOption;
import io.palisade.cli.Main;
import io.palisade.ouroboros.ChainTip;
import io.palisade.ouroboros.Point;
import io.palisade.ouroboros.n2n.NodeToNodeResponder;
import io.palisade.ouroboros.n2n.NodeToNodeServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code palisade agent} and {@code palisade agent check}: exit codes, stdout and stderr. */
@Timeout(60)
class AgentCommandTest {
  /** Lines of a legacy mainnet block producer scrape quoted in cardano-node issue #5075 (node 1.35.5). */
  private static final String LEGACY_BP = String.join("\n",
      "cardano_node_metrics_slotNum_int 89321798",
      "cardano_node_metrics_blockNum_int 8617641",
      "cardano_node_metrics_epoch_int 404",
      "cardano_node_metrics_slotInEpoch_int 156998",
      "cardano_node_metrics_currentKESPeriod_int 689",
      "cardano_node_metrics_remainingKESPeriods_int 20",
      "cardano_node_metrics_operationalCertificateStartKESPeriod_int 647",
      "cardano_node_metrics_operationalCertificateExpiryKESPeriod_int 709",
      "cardano_node_metrics_Forge_forged_int 82",
      "cardano_node_metrics_forging_enabled 1",
      "cardano_node_metrics_peerSelection_hot 2",
      "cardano_node_metrics_cardano_build_info {version=\"1.35.5\"} 1",
      "");
  private static final String AT_TIP = "2023-04-07T17:21:41Z";

  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void check_legacyBlockProducer_atItsTime_isReady_exit0() throws Exception {
    CliRun run = CliRun.run("agent", "check", "--metrics-file", file("bp.prom", LEGACY_BP).toString(),
        "--network", "mainnet", "--at", AT_TIP);
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("state      SYNCED (tip slot 89321798, block 8617641; expected slot 89321810")
        .contains("readiness  ready").contains("role       block-producer; forging enabled; cardano-node 1.35.5")
        .contains("KES        20 periods left, expires 2023-05-07T09:44:51Z (in 29 days); opcert start period 647")
        .contains("reasons:");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void check_legacyBlockProducer_asThe135NodeWroteIt_isABlockProducer_withKesFromTheExpiry() throws Exception {
    // cardano-node 1.35.x exposes neither forging_enabled nor the opcert's start period; its KES gauges and forge
    // counters are the evidence.
    String real135 = LEGACY_BP.lines().filter(l -> !l.contains("forging_enabled")
        && !l.contains("StartKESPeriod")).reduce("", (a, b) -> a + b + "\n");
    CliRun run = CliRun.run("agent", "check", "--metrics-file", file("bp135.prom", real135).toString(),
        "--network", "mainnet", "--at", AT_TIP);
    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).contains("role       block-producer; forging enabled; cardano-node 1.35.5")
        .contains("KES        20 periods left, expires 2023-05-07T09:44:51Z (in 29 days); opcert start period 647")
        .contains("from operationalCertificateExpiryKESPeriod_int - 62 (maxKESEvolutions)")
        .contains("judged as a block producer, inferred from forge counters Forge_forged_int")
        .contains("basis      one observation");
  }

  @Test
  void check_producerWithForgeCounters_showsThemInOneLine_andTheJsonHasTheForgeObject() throws Exception {
    String scrape = LEGACY_BP + "cardano_node_metrics_Forge_node_is_leader_int 84\n"
        + "cardano_node_metrics_Forge_adopted_int 82\ncardano_node_metrics_Forge_didnt_adopt_int 1\n";
    CliRun text = CliRun.run("agent", "check", "--metrics-file", file("forge.prom", scrape).toString(),
        "--network", "mainnet", "--at", AT_TIP);
    assertThat(text.out()).contains("forge      since the node started: leader 84, adopted 82, not adopted (lost slot"
        + " battle) 1\n");
    CliRun json = CliRun.run("agent", "check", "--metrics-file", file("forge.prom", scrape).toString(),
        "--network", "mainnet", "--at", AT_TIP, "--json");
    assertThat(JsonOption.mapper().readTree(json.out()).get("forge").toString())
        .isEqualTo("{\"adopted\":82,\"didntAdopt\":1,\"forgedInvalid\":0,\"couldNotForge\":0,"
            + "\"blockFromFuture\":0,\"nodeIsLeader\":84}");
    // The base scrape has only Forge_forged_int, which is no outcome, but shows a forging node: its outcome counters
    // had no event yet (0); the line names adopted and leaves the zero failures out.
    CliRun none = CliRun.run("agent", "check", "--metrics-file", file("bp.prom", LEGACY_BP).toString(),
        "--network", "mainnet", "--at", AT_TIP);
    assertThat(none.out()).contains("forge      since the node started: adopted 0\n");
    // A relay's scrape has no forge line at all.
    CliRun relay = CliRun.run("agent", "check", "--metrics-file", file("relay.prom",
        LEGACY_BP.lines().filter(l -> !l.matches(".*(Forge|KES|forging).*"))
            .collect(java.util.stream.Collectors.joining("\n", "", "\n"))).toString(),
        "--network", "mainnet", "--at", AT_TIP);
    assertThat(relay.out()).doesNotContain("forge      ");
  }

  @Test
  void check_healthyNodeBetweenTwoBlocks_isSynced_onOneObservation() throws Exception {
    // 60 slots past the last block: a node at the tip is that far one time in 20 at f = 0.05.
    String scrape = LEGACY_BP.replace("slotNum_int 89321798", "slotNum_int 89321750");
    CliRun run = CliRun.run("agent", "check", "--metrics-file", file("gap.prom", scrape).toString(),
        "--network", "mainnet", "--at", AT_TIP);
    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).contains("state      SYNCED (tip slot 89321750")
        .contains("basis      one observation, no history")
        .contains("judged on one observation of the tip: a node at the tip goes 60 slots without a block");
  }

  @Test
  void check_opcertFromTheFuture_saysNotValidYet() throws Exception {
    String future = LEGACY_BP.replace("StartKESPeriod_int 647", "StartKESPeriod_int 1799");
    CliRun run = CliRun.run("agent", "check", "--metrics-file", file("future.prom", future).toString(),
        "--network", "mainnet", "--at", AT_TIP);
    assertThat(run.code()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.out()).contains("KES        NOT VALID YET: the opcert starts at KES period 1799, after the current"
        + " period 689").doesNotContain("of 62 KES periods left").doesNotContain("1172");
  }

  @Test
  void check_json_isTheStatusDocument() throws Exception {
    CliRun run = CliRun.run("agent", "check", "--metrics-file", file("bp.prom", LEGACY_BP).toString(),
        "--network", "mainnet", "--at", "2023-05-03T09:44:51Z", "--json");
    JsonNode json = JsonOption.mapper().readTree(run.out());
    assertThat(json.get("state").asText()).isEqualTo("SYNCING");
    assertThat(json.get("ready").asBoolean()).isFalse();
    assertThat(run.code()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(json.at("/kes/warning").asText()).isEqualTo("WITHIN_5_DAYS");
    assertThat(json.at("/tip/slot").asLong()).isEqualTo(89321798);
    assertThat(json.get("reasons").toString()).contains("rotate the KES key");
  }

  @Test
  void check_customNetwork_replayingNode_isStarting_exit1() throws Exception {
    // A private testnet like the recorded 6-node cluster: epochs of 600 one-second slots.
    Path net = Files.createDirectories(dir.resolve("bench"));
    Files.writeString(net.resolve("shelley-genesis.json"), "{\"systemStart\": \"2025-11-03T11:05:17Z\","
        + " \"networkMagic\": 42, \"securityParam\": 10, \"slotLength\": 1, \"epochLength\": 600,"
        + " \"slotsPerKESPeriod\": 129600, \"maxKESEvolutions\": 62, \"activeSlotsCoeff\": 0.05}");
    String replaying = new MetricsExposition(MetricStyle.NEW_TRACING)
        .value(NodeMetric.BLOCK_REPLAY_PROGRESS, 42.5).value(NodeMetric.HOT_PEERS, 0).render();
    CliRun run = CliRun.run("agent", "check", "--metrics-file", file("replay.prom", replaying).toString(),
        "--network", net.toString(), "--at", "2025-11-03T12:00:00Z");
    assertThat(run.code()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(run.out()).contains("state      STARTING (no tip; expected slot 3283)").contains("liveness   ok")
        .contains("replay     42.50 %").contains("replaying the ledger, 42.50 %");
  }

  @Test
  void check_badInputs_exit2_withOneLine() throws Exception {
    Path good = file("bp.prom", LEGACY_BP);
    assertThat(CliRun.run("agent", "check", "--metrics-file", dir.resolve("nope").toString(), "--network", "mainnet")
        .err()).contains("no such file");
    CliRun html = CliRun.run("agent", "check", "--metrics-file", file("x.html", "<html>502</html>").toString(),
        "--network", "mainnet");
    assertThat(html.code()).isEqualTo(2);
    assertThat(html.err()).contains("not Prometheus text");
    assertThat(CliRun.run("agent", "check", "--metrics-file", good.toString(), "--network", "mars").code())
        .isEqualTo(2);
    assertThat(CliRun.run("agent", "check", "--metrics-file", good.toString(), "--network", "mainnet", "--at",
        "soon").err()).contains("ISO-8601");
    assertThat(CliRun.run("agent", "check", "--metrics-file", good.toString(), "--network", "mainnet", "--role",
        "wallet").err()).contains("--role must be");
    CliRun inverted = CliRun.run("agent", "check", "--metrics-file", good.toString(), "--network", "mainnet",
        "--synced-within", "100", "--synced-hold", "50");
    assertThat(inverted.code()).isEqualTo(2);
    assertThat(inverted.err()).contains("synced hold (50) must be >= the synced threshold (100)");
    assertThat(CliRun.run("agent", "check", "--metrics-file", good.toString(), "--network", "mainnet", "--opcert",
        file("o", "{}").toString()).err()).contains("NodeOperationalCertificate");
  }

  @Test
  void serve_missingOrBadOptions_exit2() {
    CliRun none = CliRun.run("agent");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("missing --node-metrics");
    CliRun badAddress = CliRun.run("agent", "--node-metrics", "http://127.0.0.1:1/metrics", "--node-address",
        "127.0.0.1", "--network", "preview");
    assertThat(badAddress.err()).contains("--node-address must be HOST:PORT");
    CliRun https = CliRun.run("agent", "--node-metrics", "https://127.0.0.1:1/metrics", "--node-address",
        "127.0.0.1:3001", "--network", "preview");
    assertThat(https.err()).contains("plain HTTP");
    assertThat(CliRun.run("agent", "--node-metrics", "http://127.0.0.1:1/metrics", "--node-address",
        "127.0.0.1:3001", "--network", "preview", "--poll-interval", "500ms").code()).isEqualTo(2);
  }

  @Test
  void serve_againstALiveNode_answersProbes_untilStopped() throws Exception {
    ChainClock preview = new ChainClock(KnownNetwork.PREVIEW.genesis(), Clock.systemUTC());
    HttpServer metrics = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    metrics.createContext("/metrics", ex -> {
      byte[] body = new MetricsExposition(MetricStyle.NEW_TRACING)
          .value(NodeMetric.SLOT_NUM, preview.currentSlot() - 3).value(NodeMetric.BLOCK_NUM, 3_000_000)
          .value(NodeMetric.HOT_PEERS, 3).render().getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    metrics.start();
    NodeToNodeServer port = NodeToNodeServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        new NodeToNodeResponder(2, () -> new ChainTip(Point.of(preview.currentSlot() - 3, "ee".repeat(32)), 1)));
    SyncWriter err = new SyncWriter();
    Thread agent = new Thread(() -> Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true),
        "agent", "--node-metrics", "http://127.0.0.1:" + metrics.getAddress().getPort() + "/metrics",
        "--node-address", "127.0.0.1:" + port.address().getPort(), "--network", "preview",
        "--listen", "127.0.0.1:0", "--poll-interval", "1s", "--role", "relay"));
    agent.start();
    try {
      String base = "http://127.0.0.1:" + waitForPort(err);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (status(base + "/readyz") != 200 && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(status(base + "/readyz")).isEqualTo(200);
      assertThat(status(base + "/livez")).isEqualTo(200);
      assertThat(status(base + "/startupz")).isEqualTo(200);
      String json = body(base + "/status");
      assertThat(JsonOption.mapper().readTree(json).at("/port/outcome").asText()).isEqualTo("ANSWERED");
      assertThat(body(base + "/metrics")).contains("palisade_node_ready 1");
    } finally {
      agent.interrupt();
      agent.join(10_000);
      metrics.stop(0);
      port.close();
    }
    assertThat(agent.isAlive()).isFalse();
  }

  private static int waitForPort(SyncWriter err) throws InterruptedException {
    Pattern serving = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+) ");
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = serving.matcher(err.text());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the agent did not start: " + err.text());
  }

  private static int status(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setReadTimeout(5000);
    int code = c.getResponseCode();
    c.disconnect();
    return code;
  }

  private static String body(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setReadTimeout(5000);
    try (var in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A writer another thread can read while the agent writes. */
  private static final class SyncWriter extends Writer {
    private final StringBuffer text = new StringBuffer();

    @Override
    public void write(char[] cbuf, int off, int len) {
      text.append(cbuf, off, len);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    String text() {
      return text.toString();
    }
  }

}
