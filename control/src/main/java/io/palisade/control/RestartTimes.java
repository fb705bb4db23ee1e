package io.palisade.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How long the block producer took from a restart to forging again, learned from its own recent restarts: a bounded
 * history of measured times, and the restart being measured now. Pure: the runtime reports restarts and observations,
 * this keeps the arithmetic.
 *
 * @param samples measured restart-to-forging times, oldest first, at most {@link #MAX_SAMPLES}
 * @param pendingSince when the restart being measured began, or null when none is
 */
public record RestartTimes(List<Duration> samples, Instant pendingSince) {
  /** How many restarts are remembered: enough for a 90th percentile, few enough to follow a growing ledger. */
  public static final int MAX_SAMPLES = 20;

  /** Checks the fields, keeps the newest {@link #MAX_SAMPLES}. */
  public RestartTimes {
    Objects.requireNonNull(samples, "samples");
    samples = List.copyOf(samples.size() > MAX_SAMPLES ? samples.subList(samples.size() - MAX_SAMPLES,
        samples.size()) : samples);
    samples.forEach(d -> {
      if (d.isNegative()) {
        throw new IllegalArgumentException("a negative restart time: " + d);
      }
    });
  }

  /** No history. */
  public static RestartTimes none() {
    return new RestartTimes(List.of(), null);
  }

  /** The node was (re)started at {@code at}: the measurement starts over from there. */
  public RestartTimes restarted(Instant at) {
    return new RestartTimes(samples, Objects.requireNonNull(at, "at"));
  }

  /**
   * An observation of the node: when it says the node forges (ready, with valid keys) after the pending restart, the
   * time from the restart is a new sample.
   *
   * @param forging whether the observation says the node forges
   * @param observedAt when it was made
   * @return the times, with the new sample if this observation ended a measurement
   */
  public RestartTimes observed(boolean forging, Instant observedAt) {
    if (!forging || pendingSince == null || observedAt.isBefore(pendingSince)) {
      return this;
    }
    List<Duration> more = new ArrayList<>(samples);
    more.add(Duration.between(pendingSince, observedAt));
    return new RestartTimes(more, null);
  }

  /**
   * The expected restart-to-forging time: the {@code percentile} of the history (nearest rank) once it holds
   * {@code minSamples}; before that the larger of the default and the longest time seen, so a first slow restart
   * is never underestimated.
   */
  public Duration expected(MaintenancePolicy policy) {
    if (samples.size() < policy.minSamples()) {
      return samples.stream().max(Duration::compareTo).filter(d -> d.compareTo(policy.defaultRestartToForging()) > 0)
          .orElse(policy.defaultRestartToForging());
    }
    List<Duration> sorted = samples.stream().sorted().toList();
    int rank = (int) Math.ceil(policy.percentile() * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
  }

  /** Whether the expectation is still the default (too few restarts measured). */
  public boolean learned(MaintenancePolicy policy) {
    return samples.size() >= policy.minSamples();
  }
}
