package io.palisade.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.palisade.cli.CliRun;
import io.palisade.cli.ExitCodes;
import io.palisade.control.StateJson;
import io.palisade.simnode.forge.ForgedBlock;
import io.palisade.simnode.forge.ForgedBlockLog;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code palisade up} of a pool with a standby block producer, as a child process (one for the class), driven by
 * {@code palisade producer status|switchover} as from a shell: a switchover on request, a failover after a kill -9
 * of the active producer's node; throughout, both producers' {@code forging_enabled} are sampled from their own
 * metrics and never read 1 together, and their forged-block records hold at most one block of the pool per slot.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProducerEndToEndTest {
  static final Duration LONG = Duration.ofMinutes(2);
  static final String BP = "block-producer";
  static final String STANDBY = "block-producer-standby";
  static final Pattern FORGING = Pattern.compile("(?m)^\\S*forging_enabled(?:_int)?(?:\\{[^}]*})?\\s+(\\d+)");
  static final String SPEC = """
      name: standby
      network: preview
      node:
        version: 10.5.3
      registry:
        host: registry.palisade.example
        private: true
      blockProducer:
        standby:
          name: block-producer-standby
          failoverAfter: 2s
      relays:
        - region: region-a
          publicAddress: 127.0.0.1
        - region: region-b
          publicAddress: 127.0.0.1
      upgrade:
        deadlinePerNode: 20s
        holdOff: 1s
      """;

  @TempDir static Path dir;
  static Path data;
  static Process up;
  static ScheduledExecutorService sampler;
  static final Map<String, Integer> metricsPorts = new HashMap<>();
  static final List<String> bothForging = new CopyOnWriteArrayList<>();
  static final List<Integer> samples = new CopyOnWriteArrayList<>();
  static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  @BeforeAll
  static void startPool() throws Exception {
    data = dir.resolve("data");
    Files.writeString(dir.resolve("pool.yaml"), SPEC);
    String java = ProcessHandle.current().info().command().orElse("java");
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    up = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", cp, "io.palisade.cli.Main", "up",
        dir.resolve("pool.yaml").toString(), "--data-dir", data.toString(), "--simnode-replay", "PT0.5S", "--tick",
        "PT0.3S", "--any-ports", "--stop-grace", "5s", "--no-console", "--simnode-stake-share", "1.0"))
        .redirectOutput(dir.resolve("up.out").toFile()).redirectError(dir.resolve("up.err").toFile())
        .redirectInput(new File("/dev/null")).start();
    await().atMost(LONG).pollInterval(Duration.ofMillis(300)).until(() -> {
      JsonNode s = status();
      if (s == null) {
        return false;
      }
      s.get("nodes").forEach(n -> metricsPorts.put(n.get("name").asText(), n.get("metricsPort").asInt()));
      return metricsPorts.containsKey(STANDBY);
    });
    sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleWithFixedDelay(ProducerEndToEndTest::sample, 0, 100, TimeUnit.MILLISECONDS);
  }

  @AfterAll
  static void stopPool() throws Exception {
    if (sampler != null) {
      sampler.shutdownNow();
    }
    UpTeardown.stop(data, up);
  }

  static JsonNode status() throws IOException {
    CliRun r = CliRun.run("status", "--json", "--data-dir", data.toString());
    return r.code() == ExitCodes.OK || r.code() == ExitCodes.CHECK_FAILED ? StateJson.MAPPER.readTree(r.out()) : null;
  }

  static JsonNode producer() throws IOException {
    CliRun r = CliRun.run("producer", "status", "--json", "--data-dir", data.toString());
    return StateJson.MAPPER.readTree(r.out());
  }

  static void sample() {
    Map<String, Integer> read = new HashMap<>();
    for (String n : List.of(BP, STANDBY)) {
      Integer v = forging(metricsPorts.get(n));
      if (v != null) {
        read.put(n, v);
      }
    }
    samples.add(read.size());
    if (read.getOrDefault(BP, 0) == 1 && read.getOrDefault(STANDBY, 0) == 1) {
      bothForging.add(java.time.Instant.now() + ": " + read);
    }
  }

  static Integer forging(int port) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
          .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
      Matcher m = FORGING.matcher(r.body());
      return m.find() ? Integer.parseInt(m.group(1)) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  static void awaitForging(String holder, long token) {
    await().atMost(LONG).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
      CliRun r = CliRun.run("producer", "status", "--data-dir", data.toString());
      assertThat(r.code()).as(r.out() + r.err()).isZero();
      JsonNode p = producer();
      assertThat(p.get("holder").asText()).isEqualTo(holder);
      assertThat(p.get("token").asLong()).isEqualTo(token);
    });
  }

  @Test
  @Order(1)
  void producerStatus_showsTheBlockProducerForging_withTokenOne() throws IOException {
    awaitForging(BP, 1);
    CliRun r = CliRun.run("producer", "status", "--data-dir", data.toString());
    assertThat(r.out()).contains("block-producer forges (lease token 1, since ")
        .contains("standby: " + STANDBY).contains("forging_enabled: 1 on block-producer, 0 on " + STANDBY);
    assertThat(CliRun.run("status", "--data-dir", data.toString()).out())
        .contains("producer lease: block-producer forges (lease token 1, since ");
  }

  @Test
  @Order(2)
  void switchoverWithWait_movesForgingToTheStandby() throws Exception {
    await().atMost(LONG).until(() -> status().get("nodes").findValues("name").size() == 4
        && readyNode(STANDBY));
    CliRun r = CliRun.run("producer", "switchover", "--wait", "--data-dir", data.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains(STANDBY + " forges (fencing token 2)");
    assertThat(r.err()).contains("SwitchoverStarted").contains("ProducerPromoted");
    CliRun again = CliRun.run("producer", "switchover", "--json", "--data-dir", data.toString());
    JsonNode ans = StateJson.MAPPER.readTree(again.out());
    assertThat(ans.get("node").asText()).isEqualTo(BP);
  }

  @Test
  @Order(3)
  void killMinus9OfTheActiveProducer_failsOverToTheOther() throws Exception {
    // The switchover asked for above, back to the block producer, first.
    awaitForging(BP, 3);
    String active = BP;
    String other = STANDBY;
    long token = 3;
    long pid = 0;
    for (JsonNode n : status().get("nodes")) {
      if (n.get("name").asText().equals(active)) {
        pid = n.get("pid").asLong();
      }
    }
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    awaitForging(other, token + 1);
    String metrics = controlPlaneMetrics();
    assertThat(metrics).contains("palisade_pool_producer_lease_token{pool=\"standby\"} " + (token + 1))
        .containsPattern("palisade_node_producer_lease_holder\\{[^}]*node=\"" + other + "\"[^}]*} 1");
  }

  @Test
  @Order(4)
  void throughout_neverBothForging_andNoSlotWithTwoBlocksOfThePool() throws IOException {
    assertThat(samples.stream().filter(n -> n == 2).count()).as("samples of both producers").isGreaterThan(20);
    assertThat(bothForging).as("samples where both producers' forging_enabled read 1").isEmpty();
    List<ForgedBlock> all = new ArrayList<>();
    for (String n : List.of(BP, STANDBY)) {
      Path f = data.resolve("nodes/" + n + "/db/" + ForgedBlockLog.FILE_NAME);
      if (Files.exists(f)) {
        all.addAll(ForgedBlockLog.read(f));
      }
    }
    assertThat(all.stream().map(b -> b.pool() + "@" + b.slot()).distinct().count())
        .as("one block of the pool per slot across both producers: %s", all).isEqualTo(all.size());
  }

  static boolean readyNode(String name) throws IOException {
    for (JsonNode n : status().get("nodes")) {
      if (n.get("name").asText().equals(name)) {
        return n.get("ready").asBoolean();
      }
    }
    return false;
  }

  static String controlPlaneMetrics() throws Exception {
    JsonNode info = StateJson.MAPPER.readTree(data.resolve("control-plane.json").toFile());
    String token = Files.readString(data.resolve("token")).trim();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(info.get("url").asText() + "/metrics"))
        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    return r.body();
  }
}
