package io.palisade.leader;

import java.math.BigInteger;

/**
 * The ledger's {@code FixedPoint}: Haskell's {@code Data.Fixed E34}, an integer count of 10^-34 (cardano-ledger,
 * {@code Cardano.Ledger.BaseTypes}: {@code type FixedPoint = Digits34}). Its operations round exactly as
 * {@code Data.Fixed} does, and the leader check depends on that rounding at the boundary:
 * <ul>
 *   <li>{@code a * b = MkFixed (div (a * b) 10^34)}, {@code a / b = MkFixed (div (a * 10^34) b)}, with Haskell's
 *       {@code div} rounding toward negative infinity ({@link Math#floorDiv}, not BigInteger's truncation);</li>
 *   <li>{@code fromRational r = MkFixed (floor (r * 10^34))}; {@code fromInteger n = MkFixed (n * 10^34)}.</li>
 * </ul>
 *
 * @param raw the value times 10^34
 */
record FixedPoint(BigInteger raw) implements Comparable<FixedPoint> {
  static final BigInteger RESOLUTION = BigInteger.TEN.pow(34);
  static final FixedPoint ZERO = new FixedPoint(BigInteger.ZERO);
  static final FixedPoint ONE = of(1);

  static FixedPoint of(long n) {
    return new FixedPoint(BigInteger.valueOf(n).multiply(RESOLUTION));
  }

  static FixedPoint ofInteger(BigInteger n) {
    return new FixedPoint(n.multiply(RESOLUTION));
  }

  /** {@code fromRational (num % den)}: floor(num/den * 10^34). */
  static FixedPoint ofRational(BigInteger num, BigInteger den) {
    return new FixedPoint(floorDiv(num.multiply(RESOLUTION), den));
  }

  FixedPoint plus(FixedPoint o) {
    return new FixedPoint(raw.add(o.raw));
  }

  FixedPoint minus(FixedPoint o) {
    return new FixedPoint(raw.subtract(o.raw));
  }

  FixedPoint times(FixedPoint o) {
    return new FixedPoint(floorDiv(raw.multiply(o.raw), RESOLUTION));
  }

  FixedPoint dividedBy(FixedPoint o) {
    if (o.raw.signum() == 0) {
      throw new ArithmeticException("FixedPoint division by zero");
    }
    return new FixedPoint(floorDiv(raw.multiply(RESOLUTION), o.raw));
  }

  FixedPoint negate() {
    return new FixedPoint(raw.negate());
  }

  FixedPoint abs() {
    return new FixedPoint(raw.abs());
  }

  /** Haskell's {@code ceiling}. */
  BigInteger ceiling() {
    return floorDiv(raw.negate(), RESOLUTION).negate();
  }

  @Override
  public int compareTo(FixedPoint o) {
    return raw.compareTo(o.raw);
  }

  boolean lessThan(FixedPoint o) {
    return raw.compareTo(o.raw) < 0;
  }

  /** The value as Haskell shows it: 34 decimals. */
  @Override
  public String toString() {
    return new java.math.BigDecimal(raw, 34).toPlainString();
  }

  static BigInteger floorDiv(BigInteger a, BigInteger b) {
    BigInteger[] qr = a.divideAndRemainder(b);
    if (qr[1].signum() != 0 && (qr[1].signum() != b.signum())) {
      return qr[0].subtract(BigInteger.ONE);
    }
    return qr[0];
  }
}
