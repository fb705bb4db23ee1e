package io.palisade.ouroboros.n2c;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * An exact rational from the ledger (active slot coefficient, decentralisation parameter), kept as the two integers
 * the node sent so that the leader check can compute with it exactly.
 *
 * @param numerator the numerator (>= 0)
 * @param denominator the denominator (> 0)
 */
public record Ratio(long numerator, long denominator) {
  /** Checks the signs. */
  public Ratio {
    if (numerator < 0 || denominator <= 0) {
      throw new IllegalArgumentException("a ratio needs numerator >= 0 and denominator > 0, was " + numerator + "/"
          + denominator);
    }
  }

  /** The value, rounded to 34 digits (for display). */
  public BigDecimal toBigDecimal() {
    return new BigDecimal(numerator).divide(new BigDecimal(denominator), MathContext.DECIMAL128);
  }

  @Override
  public String toString() {
    return numerator + "/" + denominator;
  }
}
