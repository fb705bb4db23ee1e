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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane's power cut, for real: {@code palisade up} of a pool with a standby runs as a child process; over
 * seeded random rounds a switchover is asked for and the {@code up} JVM is killed with SIGKILL at a random moment of the
 * move (while it is queued, or once the lease file records it in progress, after a random delay), leaving the simulated
 * nodes running as a power cut of the supervisor alone would; then {@code up} starts again on the same data directory
 * and adopts them (in half the rounds that {@code up} is killed again within a second of its control loop's start, and
 * started once more). Throughout, both producers' {@code forging_enabled} are sampled from their own metrics
 * ({@link ForgingSampler}): never two read 1 together; the lease file's token never goes down; after each restart the
 * pool settles with exactly the holder forging, and each move either completed (the next token, the other holder) or
 * was called off with its reason ({@code PromotionRefused}); at the end no slot has two blocks of the pool across both
 * producers' forged-block records. The seed is printed, so a failing run can be replayed with
 * {@code -Dpalisade.test.seed=N}.
 */
class UpKillDuringMoveTest {
  static final Duration LONG = Duration.ofMinutes(3);
  // Two in ./test.sh (each round waits for a free window and a restart: about a minute on a loaded machine).
  static final int ROUNDS = Integer.getInteger("palisade.test.rounds", 2);
  static final String BP = "block-producer";
  static final String STANDBY = "block-producer-standby";
  /**
   * The pool's stake share in the simulated ledger: three quarters of {@link ProducerEndToEndTest}'s pool's, so a free
   * window for a switchover (no leader slot in 15 s) comes sooner and the rounds fit the time, while the pool still
   * forges a block every 26 s or so on average, for the forged-block records to check (a short run may forge few; a
   * switchover starts only in a free window anyway, so the moves themselves are watched by the sampled
   * {@code forging_enabled}).
   */
  static final String STAKE_SHARE = "0.75";
  static final Set<String> LEASE_EVENTS = Set.of("FailoverStarted", "SwitchoverStarted", "SwitchoverWaiting",
      "ProducerFenced", "ProducerKilled", "ProducerPromoted", "PromotionRefused", "ControlLoopError");

  @TempDir Path dir;
  Path data;
  Process up;
  ForgingSampler sampler;
  /** Every node process seen during the test: none may outlive the teardown. */
  final Set<ProcessHandle> nodes = ConcurrentHashMap.newKeySet();

  @AfterEach
  void stopPool() throws Exception {
    if (sampler != null) {
      sampler.close();
    }
    recordNodeProcesses();
    UpTeardown.stop(data, up);
    await().atMost(Duration.ofMinutes(1)).untilAsserted(() ->
        assertThat(nodes.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList())
            .as("node processes left running after the teardown").isEmpty());
  }

