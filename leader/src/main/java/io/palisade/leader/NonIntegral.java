package io.palisade.leader;

import java.math.BigInteger;

/**
 * A line-by-line port of cardano-ledger's {@code Cardano.Ledger.NonIntegral} (libs/non-integral, commit 030c3b12),
 * at {@link FixedPoint} precision: {@code ln'} (continued fraction after splitting off powers of e), {@code exp'}
 * (Taylor series), {@code (***)}, and {@code taylorExpCmp}, the comparison the leader check uses. The order of every
 * operation is the ledger's, because each one rounds.
 */
final class NonIntegral {
  /** {@code eps = 1 / 10^24}. */
  static final FixedPoint EPS = FixedPoint.ONE.dividedBy(FixedPoint.ofInteger(BigInteger.TEN.pow(24)));
  /** {@code exp1 = exp' 1}. */
  static final FixedPoint E = exp(FixedPoint.ONE);

  private NonIntegral() {}

  /** The outcome of {@link #taylorExpCmp}: the ledger's {@code CompareResult}. */
  enum Ordering {
    /** The reference is above exp(x): not a leader. */
    ABOVE,
    /** The reference is below exp(x): a leader. */
    BELOW,
    /** Undecided within 1000 terms (counted as not a leader). */
    MAX_REACHED
  }

  /**
   * The result with the number of terms used ({@code ABOVE acc (n+1)}, {@code BELOW acc (n+1)}, {@code MaxReached n}).
   *
   * @param ordering the answer
   * @param iterations the ledger's count
   */
  record Comparison(Ordering ordering, int iterations) {}

  /**
   * {@code taylorExpCmp boundX cmp x}: compares cmp with exp(x), adding Taylor terms until the remainder, bounded by
   * {@code |err' * boundX|}, decides.
   */
  static Comparison taylorExpCmp(FixedPoint boundX, FixedPoint cmp, FixedPoint x) {
    int maxN = 1000;
    int n = 0;
    FixedPoint err = x;
    FixedPoint acc = FixedPoint.ONE;
    FixedPoint divisor = FixedPoint.ONE;
    while (true) {
      if (maxN == n) {
        return new Comparison(Ordering.MAX_REACHED, n);
      }
      FixedPoint divisorNext = divisor.plus(FixedPoint.ONE);
      FixedPoint nextX = err;
      FixedPoint errNext = err.times(x).dividedBy(divisorNext);
      FixedPoint accNext = acc.plus(nextX);
      FixedPoint errorTerm = errNext.times(boundX).abs();
      if (cmp.compareTo(accNext.plus(errorTerm)) >= 0) {
        return new Comparison(Ordering.ABOVE, n + 1);
      }
      if (cmp.lessThan(accNext.minus(errorTerm))) {
        return new Comparison(Ordering.BELOW, n + 1);
      }
      n++;
      err = errNext;
      acc = accNext;
      divisor = divisorNext;
    }
  }

  /** {@code ln' x} for x > 0. */
  static FixedPoint ln(FixedPoint x) {
    if (x.raw().signum() <= 0) {
      throw new ArithmeticException(x + " is not in domain of ln");
    }
    long n = findE(E, x);
    FixedPoint xPrime = x.dividedBy(ipow(E, n)).minus(FixedPoint.ONE);
    return FixedPoint.of(n).plus(lncf(1000, xPrime));
  }

  /** {@code exp' x}. */
  static FixedPoint exp(FixedPoint x) {
    if (x.raw().signum() < 0) {
      return FixedPoint.ONE.dividedBy(exp(x.negate()));
    }
    BigInteger n = x.ceiling();
    if (n.signum() == 0) {
      return FixedPoint.ONE; // ipow' _ 0 = 1; Haskell never evaluates the 0/0 of scaleExp 0 (laziness)
    }
    FixedPoint scaled = x.dividedBy(FixedPoint.ofInteger(n));
    FixedPoint series = taylorExp(1000, scaled);
    return ipow(series, n.longValueExact());
  }

