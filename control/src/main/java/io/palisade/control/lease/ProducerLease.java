package io.palisade.control.lease;

import java.time.Instant;
import java.util.Objects;

/**
 * Who may forge: the one block producer that holds the lease, since when, and its fencing token. The token grows by
 * one at every change of holder and never goes back, so a holder's claim can always be told from an older one.
 *
 * @param holder the node that may hold the forging credentials
 * @param token the fencing token, at least 1
 * @param since when the holder got the lease
 */
public record ProducerLease(String holder, long token, Instant since) {
  /** Checks the fields. */
  public ProducerLease {
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(since, "since");
    if (token < 1) {
      throw new IllegalArgumentException("a fencing token is at least 1, was " + token);
    }
  }

  /** The first lease of a pool: {@code holder} (the spec's block producer) with token 1. */
  public static ProducerLease first(String holder, Instant now) {
    return new ProducerLease(holder, 1, now);
  }

  /**
   * The lease passed to another node, with the next token.
   *
   * @param newHolder the node that gets it
   * @param now the clock's time
   * @return the new lease
   */
  public ProducerLease passTo(String newHolder, Instant now) {
    if (newHolder.equals(holder)) {
      throw new IllegalArgumentException(holder + " already holds the lease");
    }
    return new ProducerLease(newHolder, Math.addExact(token, 1), now);
  }
}
