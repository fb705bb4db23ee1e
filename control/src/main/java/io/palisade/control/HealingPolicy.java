package io.palisade.control;

import java.time.Duration;
import java.util.Objects;

/**
 * How self-healing restarts a node: the first restart at once, then with exponential backoff; after
 * {@code maxConsecutiveFailures} failures without a stable recovery the node is reported FAILED and left stopped.
 *
 * @param initialBackoff the wait before the second restart; each later one doubles it
 * @param maxBackoff the longest wait between restarts
 * @param maxConsecutiveFailures failures in a row after which the node is given up on
 * @param resetAfter how long a node must stay ready before its failure count starts again from zero
 */
public record HealingPolicy(
    Duration initialBackoff, Duration maxBackoff, int maxConsecutiveFailures, Duration resetAfter) {

  /** Production defaults: 10 s doubling to 5 min, 5 failures, reset after 10 min ready (like kubelet's backoff). */
  public static final HealingPolicy DEFAULT =
      new HealingPolicy(Duration.ofSeconds(10), Duration.ofMinutes(5), 5, Duration.ofMinutes(10));

  /** Checks the values. */
  public HealingPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(resetAfter, "resetAfter");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max, was: " + initialBackoff + ", "
          + maxBackoff);
    }
    if (maxConsecutiveFailures < 1) {
      throw new IllegalArgumentException("maxConsecutiveFailures must be >= 1, was: " + maxConsecutiveFailures);
    }
  }

  /**
   * The wait before restart number {@code failure} (1 = the first failure: no wait).
   *
   * @param failure the failure count, from 1
   * @return the backoff
   */
  public Duration backoffBefore(int failure) {
    if (failure <= 1) {
      return Duration.ZERO;
    }
    Duration d = initialBackoff;
    for (int i = 2; i < failure && d.compareTo(maxBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
