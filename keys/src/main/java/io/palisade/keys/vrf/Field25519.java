package io.palisade.keys.vrf;

/**
 * Arithmetic modulo p = 2^255 - 19 on five 51-bit limbs in a {@code long[5]}, little-endian.
 *
 * <p>Why not BouncyCastle's {@code X25519Field} (ten 25.5-bit limbs)? The VRF benchmark target (a third of OpenSSL's
 * X25519 rate) is dominated by field multiplications, and 51-bit limbs with {@link Math#multiplyHigh} (a single
 * instruction on x86-64 and aarch64) need 50 multiplications per product instead of 75. Every 128-bit column is kept
 * as two longs: the high part {@code floor(a*b / 2^51)}, from {@code multiplyHigh(a << 10, b << 3)}, and the wrapped
 * low 64 bits; {@code low - (high << 51)} is then exactly the column's residue below 2^51 (it is < 5 * 2^51).
 *
 * <p>Bounds: {@link #mul} and {@link #sqr} take limbs below 2^53 and return limbs below 2^51 + 2^13 ("reduced").
 * {@link #add} does not carry: the sum of two or three reduced values stays below 2^53. {@link #sub} adds 8p and
 * carries, so it takes limbs below 2^53 and returns reduced limbs. All operations are constant time. Output arrays
 * may alias inputs.
 *
 * <p>This class is the ring arithmetic on limbs only, the hot path every point operation runs. Built on it:
 * {@link FieldPowers} (inversion and the square-root power) and {@link FieldEncoding} (the canonical bytes, where a
 * value is fully reduced, and the zero, sign and equality tests read from them).
 */
final class Field25519 {
  static final int LIMBS = 5;
  // Also FieldEncoding's mask: one definition of the limb width.
  static final long M51 = (1L << 51) - 1;
  // 8p in limb form: (2^54 - 152, 2^54 - 8, ...); added before subtracting so that no limb goes negative.
  private static final long EIGHT_P0 = (1L << 54) - 152;
  private static final long EIGHT_PI = (1L << 54) - 8;

  private Field25519() {}

  static long[] create() {
    return new long[LIMBS];
  }

  static long[] of(long small) {
    long[] z = create();
    z[0] = small;
    return z;
  }

  static void copy(long[] x, long[] z) {
    System.arraycopy(x, 0, z, 0, LIMBS);
  }

  static void zero(long[] z) {
    java.util.Arrays.fill(z, 0L);
  }

  static void one(long[] z) {
    zero(z);
    z[0] = 1;
  }

  static void add(long[] x, long[] y, long[] z) {
    for (int i = 0; i < LIMBS; i++) {
      z[i] = x[i] + y[i];
    }
  }

  static void sub(long[] x, long[] y, long[] z) {
    long r0 = x[0] + EIGHT_P0 - y[0];
    long r1 = x[1] + EIGHT_PI - y[1];
    long r2 = x[2] + EIGHT_PI - y[2];
    long r3 = x[3] + EIGHT_PI - y[3];
    long r4 = x[4] + EIGHT_PI - y[4];
    carry(r0, r1, r2, r3, r4, z);
  }

  static void negate(long[] x, long[] z) {
    long r0 = EIGHT_P0 - x[0];
    long r1 = EIGHT_PI - x[1];
    long r2 = EIGHT_PI - x[2];
    long r3 = EIGHT_PI - x[3];
    long r4 = EIGHT_PI - x[4];
    carry(r0, r1, r2, r3, r4, z);
  }

  /** Weak reduction of non-negative limbs below 2^62: every limb below 2^51 afterwards, limb 0 below 2^51 + 2^13. */
  static void carry(long[] z) {
    carry(z[0], z[1], z[2], z[3], z[4], z);
  }

  private static void carry(long r0, long r1, long r2, long r3, long r4, long[] z) {
    r1 += r0 >>> 51;
    r0 &= M51;
    r2 += r1 >>> 51;
    r1 &= M51;
    r3 += r2 >>> 51;
    r2 &= M51;
    r4 += r3 >>> 51;
    r3 &= M51;
    r0 += 19 * (r4 >>> 51);
    r4 &= M51;
    r1 += r0 >>> 51;
    r0 &= M51;
    z[0] = r0;
    z[1] = r1;
    z[2] = r2;
    z[3] = r3;
    z[4] = r4;
  }

  static void mul(long[] x, long[] y, long[] z) {
    long a0 = x[0], a1 = x[1], a2 = x[2], a3 = x[3], a4 = x[4];
    long b0 = y[0], b1 = y[1], b2 = y[2], b3 = y[3], b4 = y[4];
    long h0 = a0 << 10, h1 = a1 << 10, h2 = a2 << 10, h3 = a3 << 10, h4 = a4 << 10;
    long g0 = b0 << 3, g1 = b1 << 3, g2 = b2 << 3, g3 = b3 << 3, g4 = b4 << 3;
    // Limbs 5..8 of the product wrap around to 0..3 times 19 (2^255 = 19 mod p).
    long c1 = 19 * b1, c2 = 19 * b2, c3 = 19 * b3, c4 = 19 * b4;
    long e1 = c1 << 3, e2 = c2 << 3, e3 = c3 << 3, e4 = c4 << 3;

    long hi0 = Math.multiplyHigh(h0, g0) + Math.multiplyHigh(h1, e4) + Math.multiplyHigh(h2, e3)
        + Math.multiplyHigh(h3, e2) + Math.multiplyHigh(h4, e1);
    long lo0 = a0 * b0 + a1 * c4 + a2 * c3 + a3 * c2 + a4 * c1;
    long hi1 = Math.multiplyHigh(h0, g1) + Math.multiplyHigh(h1, g0) + Math.multiplyHigh(h2, e4)
        + Math.multiplyHigh(h3, e3) + Math.multiplyHigh(h4, e2);
    long lo1 = a0 * b1 + a1 * b0 + a2 * c4 + a3 * c3 + a4 * c2;
    long hi2 = Math.multiplyHigh(h0, g2) + Math.multiplyHigh(h1, g1) + Math.multiplyHigh(h2, g0)
        + Math.multiplyHigh(h3, e4) + Math.multiplyHigh(h4, e3);
    long lo2 = a0 * b2 + a1 * b1 + a2 * b0 + a3 * c4 + a4 * c3;
    long hi3 = Math.multiplyHigh(h0, g3) + Math.multiplyHigh(h1, g2) + Math.multiplyHigh(h2, g1)
        + Math.multiplyHigh(h3, g0) + Math.multiplyHigh(h4, e4);
    long lo3 = a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0 + a4 * c4;
    long hi4 = Math.multiplyHigh(h0, g4) + Math.multiplyHigh(h1, g3) + Math.multiplyHigh(h2, g2)
        + Math.multiplyHigh(h3, g1) + Math.multiplyHigh(h4, g0);
    long lo4 = a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0;
    finish(hi0, lo0, hi1, lo1, hi2, lo2, hi3, lo3, hi4, lo4, z);
  }

