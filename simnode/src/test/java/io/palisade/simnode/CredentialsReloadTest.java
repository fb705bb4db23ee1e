package io.palisade.simnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.keys.bundle.DemoKeys;
import io.palisade.keys.bundle.HotKeyBundle;
import io.palisade.keys.bundle.HotKeys;
import io.palisade.ouroboros.n2c.LedgerQueries;
import io.palisade.ouroboros.n2c.StakeSnapshots;
import io.palisade.simnode.forge.ForgedBlock;
import io.palisade.simnode.testing.ProducerFixture;
import io.palisade.spec.ChildProcesses;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A block producer's credentials re-read on SIGHUP, as cardano-node does: a standby started non-producing without its
 * credential files forges once they are given; removing them stops forging; {@code forging_enabled} says which.
 */
class CredentialsReloadTest {
  static final String ENABLED = "cardano_node_metrics_forging_enabled_int ";

  @TempDir Path dir;
  ProducerFixture f;
  Process process;

  @BeforeEach
  void setUp() throws Exception {
    f = new ProducerFixture(dir);
  }

  @AfterEach
  void tearDown() throws Exception {
    f.close();
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  void give(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (String name : List.of("kes.skey", "vrf.skey", "node.cert")) {
      Files.copy(from.resolve(name), to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  void remove(Path keys) throws IOException {
    for (String name : List.of("kes.skey", "vrf.skey", "node.cert")) {
      Files.deleteIfExists(keys.resolve(name));
    }
  }

  List<Long> forgedBetween(long from, long to) throws IOException {
    return f.node.forgedBlocks().stream().map(ForgedBlock::slot).filter(s -> s > from && s <= to).toList();
  }

  @Test
  void standbyWithoutCredentials_forgesOnceGivenThem_stopsWhenTheyAreRemoved() throws Exception {
    Path live = dir.resolve("live");
    long e = f.nextEpochFromNow();
    f.start(live, "--start-as-non-producing-node");
    long first = f.chain.firstSlotOfEpoch(e);
    f.advanceTo(first + 20);
    assertThat(SimNodeTest.scrape(f.node)).contains(ENABLED + "0");
    assertThat(f.node.forgedBlocks()).isEmpty();
    assertThat(f.log()).contains("without its credential files");

    give(f.keys, live);
    assertThat(f.node.reloadCredentials()).isTrue();
    assertThat(SimNodeTest.scrape(f.node)).contains(ENABLED + "1");
    List<Long> schedule;
    await().atMost(Duration.ofSeconds(10)).until(f.node::nodeToClientOpen);
    try (LedgerQueries q = LedgerQueries.open(f.socket(), ProducerFixture.MAGIC, Duration.ofSeconds(5))) {
      // The ledger learnt its pool from the credentials.
      StakeSnapshots stake = q.stakeSnapshots(f.pool);
      schedule = f.schedule(e, q.protocolState().epochNonce(), stake.pool(f.pool).orElseThrow().set(),
          stake.setTotal());
    }
    f.advanceTo(first + 100);
    List<Long> expected = schedule.stream().filter(s -> s > first + 20 && s <= first + 100).toList();
    assertThat(expected).isNotEmpty();
    assertThat(forgedBetween(first, first + 100)).isEqualTo(expected);

    remove(live);
    assertThat(f.node.reloadCredentials()).isFalse();
    assertThat(SimNodeTest.scrape(f.node)).contains(ENABLED + "0");
    f.advanceTo(first + 180);
    assertThat(forgedBetween(first + 100, first + 180)).isEmpty();
    assertThat(schedule.stream().filter(s -> s > first + 100 && s <= first + 180)).isNotEmpty();
    assertThat(f.log()).contains("SIGHUP: block forging enabled").contains("SIGHUP: block forging disabled");
  }

  @Test
  void credentialsGivenDuringALeaderSlot_forgeFromTheNextOne_theLoopCheckedThatSlotWithoutThem() throws Exception {
    Path live = dir.resolve("live");
    give(f.keys, live);
    long e = f.nextEpochFromNow();
    f.start(live);
    long first = f.chain.firstSlotOfEpoch(e);
    // The ledger is at the tip's epoch: wait for the epoch's first block to learn the epoch's schedule.
    long now = first;
    f.advanceTo(now);
    while (f.node.snapshot().tipSlot() < first) {
      f.advanceTo(++now);
    }
    List<Long> schedule;
    await().atMost(Duration.ofSeconds(10)).until(f.node::nodeToClientOpen);
    try (LedgerQueries q = LedgerQueries.open(f.socket(), ProducerFixture.MAGIC, Duration.ofSeconds(5))) {
      StakeSnapshots stake = q.stakeSnapshots(f.pool);
      schedule = f.schedule(e, q.protocolState().epochNonce(), stake.pool(f.pool).orElseThrow().set(),
          stake.setTotal());
    }
    long start = now;
    List<Long> ahead = schedule.stream().filter(s -> s > start + 1).limit(2).toList();
    assertThat(ahead).as("two leader slots ahead in %s", schedule).hasSize(2);
    long leader = ahead.get(0);
    long next = ahead.get(1);
    // The standby: the same node restarted without its credentials, given them while its clock is in a leader slot.
    f.node.close();
    remove(live);
    f.start(live, "--start-as-non-producing-node");
    f.advanceTo(leader);
    give(f.keys, live);
    assertThat(f.node.reloadCredentials()).isTrue();
    // A scrape in the same slot (the node follows its clock on every read) must not run the slot's check again.
    assertThat(SimNodeTest.scrape(f.node)).contains(ENABLED + "1");
    f.advanceTo(next);
    assertThat(forgedBetween(leader - 1, next)).isEqualTo(List.of(next));
  }

  @Test
  void anotherPoolsCredentials_areRefused_forgingOff() throws Exception {
    Path live = dir.resolve("live");
    give(f.keys, live);
    f.start(live);
    assertThat(SimNodeTest.scrape(f.node)).contains(ENABLED + "1");
    Path other = Files.createDirectory(dir.resolve("other"));
    DemoKeys.Result demo = DemoKeys.create(Files.createDirectory(dir.resolve("otherBundle")), f.chain);
    try (HotKeys hot = HotKeyBundle.open(demo.bundle(), demo.readPassphrase(), Optional.of(demo.poolIdHex()))) {
      hot.writeNodeFiles(other);
    }
    give(other, live);
    assertThat(f.node.reloadCredentials()).isFalse();
    assertThat(SimNodeTest.scrape(f.node)).contains(ENABLED + "0");
    assertThat(f.log()).contains("not pool " + f.pool.hex());
    give(f.keys, live);
    assertThat(f.node.reloadCredentials()).isTrue();
    assertThat(SimNodeTest.scrape(f.node)).contains(ENABLED + "1");
  }

  @Test
  void aRealSighup_toTheSimnodeProcess_switchesForging() throws Exception {
    Path live = dir.resolve("live");
    StringBuffer out = startProcess(live, "PT0.1S");
    URI metrics = metricsOf(out);
    await().atMost(Duration.ofSeconds(10)).until(() -> scrape(metrics).contains(ENABLED + "0"));

    give(f.keys, live);
    hangUp();
    await().atMost(Duration.ofSeconds(10)).until(() -> scrape(metrics).contains(ENABLED + "1"));
    remove(live);
    hangUp();
    await().atMost(Duration.ofSeconds(10)).until(() -> scrape(metrics).contains(ENABLED + "0"));
    assertThat(process.isAlive()).as("SIGHUP does not end the node:%n%s", out).isTrue();
    assertThat(out.toString()).contains("SIGHUP: block forging enabled").contains("SIGHUP: block forging disabled");
  }

  /**
   * A standby given its credentials while it starts: the SIGHUP comes as soon as the node logs its first line. The
   * handler used to be installed only after the node had started (its metrics server up), so such a SIGHUP met the
   * JVM's default action and ended the node — seen as a CI flake of the test above on a loaded machine.
   */
  @Test
  void aSighupWhileTheNodeStarts_isApplied_notFatal() throws Exception {
    Path live = dir.resolve("live");
    give(f.keys, live);
    StringBuffer out = startProcess(live, "PT2S");
    await().atMost(Duration.ofSeconds(30)).until(() -> out.indexOf("Starting simulated cardano-node") >= 0);
    hangUp();

    URI metrics = metricsOf(out);
    await().atMost(Duration.ofSeconds(10)).until(() -> scrape(metrics).contains(ENABLED + "1"));
    assertThat(process.isAlive()).as("a SIGHUP during the start does not end the node:%n%s", out).isTrue();
  }

  /** Starts the simulated node as its own process, non-producing, its output collected. */
  private StringBuffer startProcess(Path live, String replay) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SimNodeMain.class.getName(), "run"));
    command.addAll(f.arguments(live, "--start-as-non-producing-node"));
    // As the runtime starts a node: a build run under nohup (SIGHUP ignored) would otherwise pass that on.
    ProcessBuilder pb = new ProcessBuilder(ChildProcesses.withDefaultSignals(command)).redirectErrorStream(true);
    pb.environment().put(SimNodeSettings.REPLAY_ENV, replay);
    pb.environment().remove(Faults.ENV);
    process = pb.start();
    StringBuffer out = new StringBuffer();
    Process p = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          out.append(line).append('\n');
        }
      } catch (IOException ignored) {
        // The process ended.
      }
    }, "simnode-output");
    reader.setDaemon(true);
    reader.start();
    return out;
  }

  private static URI metricsOf(StringBuffer out) {
    Pattern endpoint = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)/metrics");
    await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.matcher(out).find());
    Matcher m = endpoint.matcher(out);
    assertThat(m.find()).isTrue();
    return URI.create("http://127.0.0.1:" + m.group(1) + "/metrics");
  }

  void hangUp() throws Exception {
    Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start();
    assertThat(kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }

  static String scrape(URI uri) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    return r.statusCode() == 200 ? r.body() : "";
  }
}
