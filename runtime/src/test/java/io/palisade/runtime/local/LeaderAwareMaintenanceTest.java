package io.palisade.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.control.ControlEvent;
import io.palisade.control.LeaderCalendar;
import io.palisade.control.MaintenancePolicy;
import io.palisade.control.api.ActionResult;
import io.palisade.control.api.MaintenanceStatus;
import io.palisade.spec.NodeVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leader-aware maintenance end to end on the single-host runtime with simulated nodes: the block producer's upgrade
 * step and restart wait for a free window in a leader schedule the test controls, then run right after the slot.
 */
class LeaderAwareMaintenanceTest {
  static final Duration UP = Duration.ofSeconds(60);
  static final String BP = "block-producer";

  /** A schedule the test moves: a function of the time the runtime asks at. */
  static final class TestSchedule implements LeaderScheduleSource {
    volatile Function<Instant, LeaderCalendar> calendar = now -> new LeaderCalendar(List.of(),
        now.plus(Duration.ofDays(1)));

    @Override
    public LeaderCalendar calendar(Instant now) {
      return calendar.apply(now);
    }
  }

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

  static LeaderCalendar oneSlot(long slot, Instant start) {
    return new LeaderCalendar(List.of(new LeaderCalendar.Slot(slot, start, start.plusSeconds(1))),
        start.plus(Duration.ofDays(1)));
  }

  @Test
  void anUpgradeAndARestartRequestedBeforeALeaderSlot_waitForTheWindow_thenRunRightAfterIt() throws Exception {
    TestSchedule schedule = new TestSchedule();
    // The producer is expected to need 3 s + 1 s margin to forge again (until its own restarts are measured).
    pool = LocalPool.start(TestPools.options(dir).withLeaderSchedule(schedule)
        .withMaintenance(new MaintenancePolicy(Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofHours(1),
            0.9, 3)));
    await().atMost(UP).pollInterval(Duration.ofMillis(300)).until(() -> pool.status().healthy());

    // A leader slot always two seconds ahead: the producer's step cannot start until the schedule moves.
    schedule.calendar = now -> oneSlot(100, now.plusSeconds(2));
    assertThat(pool.upgrade(NodeVersion.parse("10.6.0"), false, false).accepted()).isTrue();
    await().atMost(Duration.ofMinutes(3)).until(() -> pool.status().rollout() != null
        && String.valueOf(pool.status().rollout().waitingFor()).startsWith("waiting for a free window"));
    MaintenanceStatus m = pool.status().maintenance();
    assertThat(m.waiting()).singleElement().asString()
        .startsWith("the upgrade of block-producer: waiting for a free window: next leader slot in ")
        .contains("window opens at");
    assertThat(m.nextLeaderSlot()).isNotNull();
    assertThat(pool.events(200)).filteredOn(e -> e.reason().equals("NodeUpgrading")).extracting(ControlEvent::node)
        .containsExactly("relay-region-a-0", "relay-region-b-0");

    // The slot stops moving: the step runs in the first pass after it ends.
    Instant slotStart = Instant.now().plusSeconds(2);
    schedule.calendar = now -> oneSlot(101, slotStart);
    await().atMost(Duration.ofMinutes(2)).until(() -> pool.status().version().toString().equals("10.6.0")
        && pool.status().healthy());
    ControlEvent step = pool.events(300).stream().filter(e -> e.reason().equals("NodeUpgrading")
        && BP.equals(e.node())).findFirst().orElseThrow();
    assertThat(step.time()).isAfterOrEqualTo(slotStart.plusSeconds(1));
    // The producer's restart was measured: from its upgrade step to forging again.
    await().atMost(UP).until(() -> pool.status().maintenance().measuredRestarts() >= 1);

    // A restart of the producer asked just before a slot is queued, then runs right after the slot.
    Instant next = Instant.now().plusSeconds(3);
    schedule.calendar = now -> oneSlot(102, next);
    ActionResult queued = pool.restartNode(BP);
    assertThat(queued.accepted()).isTrue();
    assertThat(queued.message()).startsWith("the restart of block-producer is queued, waiting for a free window:"
        + " next leader slot in ");
    assertThat(pool.status().healthy()).isFalse();
    assertThat(pool.status().maintenance().waiting()).singleElement().asString()
        .startsWith("the restart of block-producer: waiting for a free window");
    // A relay is not gated.
    assertThat(pool.restartNode("relay-region-a-0").message()).isEqualTo("restarting relay-region-a-0");
    await().atMost(UP).until(() -> pool.events(300).stream().anyMatch(e -> e.reason().equals("NodeRestartRequested")
        && BP.equals(e.node())));
    ControlEvent restart = pool.events(300).stream().filter(e -> e.reason().equals("NodeRestartRequested")
        && BP.equals(e.node())).findFirst().orElseThrow();
    assertThat(restart.time()).isAfterOrEqualTo(next.plusSeconds(1));
    assertThat(pool.events(300)).anySatisfy(e -> {
      assertThat(e.reason()).isEqualTo("MaintenanceWaiting");
      assertThat(e.message()).contains("before the restart of block-producer: next leader slot 102");
    });
    await().atMost(UP).until(() -> pool.status().healthy());

    // A volume deletion of the producer (the console's, after its delay) asked just before a slot: queued, then run
    // right after the slot.
    Instant wipeSlot = Instant.now().plusSeconds(3);
    schedule.calendar = now -> oneSlot(103, wipeSlot);
    ActionResult wipe = pool.deleteVolume(BP);
    assertThat(wipe.accepted()).isTrue();
    assertThat(wipe.message()).startsWith("the volume deletion of block-producer is queued, waiting for a free"
        + " window: next leader slot in ");
    assertThat(pool.status().maintenance().waiting()).singleElement().asString()
        .startsWith("the volume deletion of block-producer: waiting for a free window");
    await().atMost(UP).until(() -> pool.events(300).stream().anyMatch(e -> e.reason().equals("VolumeDeleted")
        && BP.equals(e.node())));
    ControlEvent deleted = pool.events(300).stream().filter(e -> e.reason().equals("VolumeDeleted")
        && BP.equals(e.node())).findFirst().orElseThrow();
    assertThat(deleted.time()).isAfterOrEqualTo(wipeSlot.plusSeconds(1));
    assertThat(pool.events(300)).anySatisfy(e -> assertThat(e.message())
        .contains("before the volume deletion of block-producer: next leader slot 103"));
    await().atMost(UP).until(() -> pool.status().healthy());
  }