  /** {@code a *** b = exp' (b * ln' a)} (with the ledger's special cases). */
  static FixedPoint pow(FixedPoint a, FixedPoint b) {
    if (b.raw().signum() == 0) {
      return FixedPoint.ONE;
    }
    if (a.raw().signum() == 0) {
      return FixedPoint.ZERO;
    }
    if (a.equals(FixedPoint.ONE)) {
      return FixedPoint.ONE;
    }
    return exp(b.times(ln(a)));
  }

  private static FixedPoint taylorExp(int maxN, FixedPoint x) {
    int n = 1;
    FixedPoint lastX = FixedPoint.ONE;
    FixedPoint acc = FixedPoint.ONE;
    FixedPoint divisor = FixedPoint.ONE;
    while (true) {
      FixedPoint nextX = lastX.times(x).dividedBy(divisor);
      if (maxN == n || nextX.abs().lessThan(EPS)) {
        return acc;
      }
      n++;
      lastX = nextX;
      acc = acc.plus(nextX);
      divisor = divisor.plus(FixedPoint.ONE);
    }
  }

  /** ln(1 + x) for x >= 0 by the continued fraction a1 = x, a2k = a2k+1 = k²x, bn = n. */
  private static FixedPoint lncf(int maxN, FixedPoint x) {
    if (x.raw().signum() < 0) {
      throw new ArithmeticException("x = " + x + " is not inside domain [0,..)");
    }
    FixedPoint aNm2 = FixedPoint.ONE;
    FixedPoint bNm2 = FixedPoint.ZERO;
    FixedPoint aNm1 = FixedPoint.ZERO;
    FixedPoint bNm1 = FixedPoint.ONE;
    FixedPoint lastVal = null;
    for (int n = 0; ; n++) {
      // a_1 = x, then x·1, x·1, x·4, x·4, x·9, ... ; b_n = 1, 2, 3, ...
      FixedPoint an;
      if (n == 0) {
        an = x;
      } else {
        long k = (n + 1) / 2;
        an = FixedPoint.of(k * k).times(x);
      }
      FixedPoint bn = FixedPoint.of(n + 1L);
      FixedPoint aN = bn.times(aNm1).plus(an.times(aNm2));
      FixedPoint bN = bn.times(bNm1).plus(an.times(bNm2));
      FixedPoint xn = aN.dividedBy(bN);
      if (maxN == n) {
        return xn;
      }
      if (lastVal != null && lastVal.minus(xn).abs().lessThan(EPS)) {
        return xn;
      }
      lastVal = xn;
      aNm2 = aNm1;
      bNm2 = bNm1;
      aNm1 = aN;
      bNm1 = bN;
    }
  }

  /** {@code findE e x}: n with e^n <= x < e^(n+1), by doubling then bisecting the exponent. */
  private static long findE(FixedPoint e, FixedPoint x) {
    FixedPoint lowBound = FixedPoint.ONE.dividedBy(e);
    FixedPoint highBound = e;
    long l = -1;
    long u = 1;
    while (!(lowBound.compareTo(x) <= 0 && x.compareTo(highBound) <= 0)) {
      lowBound = lowBound.times(lowBound);
      highBound = highBound.times(highBound);
      l *= 2;
      u *= 2;
    }
    while (l + 1 != u) {
      long mid = l + Math.floorDiv(u - l, 2);
      if (x.lessThan(ipow(e, mid))) {
        u = mid;
      } else {
        l = mid;
      }
    }
    return l;
  }

  /** {@code ipow x n}: 1 / ipow' x (-n) for negative n. */
  static FixedPoint ipow(FixedPoint x, long n) {
    if (n < 0) {
      return FixedPoint.ONE.dividedBy(ipowNonNegative(x, -n));
    }
    return ipowNonNegative(x, n);
  }

  /** {@code ipow'}: squaring for even n, x * ipow' x (n-1) for odd n. */
  private static FixedPoint ipowNonNegative(FixedPoint x, long n) {
    if (n == 0) {
      return FixedPoint.ONE;
    }
    if (n % 2 == 0) {
      FixedPoint y = ipowNonNegative(x, n / 2);
      return y.times(y);
    }
    return x.times(ipowNonNegative(x, n - 1));
  }
}
