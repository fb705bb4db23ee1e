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
 * @param startedAt when the credentials were taken from {@code from} (the fence timeout counts from here)
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