  @Test
  void sigkillOfUpDuringSwitchovers_neverTwoForgers_tokenNeverDown_eachMoveCompletesOrIsCalledOff() throws Exception {
    long seed = Long.getLong("palisade.test.seed", System.nanoTime());
    System.out.println("UpKillDuringMoveTest seed " + seed + " (replay with -Dpalisade.test.seed=" + seed + ")");
    Random random = new Random(seed);
    data = dir.resolve("data");
    Files.writeString(dir.resolve("pool.yaml"), ProducerEndToEndTest.SPEC);
    up = startUp(0);
    await().atMost(LONG).pollInterval(Duration.ofMillis(300)).until(() -> metricsPorts().size() == 2);
    sampler = new ForgingSampler(metricsPorts());
    long maxToken = 0;
    int completed = 0;
    List<String> calledOff = new ArrayList<>();
    for (int round = 1; round <= ROUNDS; round++) {
      JsonNode before = settled();
      log("round " + round + ": settled");
      String holder = before.get("lease").get("holder").asText();
      long token = before.get("lease").get("token").asLong();
      maxToken = checkToken(before, maxToken);
      long eventsBefore = eventLines().size();
      await().atMost(LONG).pollInterval(Duration.ofMillis(500)).until(() ->
          CliRun.run("producer", "switchover", "--data-dir", data.toString()).code() == ExitCodes.OK);
      log("round " + round + ": switchover accepted");
      // Two rounds in three kill once the move is under way (its fence started), one while it may still be queued.
      boolean inMove = random.nextInt(3) > 0;
      long delayMillis = inMove ? random.nextInt(400) : random.nextInt(2000);
      if (inMove) {
        // Once the lease file records the move (its fence started), or it already passed.
        await().atMost(LONG).pollInterval(Duration.ofMillis(20)).until(() -> {
          JsonNode l = lease();
          return !l.path("handover").isNull() && !l.path("handover").isMissingNode()
              || l.get("lease").get("token").asLong() > token;
        });
      }
      // The random moment, a bounded delay drawn from the seed: not a synchronisation.
      Thread.sleep(delayMillis);
      JsonNode atKill = killUp();
      maxToken = checkToken(atKill, maxToken);
      String where = (inMove ? "in the move +" : "after the request +") + delayMillis + " ms (lease file then: "
          + describe(atKill) + ")";
      log("round " + round + ": up killed");
      up = startUp(round);
      if (random.nextBoolean()) {
        // A second cut once the restarted control plane runs its loop (it writes control-plane.json just before the
        // first pass): while it adopts the nodes' state, carries the move on, or has just finished it.
        Process restarted = up;
        await().atMost(LONG).pollInterval(Duration.ofMillis(20)).until(() -> !restarted.isAlive()
            || controlPlanePid() == restarted.pid());
        assertThat(restarted.isAlive()).as("the restarted up runs: %s", Files.readString(dir.resolve("up-" + round
            + ".err"))).isTrue();
        long again = random.nextInt(1000);
        Thread.sleep(again);
        JsonNode atSecondKill = killUp();
        maxToken = checkToken(atSecondKill, maxToken);
        where += ", then the restarted up killed +" + again + " ms into its loop (lease file then: " + describe(atSecondKill) + ")";
        log("round " + round + ": restarted up killed");
        up = startUp(round + 100);
      }
      JsonNode after = settled();
      log("round " + round + ": settled after the restart; the lease's events: " + leaseEvents(eventsBefore));
      maxToken = checkToken(after, maxToken);
      long tokenAfter = after.get("lease").get("token").asLong();
      String holderAfter = after.get("lease").get("holder").asText();
      if (tokenAfter > token) {
        assertThat(tokenAfter).as("one move, one token").isEqualTo(token + 1);
        assertThat(holderAfter).as("a completed move changes the holder").isNotEqualTo(holder);
        completed++;
        System.out.printf("round %d: up killed %s: move completed, %s forges, token %d%n", round, where,
            holderAfter, tokenAfter);
      } else {
        assertThat(holderAfter).as("a move called off keeps the holder").isEqualTo(holder);
        List<String> refused = eventLines().stream().skip(eventsBefore)
            .filter(e -> e.get("reason").asText().equals("PromotionRefused"))
            .map(e -> e.get("message").asText()).toList();
        assertThat(refused).as("a move called off says why (PromotionRefused)").isNotEmpty();
        calledOff.add(refused.get(refused.size() - 1));
        System.out.printf("round %d: up killed %s: move called off: %s%n", round, where,
            refused.get(refused.size() - 1));
      }
    }
    sampler.close();
    System.out.printf("UpKillDuringMoveTest seed %d: %d rounds, %d moves completed, %d called off, %d samples of"
        + " both producers%n", seed, ROUNDS, completed, calledOff.size(), sampler.bothRead());
    assertThat(completed + calledOff.size()).isEqualTo(ROUNDS);
    assertThat(sampler.bothForging()).as("samples where both producers' forging_enabled read 1").isEmpty();
    List<ForgedBlock> all = new ArrayList<>();
    for (String n : List.of(BP, STANDBY)) {
      Path f = data.resolve("nodes/" + n + "/db/" + ForgedBlockLog.FILE_NAME);
      if (Files.exists(f)) {
        all.addAll(ForgedBlockLog.read(f));
      }
    }
    System.out.printf("UpKillDuringMoveTest: %d blocks in the producers' forged-block records%n", all.size());
    assertThat(all.stream().map(b -> b.pool() + "@" + b.slot()).distinct().count())
        .as("one block of the pool per slot across both producers: %s", all).isEqualTo(all.size());
  }

  private final long startNanos = System.nanoTime();

  /** A progress line with the seconds since the test started (to read a slow run's log; never asserted). */
  void log(String what) {
    System.out.printf("%6.1f s %s%n", (System.nanoTime() - startNanos) / 1e9, what);
  }

  /** SIGKILL of the {@code up} JVM alone (its nodes run on, in their own session); the lease file right after. */
  JsonNode killUp() throws Exception {
    recordNodeProcesses();
    up.toHandle().destroyForcibly();
    assertThat(up.waitFor(30, TimeUnit.SECONDS)).as("up died of SIGKILL").isTrue();
    return lease();
  }

  /** The lease file's token, checked never to go down; returns the highest seen. */
  static long checkToken(JsonNode lease, long maxToken) {
    long token = lease.get("lease").get("token").asLong();
    assertThat(token).as("the lease's token never goes down (%s)", lease).isGreaterThanOrEqualTo(maxToken);
    return token;
  }

