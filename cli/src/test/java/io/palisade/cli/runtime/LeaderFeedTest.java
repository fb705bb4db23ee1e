package io.palisade.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.chain.KnownNetwork;
import io.palisade.control.LeaderCalendar;
import io.palisade.runtime.local.LeaderScheduleSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code up}'s view of the coming leader slots is read from the pool's one cached schedule. */
class LeaderFeedTest {
  static final Instant NOW = Instant.parse("2026-12-03T19:00:00Z");

  @TempDir Path dir;

  @Test
  void theComingHoursSlots_comeFromThePoolsSchedule_onceItIsKnown() {
    AtomicInteger asked = new AtomicInteger();
    LeaderCalendar[] calendar = {LeaderCalendar.unknown()};
    LeaderScheduleSource cached = now -> {
      asked.incrementAndGet();
      return calendar[0];
    };
    StringWriter text = new StringWriter();
    LeaderFeed feed = new LeaderFeed(dir, KnownNetwork.PREVIEW.genesis(), cached, Clock.fixed(NOW, ZoneOffset.UTC),
        new PrintWriter(text));

    assertThat(feed.printComingSlots(NOW)).isFalse();
    assertThat(text.toString()).isEmpty();

    calendar[0] = new LeaderCalendar(List.of(slot(100, NOW.minusSeconds(30)), slot(200, NOW.plusSeconds(200)),
        slot(300, NOW.plus(Duration.ofHours(2)))), NOW.plus(Duration.ofDays(1)));
    assertThat(feed.printComingSlots(NOW)).isTrue();
    assertThat(text.toString()).startsWith("The block producer leads 1 slot(s) in the next 60 minutes: 200 (")
        .contains("palisade leader-schedule --epoch current");
    assertThat(asked).hasValue(2);
  }

  @Test
  void aProducerThatForgesNothing_printsNothing() {
    StringWriter text = new StringWriter();
    LeaderFeed feed = new LeaderFeed(dir, KnownNetwork.PREVIEW.genesis(), now -> LeaderCalendar.notForging(),
        Clock.fixed(NOW, ZoneOffset.UTC), new PrintWriter(text));
    assertThat(feed.printComingSlots(NOW)).isTrue();
    assertThat(text.toString()).isEmpty();
  }

  static LeaderCalendar.Slot slot(long n, Instant start) {
    return new LeaderCalendar.Slot(n, start, start.plusSeconds(1));
  }
}
