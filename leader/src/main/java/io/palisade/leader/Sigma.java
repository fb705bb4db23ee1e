package io.palisade.leader;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * A pool's relative stake σ = pool stake / total active stake, both in lovelace from the same ("set") snapshot: the
 * snapshot the ledger uses for the epoch's leader election. Kept as the exact ratio, as the ledger does.
 *
 * @param poolStake the pool's active stake
 * @param activeStake the total active stake
 */
public record Sigma(BigInteger poolStake, BigInteger activeStake) {
  /** 0 <= pool stake <= active stake, active stake > 0. */
  public Sigma {
    if (activeStake.signum() <= 0) {
      throw new IllegalArgumentException("the active stake must be positive, was " + activeStake);
    }
    if (poolStake.signum() < 0) {
      throw new IllegalArgumentException("the pool stake must not be negative, was " + poolStake);
    }
    if (poolStake.compareTo(activeStake) > 0) {
      throw new IllegalArgumentException("the pool stake (" + poolStake + ") exceeds the total active stake ("
          + activeStake + ")");
    }
  }

  /** From lovelace amounts. */
  public static Sigma of(long poolStake, long activeStake) {
    return new Sigma(BigInteger.valueOf(poolStake), BigInteger.valueOf(activeStake));
  }

  /** σ as a double, for display. */
  public double doubleValue() {
    return new BigDecimal(poolStake).divide(new BigDecimal(activeStake), MathContext.DECIMAL64).doubleValue();
  }
}
