package io.palisade.cli.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.control.LeaderCalendar;
import io.palisade.runtime.local.LeaderScheduleSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The slot ledger reads the pool's one cached schedule: it computes nothing and needs no node of its own. */
class NodeSlotSourcesTest {
  static final Instant NOW = Instant.parse("2026-12-03T19:00:00Z");

  @TempDir Path dir;

  @Test
  void theLedgersLeaderSlots_areThePoolsCachedSchedule_withoutANodeOfItsOwn() throws Exception {
    List<Long> asked = new ArrayList<>();
    LeaderScheduleSource cached = new LeaderScheduleSource() {
      @Override
      public LeaderCalendar calendar(Instant now) {
        return LeaderCalendar.unknown();
      }

      @Override
      public Optional<List<LeaderCalendar.Slot>> epoch(long epoch, Instant now) {
        asked.add(epoch);
        return epoch == 7 ? Optional.of(List.of(slot(8400), slot(8410))) : Optional.empty();
      }
    };
    // An empty data directory: no socket, no keys. Reading the node itself would find nothing.
    NodeSlotSources sources = new NodeSlotSources(dir, cached, Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(sources.leaderSlots(7)).contains(List.of(8400L, 8410L));
    assertThat(sources.leaderSlots(8)).isEmpty();
    assertThat(asked).containsExactly(7L, 8L);
  }

  static LeaderCalendar.Slot slot(long n) {
    Instant start = NOW.plusSeconds(n);
    return new LeaderCalendar.Slot(n, start, start.plusSeconds(1));
  }
}
