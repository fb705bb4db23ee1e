package io.palisade.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.chain.ChainClock;
import io.palisade.control.ControlEvent;
import io.palisade.control.KeyChanges;
import io.palisade.control.LeaderCalendar;
import io.palisade.control.MaintenancePolicy;
import io.palisade.control.api.ActionResult;
import io.palisade.control.api.ProducerStatus;
import io.palisade.runtime.local.LeaderAwareMaintenanceTest.TestSchedule;
import io.palisade.spec.AtomicFile;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.PoolSpecLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leader-aware maintenance in a pool with a standby, on the single host with simulated nodes. The producer that holds
 * no lease forges nothing, so its restart and volume deletion run at once even just before a leader slot (as a
 * rollout's step of it does). The lease holder's restart or volume deletion moves forging to the other producer first
 * when that one is ready (a switchover in its own short window), then runs at once on the now keyless producer, so a
 * replay that outlasts every forecast costs no slot; with the other producer not ready it waits for a free window, and
 * a queued restart runs on the node it was asked for. Before, the gate judged every producer by the block producer:
 * the standby's restart was queued and then ran on the block producer, and a volume deletion of the standby queued
 * likewise would have wiped the block producer's chain database; and the holder's restart always ran in place.
 */
class StandbyMaintenanceTest {
  static final Duration UP = Duration.ofSeconds(90);
  static final String BP = "block-producer";
  static final String STANDBY = "block-producer-standby";
  /** Short times: 3 s expected for a restart, 1 s of margin; a holder's stop waits an hour for the standby. */
  static final MaintenancePolicy POLICY = new MaintenancePolicy(Duration.ofSeconds(3), Duration.ofSeconds(1),
      Duration.ofHours(1), 0.9, 3).withStandbyWait(Duration.ofHours(1));

  @TempDir Path dir;
  LocalPool pool;

  @AfterEach
  void stop(org.junit.jupiter.api.TestInfo info) {
    if (pool != null) {
      try {
        pool.events(300).forEach(e -> System.out.println(info.getDisplayName() + " | " + e));
      } catch (RuntimeException ignored) {
        // Nothing to show.
      }
      pool.close();
    }
  }

  @Test
  void theProducerWithoutTheLease_isRestartedAndWipedAtOnce_theHoldersRestartWithoutAReadyStandby_waitsForAWindow()
      throws Exception {
    // No wait for the standby: with it not ready, the holder's restart goes in place, in a free window.
    TestSchedule schedule = start(POLICY.withStandbyWait(Duration.ZERO));
    awaitForging(BP);
    // The standby stays far behind the chain: forging cannot move to it.
    fault(STANDBY, "{\"notSynced\": true}");
    awaitReady(STANDBY, false);

    // A leader slot always two seconds ahead: nothing that may cost it runs.
    schedule.calendar = now -> LeaderAwareMaintenanceTest.oneSlot(100, now.plusSeconds(2));
    String keyless = " (it forges nothing, the lease is with " + BP + ": it waits for no free window)";
    ActionResult standby = pool.restartNode(STANDBY);
    assertThat(standby.accepted()).isTrue();
    assertThat(standby.message()).isEqualTo("restarting " + STANDBY + keyless);
    await().atMost(UP).until(() -> count("NodeRestartRequested", STANDBY) == 1);
    ActionResult holder = pool.restartNode(BP);
    // Queued: for the leader slot, or (a producer whose tip still lags just after its start) until the chain's time
    // and the host's agree; either way it waits.
    assertThat(holder.message()).startsWith("the restart of " + BP + " is queued, waiting for a free window: ");
    ActionResult wipe = pool.deleteVolume(STANDBY);
    assertThat(wipe.accepted()).as(wipe.message()).isTrue();
    assertThat(wipe.message()).endsWith(keyless);
    await().atMost(UP).until(() -> count("VolumeDeleted", STANDBY) == 1);
    assertThat(pool.status().maintenance().waiting()).singleElement().asString()
        .startsWith("the restart of " + BP + ": waiting for a free window");
    assertThat(count("NodeRestartRequested", BP)).isZero();

    // The window frees: the queued restart runs, on the block producer, in place (the lease never moved).
    schedule.calendar = now -> new LeaderCalendar(List.of(), now.plus(Duration.ofDays(1)));
    await().atMost(UP).until(() -> count("NodeRestartRequested", BP) == 1);
    assertThat(count("NodeRestartRequested", STANDBY)).isEqualTo(1);
    assertThat(count("VolumeDeleted", BP)).isZero();
    awaitForging(BP);
    assertThat(pool.status().producer().token()).isEqualTo(1);
  }

  @Test
  void theHoldersRestartAndVolumeDeletion_withTheOtherProducerReady_moveForgingFirst_thenRunAtOnceKeyless()
      throws Exception {
    TestSchedule schedule = start();
    awaitForging(BP);
    awaitReady(STANDBY, true);

    // A leader slot always two seconds ahead: neither a restart nor a switchover fits before it.
    schedule.calendar = now -> LeaderAwareMaintenanceTest.oneSlot(100, now.plusSeconds(2));
    ActionResult restart = pool.restartNode(BP);
    assertThat(restart.accepted()).as(restart.message()).isTrue();
    assertThat(restart.message()).startsWith("the restart of " + BP + " is queued, forging moves to " + STANDBY
        + " first (");
    assertThat(pool.status().producer().switchoverRequestedAt()).isNotNull();
    assertThat(pool.status().maintenance().waiting()).singleElement().asString()
        .isEqualTo("the restart of " + BP + ": " + ProducerStops.AFTER_MOVE);
    assertThat(count("NodeRestartRequested", BP)).isZero();

    // The window frees: forging moves (fenced, token 2), then the former holder is restarted, keyless.
    schedule.calendar = now -> new LeaderCalendar(List.of(), now.plus(Duration.ofDays(1)));
    await().atMost(UP).until(() -> count("NodeRestartRequested", BP) == 1);
    assertThat(indexOf("ProducerPromoted", STANDBY)).as("promoted before the restart")
        .isLessThan(indexOf("NodeRestartRequested", BP));
    awaitForging(STANDBY);
    assertThat(pool.status().producer().token()).isEqualTo(2);

    // The same for a volume deletion of the new holder: forging moves back, then its database goes.
    awaitReady(BP, true);
    schedule.calendar = now -> LeaderAwareMaintenanceTest.oneSlot(101, now.plusSeconds(2));
    ActionResult wipe = pool.deleteVolume(STANDBY);
    assertThat(wipe.message()).startsWith("the volume deletion of " + STANDBY + " is queued, forging moves to " + BP
        + " first (");
    assertThat(count("VolumeDeleted", STANDBY)).isZero();
    schedule.calendar = now -> new LeaderCalendar(List.of(), now.plus(Duration.ofDays(1)));
    await().atMost(UP).until(() -> count("VolumeDeleted", STANDBY) == 1);
    assertThat(indexOf("ProducerPromoted", BP)).isLessThan(indexOf("VolumeDeleted", STANDBY));
    awaitForging(BP);
    assertThat(pool.status().producer().token()).isEqualTo(3);
  }

  @Test
  void theHoldersRestart_waitsForTheStandbyToBeReady_thenMovesForgingFirst_evenWithAFreeWindow() throws Exception {
    start();
    awaitForging(BP);
    fault(STANDBY, "{\"notSynced\": true}");
    awaitReady(STANDBY, false);

    // No leader slot at all: a restart in place would run now; it waits for the standby instead.
    ActionResult restart = pool.restartNode(BP);
    assertThat(restart.message()).startsWith("the restart of " + BP + " is queued, waiting for the other producer to"
        + " be ready (until ");
    assertThat(pool.status().maintenance().waiting()).singleElement().asString()
        .startsWith("the restart of " + BP + ": waiting for the other producer to be ready (until ");
    assertThat(pool.status().producer().switchoverRequestedAt()).isNull();
    assertThat(count("NodeRestartRequested", BP)).isZero();

    // The standby catches up: forging moves to it, then the former holder restarts keyless.
    fault(STANDBY, "{}");
    await().atMost(UP).until(() -> count("NodeRestartRequested", BP) == 1);
    assertThat(indexOf("ProducerPromoted", STANDBY)).isLessThan(indexOf("NodeRestartRequested", BP));
    awaitForging(STANDBY);
    assertThat(pool.status().producer().token()).isEqualTo(2);
  }

  @Test
  void aKeyRotation_hasTheHolderReReadItsCredentials_withoutARestart_inAWindowARestartWouldNotFit() throws Exception {
    Path bundle = dir.resolve("hot-keys.json");
    Path data = dir.resolve("data");
    LoadedPoolSpec spec = standbySpec("keys:\n  hotKeyBundle: hot-keys.json\n");
    try (TestBundles bundles = new TestBundles(new ChainClock(spec.genesis(), Clock.systemUTC()))) {
      bundles.next(bundle);
      HotKeyFiles first = HotKeySetup.open(bundle, TestBundles.PASSPHRASE.toCharArray(), Optional.empty(),
          HotKeySetup.directoryFor(data, "test"));
      TestSchedule schedule = new TestSchedule();
      // A restart is expected to take ten minutes: no restart fits before a leader slot a minute ahead.
      pool = LocalPool.start(TestPools.options(spec, data).withHotKeys(first)
          .withHotKeyPassphraseFile(TestBundles.passphraseFile(dir)).withLeaderSchedule(schedule)
          .withMaintenance(new MaintenancePolicy(Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofHours(1),
              0.9, 3)));
      awaitForging(BP);
      long pid = pool.pidOf(BP).orElseThrow();
      schedule.calendar = now -> LeaderAwareMaintenanceTest.oneSlot(100, now.plusSeconds(60));
      bundles.next(bundle);
      ActionResult rotated = pool.rotateKeys(KeyChanges.Key.KES, null);

      // The new keys are the holder's with no restart, in a window of 5 s + 1 s margin, which a leader slot always a
      // minute ahead leaves free (before, the rotation restarted the holder: it waited for a window of ten minutes,
      // which never came). Just after the pool's start it may wait until its producer's tip agrees with the host
      // clock.
      assertThat(rotated.accepted()).as(rotated.message()).isTrue();
      await().atMost(UP).until(() -> count("KeysRotated", BP) == 1);
      assertThat(pool.events(500)).filteredOn(e -> e.reason().equals("KeysRotated")).singleElement()
          .satisfies(e -> assertThat(e.message()).endsWith("and gave " + BP + " the new credentials (a SIGHUP: it"
              + " re-reads them without a restart)"));
      assertThat(pool.status().keys().opcertCounter()).isEqualTo(1);
      assertThat(first.kesKey()).as("the old keys are wiped").doesNotExist();
      await().atMost(UP).until(() -> Files.readString(new DataDir(data).nodeDir(BP).resolve("node.log"))
          .contains("opcert counter 1"));
      assertThat(pool.pidOf(BP)).contains(pid);
      awaitForging(BP);
      // Its judge reads the installed opcert (the old key directory is gone), and so does the standby's.
      await().atMost(UP).untilAsserted(() -> assertThat(pool.status().nodes()).filteredOn(n -> n.role().name()
          .equals("BLOCK_PRODUCER")).hasSize(2).allSatisfy(n -> assertThat(n.reasons())
          .noneMatch(r -> r.contains("cannot read the operational certificate"))
          .anyMatch(r -> r.startsWith("kes: ") && r.contains("counter 1"))));
    }
  }

  /** The pool with a standby that fails over only after a minute (the holder's restarts here are planned). */
  TestSchedule start() throws Exception {
    return start(POLICY);
  }

  TestSchedule start(MaintenancePolicy policy) throws Exception {
    LoadedPoolSpec spec = standbySpec("");
    TestSchedule schedule = new TestSchedule();
    pool = LocalPool.start(TestPools.withDemoKeys(spec, dir.resolve("data")).withLeaderSchedule(schedule)
        .withMaintenance(policy));
    return schedule;
  }

  /** The test pool with a standby that fails over only after a minute, and more YAML appended. */
  LoadedPoolSpec standbySpec(String more) throws Exception {
    Path file = dir.resolve("pool.yaml");
    Files.writeString(file, TestPools.SPEC.replace("  name: block-producer\n",
        "  name: block-producer\n  standby:\n    name: " + STANDBY + "\n    failoverAfter: 60s\n") + more);
    return new PoolSpecLoader().load(file);
  }

  /** A simulated node's fault file ({@code DATA/nodes/NODE/faults.json}). */
  void fault(String node, String json) throws Exception {
    AtomicFile.write(dir.resolve("data/nodes/" + node + "/faults.json"), json.getBytes(StandardCharsets.UTF_8),
        false);
  }

  void awaitReady(String node, boolean ready) {
    await().atMost(UP).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertThat(pool.status().nodes())
        .filteredOn(n -> n.name().equals(node)).singleElement().satisfies(n -> assertThat(n.ready()).isEqualTo(ready)));
  }

  /** The position of the first such event, oldest first. */
  int indexOf(String reason, String node) {
    List<ControlEvent> events = pool.events(500);
    for (int i = 0; i < events.size(); i++) {
      if (reason.equals(events.get(i).reason()) && node.equals(events.get(i).node())) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  long count(String reason, String node) {
    return pool.events(500).stream().filter(e -> reason.equals(e.reason()) && node.equals(e.node())).count();
  }

  void awaitForging(String holder) {
    await().atMost(UP).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      ProducerStatus p = pool.status().producer();
      assertThat(p.holder()).isEqualTo(holder);
      assertThat(p.forgingEnabled()).containsEntry(holder, true).containsEntry(p.standby(), false);
    });
  }
}
