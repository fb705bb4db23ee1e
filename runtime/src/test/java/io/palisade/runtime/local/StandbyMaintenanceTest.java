package io.palisade.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.control.LeaderCalendar;
import io.palisade.control.MaintenancePolicy;
import io.palisade.control.api.ActionResult;
import io.palisade.control.api.ProducerStatus;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.PoolSpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leader-aware maintenance in a pool with a standby, on the single host with simulated nodes: the producer that holds
 * no lease forges nothing, so its restart and volume deletion run at once even just before a leader slot (as a
 * rollout's step of it does); the lease holder's wait for a free window, and a queued restart runs on the node it was
 * asked for. Before, the gate judged every producer by the block producer: the standby's restart was queued and then
 * ran on the block producer, and a volume deletion of the standby queued likewise would have wiped the block
 * producer's chain database.
 */
class StandbyMaintenanceTest {
  static final Duration UP = Duration.ofSeconds(90);
  static final String BP = "block-producer";
  static final String STANDBY = "block-producer-standby";

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
  void theProducerWithoutTheLease_isRestartedAndWipedAtOnce_theHoldersRestartWaits_andRunsOnTheNodeAsked()
      throws Exception {
    Path file = dir.resolve("pool.yaml");
    Files.writeString(file, TestPools.SPEC.replace("  name: block-producer\n",
        // A failover only after a minute: the holder's restart here is planned, not a failure to take over from.
        "  name: block-producer\n  standby:\n    name: " + STANDBY + "\n    failoverAfter: 60s\n"));
    LoadedPoolSpec spec = new PoolSpecLoader().load(file);
    LeaderAwareMaintenanceTest.TestSchedule schedule = new LeaderAwareMaintenanceTest.TestSchedule();
    pool = LocalPool.start(TestPools.withDemoKeys(spec, dir.resolve("data")).withLeaderSchedule(schedule)
        .withMaintenance(new MaintenancePolicy(Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofHours(1),
            0.9, 3)));
    awaitForging(BP);

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

    // The window frees: the queued restart runs, on the block producer.
    schedule.calendar = now -> new LeaderCalendar(List.of(), now.plus(Duration.ofDays(1)));
    await().atMost(UP).until(() -> count("NodeRestartRequested", BP) == 1);
    assertThat(count("NodeRestartRequested", STANDBY)).isEqualTo(1);
    assertThat(count("VolumeDeleted", BP)).isZero();
    awaitForging(BP);

    // Forging moves to the standby: now the block producer is the keyless one, and a queued restart of the holder
    // restarts the holder, not the block producer.
    await().atMost(UP).untilAsserted(() -> assertThat(pool.status().nodes()).filteredOn(n -> n.name().equals(STANDBY))
        .singleElement().satisfies(n -> assertThat(n.ready()).isTrue()));
    ActionResult move = pool.switchover();
    assertThat(move.accepted()).as(move.message()).isTrue();
    awaitForging(STANDBY);
    schedule.calendar = now -> LeaderAwareMaintenanceTest.oneSlot(101, now.plusSeconds(2));
    assertThat(pool.restartNode(STANDBY).message()).startsWith("the restart of " + STANDBY + " is queued");
    assertThat(pool.restartNode(BP).message()).isEqualTo("restarting " + BP + " (it forges nothing, the lease is"
        + " with " + STANDBY + ": it waits for no free window)");
    await().atMost(UP).until(() -> count("NodeRestartRequested", BP) == 2);
    assertThat(count("NodeRestartRequested", STANDBY)).isEqualTo(1);
    schedule.calendar = now -> new LeaderCalendar(List.of(), now.plus(Duration.ofDays(1)));
    await().atMost(UP).until(() -> count("NodeRestartRequested", STANDBY) == 2);
    assertThat(count("NodeRestartRequested", BP)).isEqualTo(2);
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
