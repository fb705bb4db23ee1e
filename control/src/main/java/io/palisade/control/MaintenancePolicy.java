package io.palisade.control;

import java.time.Duration;
import java.util.Objects;

/**
 * How planned maintenance of the block producer is fitted between its leader slots ({@link ForgingWindow}).
 *
 * @param defaultRestartToForging the restart-to-forging time assumed until enough restarts were measured:
 *     conservative, a real node replays its ledger for minutes after a restart
 * @param margin added to the expected time, for the slack of one restart against another
 * @param maxWait a wait for a free window longer than this is flagged for an operator; the action is still never
 *     forced through a leader slot, it stays queued
 * @param percentile which percentile of the measured times is expected (0.9: nine restarts in ten were quicker)
 * @param minSamples how many measured restarts replace the default
 */
public record MaintenancePolicy(Duration defaultRestartToForging, Duration margin, Duration maxWait,
    double percentile, int minSamples) {
  /** Five minutes assumed, one minute of margin, six hours at most, the 90th percentile of at least 3 restarts. */
  public static final MaintenancePolicy DEFAULT = new MaintenancePolicy(Duration.ofMinutes(5), Duration.ofMinutes(1),
      Duration.ofHours(6), 0.9, 3);

  /** Checks the fields. */
  public MaintenancePolicy {
    Objects.requireNonNull(defaultRestartToForging, "defaultRestartToForging");
    Objects.requireNonNull(margin, "margin");
    Objects.requireNonNull(maxWait, "maxWait");
    if (defaultRestartToForging.isNegative() || margin.isNegative() || maxWait.isNegative()) {
      throw new IllegalArgumentException("maintenance durations are not negative");
    }
    if (!(percentile > 0 && percentile <= 1)) {
      throw new IllegalArgumentException("percentile must be in (0, 1], was " + percentile);
    }
    if (minSamples < 1) {
      throw new IllegalArgumentException("minSamples must be at least 1, was " + minSamples);
    }
  }

  /** With another wait limit. */
  public MaintenancePolicy withMaxWait(Duration d) {
    return new MaintenancePolicy(defaultRestartToForging, margin, d, percentile, minSamples);
  }
}
