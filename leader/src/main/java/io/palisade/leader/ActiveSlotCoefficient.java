package io.palisade.leader;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The active slot coefficient f, as the exact rational the ledger reads from shelley-genesis.json (JSON's decimal
 * {@code 0.05} is 1/20 to Haskell, not the nearest double). Keeps {@code activeSlotLog f = ln'(1 - f)} at
 * {@link FixedPoint} precision, computed once as {@code mkActiveSlotCoeff} does.
 *
 * @param numerator f's numerator
 * @param denominator f's denominator
 */
public record ActiveSlotCoefficient(BigInteger numerator, BigInteger denominator) {
  /** 0 < f <= 1. */
  public ActiveSlotCoefficient {
    if (denominator.signum() <= 0 || numerator.signum() <= 0 || numerator.compareTo(denominator) > 0) {
      throw new IllegalArgumentException("the active slot coefficient must be in (0, 1], was " + numerator + "/"
          + denominator);
    }
    BigInteger gcd = numerator.gcd(denominator);
    numerator = numerator.divide(gcd);
    denominator = denominator.divide(gcd);
  }

  /**
   * From the genesis value. GenesisParameters holds it as a double read from the JSON decimal; the shortest decimal
   * that round-trips ({@link BigDecimal#valueOf(double)}) is the literal the file holds for any value written with up
   * to 15 significant digits, as genesis files are.
   */
  public static ActiveSlotCoefficient fromGenesis(double activeSlotsCoeff) {
    return fromDecimal(BigDecimal.valueOf(activeSlotsCoeff));
  }

  /** From an exact decimal such as {@code 0.05}. */
  public static ActiveSlotCoefficient fromDecimal(BigDecimal value) {
    BigDecimal v = value.stripTrailingZeros();
    if (v.scale() <= 0) {
      return new ActiveSlotCoefficient(v.toBigIntegerExact(), BigInteger.ONE);
    }
    return new ActiveSlotCoefficient(v.unscaledValue(), BigInteger.TEN.pow(v.scale()));
  }

  /** Whether f = 1 (every slot active: the ledger lets every check succeed). */
  public boolean isOne() {
    return numerator.equals(denominator);
  }

  /** f as a double, for display and expectations only. */
  public double doubleValue() {
    return new BigDecimal(numerator).divide(new BigDecimal(denominator), java.math.MathContext.DECIMAL64)
        .doubleValue();
  }

  /** {@code activeSlotLog f}: ln'(1 - fromRational f) in FixedPoint (0 when f = 1). */
  FixedPoint log() {
    if (isOne()) {
      return FixedPoint.ZERO;
    }
    // unActiveSlotLog = floor (fpPrecision * ln' (1 - fromRational f)); activeSlotLog = that / fpPrecision: both
    // steps are exact in E34, so the result is ln' (1 - fromRational f) itself.
    return NonIntegral.ln(FixedPoint.ONE.minus(FixedPoint.ofRational(numerator, denominator)));
  }

  @Override
  public String toString() {
    return numerator + "/" + denominator;
  }
}
