package io.palisade.control;

import java.util.Objects;

/**
 * Who holds the producer lease now, as the runtime observed it: an input of {@link PoolController#decide} for a pool
 * with a standby, so that a rollout upgrades the producer without the lease first and moves forging
 * ({@link Action.MoveForging}) before it upgrades the holder ({@link ProducerHandoverStep}).
 *
 * @param holder the name of the producer that holds the lease (the only one that may forge)
 * @param token the lease's fencing token (it only grows; shown in events)
 */
public record ForgingLease(String holder, long token) {
  /** Checks the holder. */
  public ForgingLease {
    Objects.requireNonNull(holder, "holder");
  }
}