  /** {@code palisade up} as a child process, its output in {@code up-N.out} and {@code up-N.err}. */
  Process startUp(int n) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", cp, "io.palisade.cli.Main", "up",
        dir.resolve("pool.yaml").toString(), "--data-dir", data.toString(), "--simnode-replay", "PT0.5S", "--tick",
        "PT0.3S", "--any-ports", "--stop-grace", "5s", "--no-console", "--simnode-stake-share", STAKE_SHARE))
        .redirectOutput(dir.resolve("up-" + n + ".out").toFile()).redirectError(dir.resolve("up-" + n + ".err").toFile())
        .redirectInput(new File("/dev/null")).start();
  }

  /**
   * Waits until the pool settled: no move in progress or queued, {@code producer status} exit 0 (exactly the holder
   * forges, by the control plane's reading) and the producers' own metrics agree. Returns the lease file then.
   */
  JsonNode settled() {
    return await().atMost(LONG).pollInterval(Duration.ofMillis(300)).until(() -> {
      JsonNode l = lease();
      if (!l.path("handover").isNull() && !l.path("handover").isMissingNode()
          || !l.path("switchoverRequestedAt").isNull() && !l.path("switchoverRequestedAt").isMissingNode()) {
        return null;
      }
      if (CliRun.run("producer", "status", "--data-dir", data.toString()).code() != ExitCodes.OK) {
        return null;
      }
      String holder = l.get("lease").get("holder").asText();
      Map<String, Integer> read = sampler.readNow();
      boolean onlyHolder = read.getOrDefault(holder, 0) == 1
          && read.getOrDefault(holder.equals(BP) ? STANDBY : BP, 1) == 0;
      return onlyHolder && l.equals(lease()) ? l : null;
    }, java.util.Objects::nonNull);
  }

  JsonNode lease() throws IOException {
    return StateJson.MAPPER.readTree(data.resolve("producer-lease.json").toFile());
  }

  static String describe(JsonNode lease) {
    JsonNode h = lease.path("handover");
    String move = h.isMissingNode() || h.isNull() ? "no move"
        : "move " + h.get("kind").asText().toLowerCase(java.util.Locale.ROOT) + " in progress";
    String queued = lease.path("switchoverRequestedAt").isNull() || lease.path("switchoverRequestedAt").isMissingNode()
        ? "" : ", a switchover queued";
    return lease.get("lease").get("holder").asText() + " token " + lease.get("lease").get("token").asLong() + ", "
        + move + queued;
  }

  /** The producers' metrics ports, from {@code ports.json} (fixed at the first start, kept across restarts). */
  Map<String, Integer> metricsPorts() throws IOException {
    Path f = data.resolve("ports.json");
    if (!Files.exists(f)) {
      return Map.of();
    }
    JsonNode ports = StateJson.MAPPER.readTree(f.toFile()).path("ports");
    Map<String, Integer> out = new ConcurrentHashMap<>();
    for (String n : List.of(BP, STANDBY)) {
      if (ports.has(n)) {
        out.put(n, ports.get(n).get("metrics").asInt());
      }
    }
    return out;
  }

  /** The event log's records, one a line. */
  List<JsonNode> eventLines() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(data.resolve("events.jsonl"));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      try {
        out.add(StateJson.MAPPER.readTree(lines.get(i)));
      } catch (IOException e) {
        if (i < lines.size() - 1) {
          throw e;
        }
        // The last line, being appended by the running control plane as we read: the next read has it whole.
      }
    }
    return out;
  }

  /** The pid control-plane.json names (the control plane that runs, or the last one that did), or -1. */
  long controlPlanePid() {
    try {
      return StateJson.MAPPER.readTree(data.resolve("control-plane.json").toFile()).get("pid").asLong();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The lease's events since line {@code from} of the event log, in order, a repeated one once (for the log). */
  List<String> leaseEvents(long from) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode e : eventLines().stream().skip(from).toList()) {
      String r = e.get("reason").asText();
      if (LEASE_EVENTS.contains(r) && (out.isEmpty() || !out.get(out.size() - 1).equals(r))) {
        out.add(r);
      }
    }
    return out;
  }

  /** Adds every node process the data directory's records name now. */
  void recordNodeProcesses() throws IOException {
    if (data == null || !Files.isDirectory(data.resolve("nodes"))) {
      return;
    }
    try (Stream<Path> dirs = Files.list(data.resolve("nodes"))) {
      for (Path d : dirs.toList()) {
        Path rec = d.resolve("process.json");
        try {
          ProcessHandle.of(StateJson.MAPPER.readTree(rec.toFile()).get("pid").asLong()).ifPresent(nodes::add);
        } catch (IOException | RuntimeException e) {
          // No record (the node is between processes) or one being replaced: the next look finds it.
        }
      }
    }
  }
}
