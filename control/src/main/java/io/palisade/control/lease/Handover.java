package io.palisade.control.lease;

import java.time.Instant;
import java.util.Objects;

/**
 * A move of the lease in progress: the former holder is being fenced; the other producer is promoted once the fence is
 * confirmed.
 *
 * @param from the holder being fenced
 * @param to the producer to promote
 * @param kind failover or switchover
 * @param startedAt when the move started, by the wall clock: shown to the operator only (the fence timeout is
 *     measured on a monotonic clock, {@link Elapsed#move()})
 */
public record Handover(String from, String to, Kind kind, Instant startedAt) {
  /** Checks the fields. */
  public Handover {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /** Why the lease moves. */
  public enum Kind {
    /** The active producer failed. */
    FAILOVER,
    /** The operator asked for it. */
    SWITCHOVER
  }
}
