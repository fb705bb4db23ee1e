package io.palisade.control.lease;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The lease's waits, as the runtime measured them on a monotonic clock ({@link System#nanoTime()} or a test's ticker),
 * never as differences of wall-clock times: a host clock stepped forward by hours must not start a failover or a
 * fencing kill early, and one stepped back must not hold them off. Wall time is left to what is shown and to the leader
 * schedule.
 *
 * @param holderTrouble how long the holder has been down or unable to forge, empty while it forges
 * @param move how long the move in progress has run since its former holder's credentials were taken (zero when none;
 *     a control plane that restarts mid-move counts again from zero, which lengthens a fence wait by at most one
 *     timeout and never shortens it)
 */
public record Elapsed(Optional<Duration> holderTrouble, Duration move) {
  /** Nothing in trouble, no move. */
  public static final Elapsed NONE = new Elapsed(Optional.empty(), Duration.ZERO);

  /** Checks the fields. */
  public Elapsed {
    Objects.requireNonNull(holderTrouble, "holderTrouble");
    Objects.requireNonNull(move, "move");
    if (move.isNegative() || holderTrouble.map(Duration::isNegative).orElse(false)) {
      throw new IllegalArgumentException("a measured wait is not negative");
    }
  }

  /** The holder in trouble for {@code d}, no move. */
  public static Elapsed holderTroubleFor(Duration d) {
    return new Elapsed(Optional.of(d), Duration.ZERO);
  }

  /** A move that has run for {@code d}. */
  public static Elapsed moveFor(Duration d) {
    return new Elapsed(Optional.empty(), d);
  }
}
