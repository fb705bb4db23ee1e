package io.palisade.control;

import io.palisade.spec.MaintenanceSpec;
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
 * @param clockTolerance how far the host clock and the block producer's chain time ({@link ChainTime}) may disagree
 *     before no window is judged at all (a stepped clock, or a producer that is not synced): the planned action waits
 * @param standbyWait in a pool with a standby, how long a planned stop of the producer that forges waits for the other
 *     producer to be ready (restarting, resyncing), so that forging can move first, before it is carried out in place
 *     in a free window ({@link io.palisade.control.lease.ProducerStopRoute})
 */
public record MaintenancePolicy(Duration defaultRestartToForging, Duration margin, Duration maxWait,
    double percentile, int minSamples, Duration clockTolerance, Duration standbyWait) {
  /** The host clock and the chain may disagree by two minutes (a synced node's tip lags by the last block's age). */
  public static final Duration DEFAULT_CLOCK_TOLERANCE = Duration.ofMinutes(2);

  /**
   * Half an hour: a keyless producer's restart replays its ledger for minutes; a standby out longer (its host down)
   * should not hold maintenance back for long.
   */
  public static final Duration DEFAULT_STANDBY_WAIT = Duration.ofMinutes(30);

  /**
   * Five minutes assumed, one minute of margin, six hours at most, the 90th percentile of at least 3 restarts, two
   * minutes of clock tolerance.
   */
  public static final MaintenancePolicy DEFAULT = new MaintenancePolicy(Duration.ofMinutes(5), Duration.ofMinutes(1),
      Duration.ofHours(6), 0.9, 3);

  /** A policy with the default clock tolerance and standby wait. */
  public MaintenancePolicy(Duration defaultRestartToForging, Duration margin, Duration maxWait, double percentile,
      int minSamples) {
    this(defaultRestartToForging, margin, maxWait, percentile, minSamples, DEFAULT_CLOCK_TOLERANCE);
  }

  /** A policy with the default standby wait. */
  public MaintenancePolicy(Duration defaultRestartToForging, Duration margin, Duration maxWait, double percentile,
      int minSamples, Duration clockTolerance) {
    this(defaultRestartToForging, margin, maxWait, percentile, minSamples, clockTolerance, DEFAULT_STANDBY_WAIT);
  }

  /** Checks the fields. */
  public MaintenancePolicy {
    Objects.requireNonNull(defaultRestartToForging, "defaultRestartToForging");
    Objects.requireNonNull(margin, "margin");
    Objects.requireNonNull(maxWait, "maxWait");
    Objects.requireNonNull(clockTolerance, "clockTolerance");
    Objects.requireNonNull(standbyWait, "standbyWait");
    if (defaultRestartToForging.isNegative() || margin.isNegative() || maxWait.isNegative()
        || clockTolerance.isNegative() || standbyWait.isNegative()) {
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
    return new MaintenancePolicy(defaultRestartToForging, margin, d, percentile, minSamples, clockTolerance,
        standbyWait);
  }

  /** With another margin. */
  public MaintenancePolicy withMargin(Duration d) {
    return new MaintenancePolicy(defaultRestartToForging, d, maxWait, percentile, minSamples, clockTolerance,
        standbyWait);
  }

  /**
   * This policy with what the pool's spec sets ({@code blockProducer.maintenance}); what it leaves out keeps this
   * policy's value.
   *
   * @param spec the spec's maintenance block, or null (nothing set)
   */
  public MaintenancePolicy with(MaintenanceSpec spec) {
    if (spec == null) {
      return this;
    }
    return new MaintenancePolicy(defaultRestartToForging, spec.margin() == null ? margin : spec.margin(),
        spec.waitLimit() == null ? maxWait : spec.waitLimit(), percentile, minSamples,
        spec.clockTolerance() == null ? clockTolerance : spec.clockTolerance(), standbyWait);
  }

  /** With another clock tolerance. */
  public MaintenancePolicy withClockTolerance(Duration d) {
    return new MaintenancePolicy(defaultRestartToForging, margin, maxWait, percentile, minSamples, d, standbyWait);
  }

  /** With another standby wait. */
  public MaintenancePolicy withStandbyWait(Duration d) {
    return new MaintenancePolicy(defaultRestartToForging, margin, maxWait, percentile, minSamples, clockTolerance, d);
  }
}
