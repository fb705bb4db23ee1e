package io.palisade.simnode.forge;

import io.palisade.ouroboros.n2c.PoolId;
import java.util.Objects;

/**
 * The public facts of a block producer's credentials that decide whether it can forge in a slot: its pool, the
 * operational certificate's counter and KES window, and the network's KES schedule.
 *
 * @param pool the pool (hash of the cold key that signed the opcert)
 * @param opcertCounter the opcert's issue number (the ledger accepts n with m ≤ n ≤ m + 1, m the chain's)
 * @param kesStartPeriod the first KES period the opcert is valid in
 * @param maxKesEvolutions KES periods one opcert is valid for (62 on the public networks)
 * @param slotsPerKesPeriod slots in one KES period
 */
public record ForgingKey(
    PoolId pool, long opcertCounter, long kesStartPeriod, long maxKesEvolutions, long slotsPerKesPeriod) {
  /** Checks the values. */
  public ForgingKey {
    Objects.requireNonNull(pool, "pool");
    if (opcertCounter < 0 || kesStartPeriod < 0 || maxKesEvolutions <= 0 || slotsPerKesPeriod <= 0) {
      throw new IllegalArgumentException("opcert counter and KES start must be >= 0, the KES schedule > 0");
    }
  }

  /** The KES period of {@code slot}. */
  public long kesPeriodOf(long slot) {
    return slot / slotsPerKesPeriod;
  }

  /** The first KES period the opcert is no longer valid in. */
  public long expiryPeriod() {
    return kesStartPeriod + maxKesEvolutions;
  }
}
