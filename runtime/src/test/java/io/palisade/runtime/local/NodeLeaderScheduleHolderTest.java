package io.palisade.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.chain.GenesisParameters;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a standby, the pool's one schedule is asked of the node that holds the forging lease: a new holder is asked at
 * once (its own ledger is the one its election runs on), not after the back-off the former holder's failures earned.
 */
class NodeLeaderScheduleHolderTest {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final GenesisParameters GENESIS = new GenesisParameters("test", 42, START, 1000, 10, 0, 100, 1000, 36, 62,
      10, 0.05);

  @TempDir Path dir;

  @Test
  void theHoldersNodeIsAsked_andANewHolderAtOnce() {
    Path[] holder = {dir.resolve("nodes/block-producer/node.socket")};
    List<String> problems = new CopyOnWriteArrayList<>();
    NodeLeaderSchedule schedule = new NodeLeaderSchedule(GENESIS, 0,
        () -> Optional.of(new NodeLeaderSchedule.Keys(dir.resolve("vrf.skey"), "ab".repeat(28), holder[0])),
        problems::add);
    try (schedule) {
      Instant now = START.plusSeconds(350);
      assertThat(schedule.epoch(3, now)).isEmpty();
      await().atMost(Duration.ofSeconds(30)).until(() -> problems.size() == 1);
      assertThat(problems.get(0)).contains("nodes/block-producer/node.socket");
      // The lease moves to the standby; the same instant, well inside the back-off of the first node's failure.
      holder[0] = dir.resolve("nodes/block-producer-standby/node.socket");
      await().atMost(Duration.ofSeconds(30)).until(() -> schedule.epoch(3, now).isEmpty() && problems.size() == 2);
      assertThat(problems.get(1)).contains("nodes/block-producer-standby/node.socket");
    }
  }
}
