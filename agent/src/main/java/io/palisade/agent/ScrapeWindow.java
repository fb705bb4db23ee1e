package io.palisade.agent;

import java.time.Instant;
import java.util.Objects;

/**
 * When a scrape of a node's metrics ran: what they say was sampled at some instant between its start and its end. A
 * reader that brackets an event with two scrapes (a leader slot with the forge counters) needs both ends: a scrape is
 * before the event only if it ended before it, after it only if it started after it.
 *
 * @param start when the scrape was sent
 * @param end when its answer was read (not before {@code start})
 */
public record ScrapeWindow(Instant start, Instant end) {
  /** Requires both, in order. */
  public ScrapeWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("a scrape cannot end (" + end + ") before it starts (" + start + ")");
    }
  }

  /** A scrape at one instant. */
  public static ScrapeWindow at(Instant t) {
    return new ScrapeWindow(t, t);
  }
}