  @Test
  void theRealSchedule_isComputedFromTheProducersOwnLedger_offTheLoop() throws Exception {
    // The schedule's first attempt comes before the producer listens: retried after 2 s, then backing off.
    pool = LocalPool.start(TestPools.withComputedSchedule(dir));
    await().atMost(UP).pollInterval(Duration.ofMillis(300)).until(() -> pool.status().healthy());
    // An epoch of VRF evaluations (a short custom-network epoch) on the schedule's own thread: the control loop
    // answers meanwhile.
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
        .until(() -> pool.status().maintenance().nextLeaderSlot() != null);
    MaintenanceStatus m = pool.status().maintenance();
    assertThat(m.nextLeaderSlot()).isAfter(Instant.now().minusSeconds(1));
    assertThat(m.node()).isEqualTo(BP);
    assertThat(m.expectedRestartToForging()).isEqualTo(Duration.ofSeconds(30));

    // One cached schedule for every reader: the gate, the slot ledger and up's output read the same epochs, from
    // three threads, and no epoch is computed twice.
    NodeLeaderSchedule schedule = (NodeLeaderSchedule) pool.leaderSchedule();
    assertThat(schedule.computations()).isNotEmpty();
    io.palisade.chain.ChainClock chain = new io.palisade.chain.ChainClock(
        new io.palisade.spec.PoolSpecLoader().load(dir.resolve("pool.yaml")).genesis(), java.time.Clock.systemUTC());
    List<Thread> readers = new java.util.ArrayList<>();
    java.util.concurrent.ConcurrentLinkedQueue<List<LeaderCalendar.Slot>> seen =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    Instant now = Instant.now();
    long epoch = pool.leaderSchedule().calendar(now).slots().isEmpty() ? -1
        : chain.epochOf(pool.leaderSchedule().calendar(now).slots().get(0).slot());
    for (int t = 0; t < 3; t++) {
      Thread reader = new Thread(() -> {
        for (int i = 0; i < 50; i++) {
          pool.leaderSchedule().calendar(Instant.now());
          pool.leaderSchedule().epoch(epoch, Instant.now()).ifPresent(seen::add);
        }
      });
      reader.start();
      readers.add(reader);
    }
    for (Thread reader : readers) {
      reader.join();
    }
    assertThat(seen).isNotEmpty().allSatisfy(slots -> assertThat(slots).isEqualTo(seen.peek()));
    assertThat(schedule.computations()).allSatisfy((e, times) -> assertThat(times).as("epoch " + e).isEqualTo(1));
  }
}
