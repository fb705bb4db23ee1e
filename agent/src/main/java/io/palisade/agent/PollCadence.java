package io.palisade.agent;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When to observe a node next. Until the node has served its metrics once (it is starting, or restarting, and does not
 * listen yet), the agent looks again after {@code eager}, so its first verdict comes as soon as the node answers, not
 * up to a whole poll interval later; attempts that find nothing listening cost the node nothing, and the scraper still
 * never scrapes a node that answers more than once a second ({@link io.palisade.agent.metrics.MetricsScraper}). From
 * then on, every {@code interval}. Pure.
 *
 * @param interval time between observations of a node that serves metrics
 * @param eager time between attempts while it does not yet
 */
public record PollCadence(Duration interval, Duration eager) {
  /**
   * How soon to retry a node that does not answer yet: a fifth of a second, a few cheap refused connections a second
   * for a node that stays down (failures still count toward DOWN only once the node has answered and stopped: a
   * node that answered is polled at the interval, so one failed scrape is not three).
   */
  public static final Duration EAGER = Duration.ofMillis(200);

  /** Requires positive durations, {@code eager} no longer than {@code interval}. */
  public PollCadence {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(eager, "eager");
    if (eager.isNegative() || eager.isZero() || interval.compareTo(eager) < 0) {
      throw new IllegalArgumentException("poll cadence needs 0 < eager <= interval, was: " + eager + ", " + interval);
    }
  }

  /** The cadence for a poll interval, eager at {@link #EAGER} (or the interval, if shorter). */
  public static PollCadence of(Duration interval) {
    return new PollCadence(interval, interval.compareTo(EAGER) < 0 ? interval : EAGER);
  }

  /**
   * The wait before the next observation.
   *
   * @param latest the last report, empty before the first observation
   * @return {@code eager} while the node has never served metrics since it (re)started, else {@code interval}
   */
  public Duration next(Optional<HealthReport> latest) {
    return latest.map(HealthReport::started).orElse(false) ? interval : eager;
  }
}
