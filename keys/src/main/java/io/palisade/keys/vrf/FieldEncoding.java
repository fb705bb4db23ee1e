package io.palisade.keys.vrf;

/**
 * Field elements mod p = 2^255 - 19 as bytes, and the predicates defined on those bytes: the canonical 32-byte
 * little-endian encoding and its decoding, zero, sign ("negative", RFC 8032) and equality.
 *
 * <p>Apart from {@link Field25519} because these are the boundary of the limb form: where a value is fully reduced
 * (limbs may otherwise hold a value at or above p), which is why the zero and sign tests go through the encoding.
 * Constant time but for {@code equalsVar}, which says so. The overloads with a caller-provided scratch buffer keep the
 * hot paths allocation-free.
 */
final class FieldEncoding {
  private static final long M51 = Field25519.M51;

  private FieldEncoding() {}

  /** The canonical 32-byte little-endian encoding (fully reduced, top bit clear). */
  static void encode(long[] x, byte[] out, int off) {
    // Two weak reductions leave every limb below 2^51, so the value is below 2^255 + 2^13 < 2p.
    long t0 = x[0], t1 = x[1], t2 = x[2], t3 = x[3], t4 = x[4];
    for (int pass = 0; pass < 2; pass++) {
      t1 += t0 >>> 51;
      t0 &= M51;
      t2 += t1 >>> 51;
      t1 &= M51;
      t3 += t2 >>> 51;
      t2 &= M51;
      t4 += t3 >>> 51;
      t3 &= M51;
      t0 += 19 * (t4 >>> 51);
      t4 &= M51;
      t1 += t0 >>> 51;
      t0 &= M51;
    }
    // Subtract p if t >= p, decided by the carry out of t + 19 at bit 255.
    long q = (t0 + 19) >>> 51;
    q = (t1 + q) >>> 51;
    q = (t2 + q) >>> 51;
    q = (t3 + q) >>> 51;
    q = (t4 + q) >>> 51;
    long r0 = t0 + 19 * q;
    long r1 = t1 + (r0 >>> 51);
    r0 &= M51;
    long r2 = t2 + (r1 >>> 51);
    r1 &= M51;
    long r3 = t3 + (r2 >>> 51);
    r2 &= M51;
    long r4 = (t4 + (r3 >>> 51)) & M51;
    r3 &= M51;
    putLong(r0 | (r1 << 51), out, off);
    putLong((r1 >>> 13) | (r2 << 38), out, off + 8);
    putLong((r2 >>> 26) | (r3 << 25), out, off + 16);
    putLong((r3 >>> 39) | (r4 << 12), out, off + 24);
  }

  /** Decodes 255 bits (the top bit is ignored); values in [p, 2^255) are kept unreduced, as ref10 does. */
  static void decode(byte[] in, int off, long[] z) {
    long w0 = getLong(in, off);
    long w1 = getLong(in, off + 8);
    long w2 = getLong(in, off + 16);
    long w3 = getLong(in, off + 24);
    z[0] = w0 & M51;
    z[1] = ((w0 >>> 51) | (w1 << 13)) & M51;
    z[2] = ((w1 >>> 38) | (w2 << 26)) & M51;
    z[3] = ((w2 >>> 25) | (w3 << 39)) & M51;
    z[4] = (w3 >>> 12) & M51;
  }

  /** -1 (all bits) if x = 0 mod p, else 0; constant time. */
  static int isZero(long[] x) {
    return isZero(x, new byte[32]);
  }

  /** {@link #isZero} with a caller-provided 32-byte scratch buffer. */
  static int isZero(long[] x, byte[] s) {
    encode(x, s, 0);
    int d = 0;
    for (byte b : s) {
      d |= b;
    }
    return ((d & 0xff) - 1) >> 31;
  }

  /** 1 if the canonical encoding of x is odd ("negative" in RFC 8032), else 0. */
  static int isNegative(long[] x) {
    return isNegative(x, new byte[32]);
  }

  /** {@link #isNegative} with a caller-provided 32-byte scratch buffer. */
  static int isNegative(long[] x, byte[] s) {
    encode(x, s, 0);
    return s[0] & 1;
  }

  /** Whether x = y mod p; variable time (public values only). */
  static boolean equalsVar(long[] x, long[] y) {
    return equalsVar(x, y, Field25519.create(), new byte[32]);
  }

  /** {@link #equalsVar} with caller-provided scratch. */
  static boolean equalsVar(long[] x, long[] y, long[] d, byte[] s) {
    Field25519.sub(x, y, d);
    return isZero(d, s) != 0;
  }

  private static void putLong(long v, byte[] out, int off) {
    for (int i = 0; i < 8; i++) {
      out[off + i] = (byte) (v >>> (8 * i));
    }
  }

  private static long getLong(byte[] in, int off) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (in[off + i] & 0xff);
    }
    return v;
  }
}
