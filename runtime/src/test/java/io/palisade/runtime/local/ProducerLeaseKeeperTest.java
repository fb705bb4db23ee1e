package io.palisade.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.control.ControlEvent;
import io.palisade.control.ForgingWindow;
import io.palisade.control.StateJson;
import io.palisade.control.lease.LeasePolicy;
import io.palisade.control.lease.LeaseState;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@link ProducerLeaseKeeper} and its {@code producer-lease.json}, driven against two simulated producer
 * processes ({@link SimulatedProducers}) on a wall clock and a monotonic ticker the test moves: a wall clock stepped by
 * hours neither starts nor holds off a failover; the hot keys exist once (the holder's credentials are links); and a
 * control plane that dies at any point of a failover or a switchover, over seeded rounds, leaves a lease file that
 * reads, a token that never went down, never two producers with keys, and a move that completes or is called off.
 */
class ProducerLeaseKeeperTest {
  static final NodeRef BP = new NodeRef("block-producer", NodeRole.BLOCK_PRODUCER, "local", 0);
  static final NodeRef SB = new NodeRef("block-producer-standby", NodeRole.BLOCK_PRODUCER, "local", 1);
  static final LeasePolicy POLICY = new LeasePolicy(Duration.ofSeconds(6), Duration.ofSeconds(4),
      Duration.ofSeconds(1));

  @TempDir static Path tmp;
  static HotKeyFiles keys;
  static Path ramKeys;

  @BeforeAll
  static void keys() throws IOException {
    LoadedPoolSpec spec = TestPools.spec(tmp);
    Path data = tmp.resolve("keys-data");
    ramKeys = HotKeySetup.directoryFor(data, spec.spec().name());
    keys = TestPools.withDemoKeys(spec, data).hotKeys().orElseThrow();
  }

  @AfterAll
  static void wipe() throws IOException {
    HotKeySetup.remove(ramKeys);
  }

  /** A wall clock and a monotonic ticker, moved by the test; the wall clock can also be stepped alone. */
  static final class Time extends Clock {
    Instant wall = Instant.parse("2026-12-03T14:00:00Z");
    long nanos = 1_000_000_000L;

    void pass(Duration d) {
      wall = wall.plus(d);
      nanos += d.toNanos();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return wall;
    }
  }

  /** One control plane's life on a data directory. */
  static final class World {
    final Time time = new Time();
    final SimulatedProducers sim = new SimulatedProducers(time, BP, SB);
    final List<ControlEvent> events = new CopyOnWriteArrayList<>();
    final DataDir dir;
    final Path keysBase;
    ProducerLeaseKeeper keeper;

    World(Path root) throws IOException {
      Files.createDirectories(root);
      this.dir = new DataDir(root.resolve("data"));
      this.keysBase = root.resolve("ram");
      restart();
    }

    /** A control plane starting on the data directory as it is (the simulated nodes run on). */
    void restart() throws IOException {
      sim.powerCutAfter(-1);
      keeper = new ProducerLeaseKeeper(dir, List.of(BP, SB), sim, () -> Optional.of(keys), keysBase, POLICY,
          events::addAll, time, () -> time.nanos);
      sim.launchWith(keeper);
    }

    void pass() throws IOException {
      keeper.pass(sim.observed(), ForgingWindow.UNGATED);
    }

    LeaseState saved() throws IOException {
      return StateJson.MAPPER.readValue(dir.leaseFile().toFile(), LeaseState.class);
    }

    List<String> reasons() {
      return events.stream().map(ControlEvent::reason).toList();
    }
  }

  @Test
  void aWallClockSteppedAheadByHours_startsNoFailoverEarly_andOneSteppedBack_doesNotHoldItOff() throws IOException {
    World w = new World(tmp.resolve("jump"));
    w.sim.start(BP.name());
    w.sim.start(SB.name());
    w.pass();
    assertThat(w.keeper.state().lease().holder()).isEqualTo(BP.name());
    w.sim.die(BP.name());
    w.time.pass(Duration.ofSeconds(1));
    w.pass();
    // The host's clock is stepped five hours ahead; one more real second passes.
    w.time.wall = w.time.wall.plus(Duration.ofHours(5));
    w.time.pass(Duration.ofSeconds(1));
    w.pass();
    assertThat(w.reasons()).as("2 s of trouble, whatever the wall clock says").doesNotContain("FailoverStarted");
    // Stepped back ten hours: the failover still comes once 6 s have really passed.
    w.time.wall = w.time.wall.minus(Duration.ofHours(10));
    for (int i = 0; i < 5; i++) {
      w.time.pass(Duration.ofSeconds(1));
      w.pass();
    }
    assertThat(w.reasons()).contains("FailoverStarted");
    w.time.pass(Duration.ofSeconds(1));
    w.pass();
    assertThat(w.keeper.state().lease().holder()).isEqualTo(SB.name());
    assertThat(w.sim.procs.get(SB.name()).keysInMemory).isTrue();
    assertThat(w.sim.violations).isEmpty();
  }

  @Test
  void aFormerHolderThatStillRuns_isKilledAfterTheMeasuredFenceTimeout_notAfterAWallClockStep() throws IOException {
    World w = new World(tmp.resolve("fence"));
    w.sim.start(BP.name());
    w.sim.start(SB.name());
    w.pass();
    w.keeper.switchover();
    // The former holder is paused: it can confirm nothing, so it is killed after the fence timeout (4 s).
    w.sim.stop(BP.name());
    w.pass();
    assertThat(w.reasons()).contains("SwitchoverStarted");
    w.time.wall = w.time.wall.plus(Duration.ofHours(3));
    w.time.pass(Duration.ofSeconds(1));
    w.pass();
    assertThat(w.reasons()).doesNotContain("ProducerKilled");
    assertThat(w.sim.procs.get(BP.name()).alive).isTrue();
    for (int i = 0; i < 4; i++) {
      w.time.pass(Duration.ofSeconds(1));
      w.pass();
    }
    assertThat(w.reasons()).contains("ProducerKilled", "ProducerPromoted");
    assertThat(w.keeper.state().lease().holder()).isEqualTo(SB.name());
  }

  @Test
  void theHolderGetsLinksToTheInstalledKeys_oneCopyInRam_andTheLinksGoWithTheLease() throws IOException {
    World w = new World(tmp.resolve("links"));
    w.sim.start(BP.name());
    w.sim.start(SB.name());
    w.pass();
    Path bp = w.keysBase.resolve("producers").resolve(BP.name());
    for (Path installed : List.of(keys.kesKey(), keys.vrfKey(), keys.operationalCertificate())) {
      Path given = bp.resolve(installed.getFileName());
      assertThat(Files.isSymbolicLink(given)).as("%s is a link, not a second copy", given).isTrue();
      assertThat(Files.readSymbolicLink(given)).isEqualTo(installed.toAbsolutePath());
    }
    try (Stream<Path> all = Files.walk(w.keysBase)) {
      assertThat(all.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList())
          .as("no key bytes outside the installed copy").isEmpty();
    }
    w.keeper.switchover();
    for (int i = 0; i < 4; i++) {
      w.time.pass(Duration.ofSeconds(1));
      w.pass();
    }
    assertThat(w.keeper.state().lease().holder()).isEqualTo(SB.name());
    assertThat(bp).doesNotExist();
    assertThat(Files.isSymbolicLink(w.keysBase.resolve("producers").resolve(SB.name())
        .resolve(keys.kesKey().getFileName()))).isTrue();
    assertThat(keys.kesKey()).as("taking the links leaves the installed keys").exists();
    assertThat(Files.size(keys.kesKey())).isPositive();
    assertThat(w.sim.violations).isEmpty();
  }

  /**
   * Power cuts: in each seeded round a failover (the holder killed) or a switchover runs, and the control plane dies
   * after a random number of its calls into the producers (a point before the lease file is written, between the file
   * and a SIGHUP, or at a kill), then a new one starts on the same directory. Every slot is sampled: never two
   * producers with keys; the lease file always reads and its token never goes down; each move completes or is called
   * off with its reason, and exactly the holder forges at the end.
   */
  @Test
  void powerCutsAtRandomPointsOfFailoversAndSwitchovers_keepOneForgerAndAGrowingToken() throws IOException {
    long seed = Long.getLong("palisade.test.seed", System.nanoTime());
    System.out.println("power-cut seed " + seed);
    Random random = new Random(seed);
    for (int round = 0; round < 60; round++) {
      World w = new World(tmp.resolve("cut-" + round));
      w.sim.start(BP.name());
      w.sim.start(SB.name());
      long slot = 0;
      long token = 1;
      for (int i = 0; i < 3; i++) {
        w.time.pass(Duration.ofSeconds(1));
        w.pass();
        w.sim.forge(slot++);
      }
      boolean failover = random.nextBoolean();
      String holder = w.keeper.state().lease().holder();
      if (failover) {
        w.sim.die(holder);
      } else {
        assertThat(w.keeper.switchover().accepted()).isTrue();
      }
      // About 4 calls a pass: a failover starts some 6 passes in, a switchover at once.
      int cutAfter = random.nextInt(failover ? 60 : 24);
      w.sim.powerCutAfter(cutAfter);
      boolean cut = false;
      List<String> trace = new ArrayList<>();
      for (int step = 0; step < 40; step++) {
        w.time.pass(Duration.ofSeconds(1));
        try {
          if (cut) {
            w.restart();
            cut = false;
            trace.add("restart");
          }
          w.pass();
        } catch (SimulatedProducers.PowerCut e) {
          cut = true;
          trace.add("cut at step " + step);
        }
        LeaseState saved = w.saved();
        assertThat(saved.lease().token()).as("round %d (%s): the token never goes down", round, trace)
            .isGreaterThanOrEqualTo(token);
        token = saved.lease().token();
        w.sim.forge(slot++);
        // Self-healing: a producer the fence killed starts again (once the control plane that launches it is back);
        // a failed holder's host stays down until the end.
        if (!cut && step % 3 == 2) {
          w.sim.procs.keySet().stream().filter(n -> !failover || !n.equals(holder)).forEach(w.sim::start);
        }
      }
      if (cut) {
        w.restart();
      }
      for (int step = 0; step < 20; step++) {
        w.time.pass(Duration.ofSeconds(1));
        w.sim.procs.keySet().forEach(w.sim::start);
        w.pass();
        w.sim.forge(slot++);
      }
      LeaseState end = w.saved();
      String why = "round " + round + " (" + (failover ? "failover" : "switchover") + ", cut after " + cutAfter
          + " calls): " + trace + " " + w.reasons();
      assertThat(end.handover()).as(why).isNull();
      assertThat(end.switchoverRequestedAt()).as(why).isNull();
      assertThat(w.sim.violations).as(why).isEmpty();
      assertThat(w.sim.forge(slot)).as(why).containsExactly(end.lease().holder());
      if (!w.reasons().contains("PromotionRefused")) {
        assertThat(end.lease().token()).as("the move completed: " + why).isEqualTo(2);
        assertThat(end.lease().holder()).as(why).isNotEqualTo(holder);
      }
    }
  }
}