  static void sqr(long[] x, long[] z) {
    long a0 = x[0], a1 = x[1], a2 = x[2], a3 = x[3], a4 = x[4];
    long d0 = 2 * a0, d1 = 2 * a1;
    long t3 = 19 * a3, t4 = 19 * a4, u3 = 2 * t3, u4 = 2 * t4; // 19a3, 19a4, 38a3, 38a4
    long h0 = a0 << 10, h1 = a1 << 10, h2 = a2 << 10, h3 = a3 << 10, h4 = a4 << 10;
    long k0 = d0 << 3, k1 = d1 << 3;
    long v3 = t3 << 3, v4 = t4 << 3, w3 = u3 << 3, w4 = u4 << 3;
    long g0 = a0 << 3, g1 = a1 << 3, g2 = a2 << 3;

    // column k = sum over i+j=k of a_i a_j, plus 19 times the columns k+5.
    long hi0 = Math.multiplyHigh(h0, g0) + Math.multiplyHigh(h1, w4) + Math.multiplyHigh(h2, w3);
    long lo0 = a0 * a0 + a1 * u4 + a2 * u3;
    long hi1 = Math.multiplyHigh(h1, k0) + Math.multiplyHigh(h2, w4) + Math.multiplyHigh(h3, v3);
    long lo1 = a1 * d0 + a2 * u4 + a3 * t3;
    long hi2 = Math.multiplyHigh(h2, k0) + Math.multiplyHigh(h1, g1) + Math.multiplyHigh(h3, w4);
    long lo2 = a2 * d0 + a1 * a1 + a3 * u4;
    long hi3 = Math.multiplyHigh(h3, k0) + Math.multiplyHigh(h2, k1) + Math.multiplyHigh(h4, v4);
    long lo3 = a3 * d0 + a2 * d1 + a4 * t4;
    long hi4 = Math.multiplyHigh(h4, k0) + Math.multiplyHigh(h3, k1) + Math.multiplyHigh(h2, g2);
    long lo4 = a4 * d0 + a3 * d1 + a2 * a2;
    finish(hi0, lo0, hi1, lo1, hi2, lo2, hi3, lo3, hi4, lo4, z);
  }

  /** Squares {@code n} times. */
  static void sqr(long[] x, int n, long[] z) {
    sqr(x, z);
    for (int i = 1; i < n; i++) {
      sqr(z, z);
    }
  }

  private static void finish(long hi0, long lo0, long hi1, long lo1, long hi2, long lo2, long hi3, long lo3,
      long hi4, long lo4, long[] z) {
    long s0 = lo0 - (hi0 << 51);
    long s1 = lo1 - (hi1 << 51);
    long s2 = lo2 - (hi2 << 51);
    long s3 = lo3 - (hi3 << 51);
    long s4 = lo4 - (hi4 << 51);
    long r0 = s0 + 19 * hi4;
    long r1 = s1 + hi0 + (r0 >>> 51);
    r0 &= M51;
    long r2 = s2 + hi1 + (r1 >>> 51);
    r1 &= M51;
    long r3 = s3 + hi2 + (r2 >>> 51);
    r2 &= M51;
    long r4 = s4 + hi3 + (r3 >>> 51);
    r3 &= M51;
    r0 += 19 * (r4 >>> 51);
    r4 &= M51;
    r1 += r0 >>> 51;
    r0 &= M51;
    z[0] = r0;
    z[1] = r1;
    z[2] = r2;
    z[3] = r3;
    z[4] = r4;
  }

  /** z = x * k for a small constant {@code 0 <= k < 2^12}. */
  static void mulSmall(long[] x, long k, long[] z) {
    carry(x[0] * k, x[1] * k, x[2] * k, x[3] * k, x[4] * k, z);
  }

  /** z = x if {@code mask} is -1, unchanged if 0; constant time. */
  static void cmov(long[] x, long mask, long[] z) {
    for (int i = 0; i < LIMBS; i++) {
      z[i] ^= (z[i] ^ x[i]) & mask;
    }
  }

  /** Negates z in place when {@code bit} is 1; constant time. */
  static void cnegate(int bit, long[] z) {
    long mask = -(long) bit;
    for (int i = 0; i < LIMBS; i++) {
      long n = (i == 0 ? EIGHT_P0 : EIGHT_PI) - z[i];
      z[i] ^= (z[i] ^ n) & mask;
    }
    carry(z);
  }
}
