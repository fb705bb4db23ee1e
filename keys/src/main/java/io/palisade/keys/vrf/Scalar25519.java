package io.palisade.keys.vrf;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Scalars modulo the group order L = 2^252 + 27742317777372353535851937790883648493, as ref10's {@code sc_reduce} and
 * {@code sc_muladd}: 21-bit signed limbs in longs, the limbs above 2^252 folded down with L's low part, carries by
 * arithmetic shifts. No branch or table index depends on the values, so the nonce k and the secret scalar x go through
 * in constant time (BigInteger would not).
 */
final class Scalar25519 {
  static final BigInteger L = BigInteger.ONE.shiftLeft(252)
      .add(new BigInteger("27742317777372353535851937790883648493"));
  private static final long MASK = (1L << 21) - 1;
  // -L's low part in 21-bit limbs, as ref10 folds with them (2^252 = -(L - 2^252) mod L).
  private static final long[] FOLD = {666643, 470296, 654183, -997805, 136657, -683901};

  private Scalar25519() {}

  /** The 64-byte little-endian value reduced mod L, as 32 bytes. */
  static byte[] reduce(byte[] wide) {
    long[] s = new long[24];
    for (int i = 0; i < 23; i++) {
      s[i] = MASK & load(wide, 21 * i);
    }
    s[23] = load(wide, 21 * 23); // bits 483..511 (29 bits)
    byte[] out = reduceLimbs(s);
    Arrays.fill(s, 0);
    return out;
  }

  /** (a·b + c) mod L for 32-byte little-endian a, b, c (each below 2^256). */
  static byte[] mulAdd(byte[] a, byte[] b, byte[] c) {
    long[] la = limbs(a);
    long[] lb = limbs(b);
    long[] lc = limbs(c);
    long[] s = new long[24];
    for (int i = 0; i < 12; i++) {
      s[i] += lc[i];
      for (int j = 0; j < 12; j++) {
        s[i + j] += la[i] * lb[j];
      }
    }
    for (int i = 0; i <= 22; i += 2) {
      roundCarry(s, i);
    }
    for (int i = 1; i <= 21; i += 2) {
      roundCarry(s, i);
    }
    byte[] out = reduceLimbs(s);
    Arrays.fill(la, 0);
    Arrays.fill(lb, 0);
    Arrays.fill(lc, 0);
    Arrays.fill(s, 0);
    return out;
  }

  /** Whether the 32-byte little-endian s is below L (libsodium {@code sc25519_is_canonical}); public values only. */
  static boolean isCanonical(byte[] s, int off) {
    return toBig(s, off, 32).compareTo(L) < 0;
  }

  /** (L - c) mod L, for a public c. */
  static byte[] negateVar(byte[] c) {
    return fromBig(L.subtract(toBig(c, 0, c.length).mod(L)).mod(L));
  }

  static BigInteger toBig(byte[] le, int off, int len) {
    byte[] be = new byte[len + 1];
    for (int i = 0; i < len; i++) {
      be[len - i] = le[off + i];
    }
    return new BigInteger(be);
  }

  static byte[] fromBig(BigInteger v) {
    byte[] out = new byte[32];
    byte[] be = v.toByteArray();
    for (int i = 0; i < be.length && i < 32; i++) {
      out[i] = be[be.length - 1 - i];
    }
    return out;
  }

  private static long[] limbs(byte[] a) {
    long[] l = new long[12];
    for (int i = 0; i < 11; i++) {
      l[i] = MASK & load(a, 21 * i);
    }
    l[11] = load(a, 21 * 11); // bits 231..255 (25 bits)
    return l;
  }

  /** ref10's reduction of 24 signed limbs (the product or the wide input), after its first carries. */
  private static byte[] reduceLimbs(long[] s) {
    for (int i = 23; i >= 18; i--) {
      fold(s, i);
    }
    for (int i = 6; i <= 16; i += 2) {
      roundCarry(s, i);
    }
    for (int i = 7; i <= 15; i += 2) {
      roundCarry(s, i);
    }
    for (int i = 17; i >= 12; i--) {
      fold(s, i);
    }
    for (int i = 0; i <= 10; i += 2) {
      roundCarry(s, i);
    }
    for (int i = 1; i <= 11; i += 2) {
      roundCarry(s, i);
    }
    fold(s, 12);
    for (int i = 0; i <= 11; i++) {
      floorCarry(s, i);
    }
    fold(s, 12);
    for (int i = 0; i <= 10; i++) {
      floorCarry(s, i);
    }
    byte[] out = new byte[32];
    for (int i = 0; i < 12; i++) {
      int bit = 21 * i;
      int width = i == 11 ? 25 : 21;
      for (int k = 0; k < width && bit + k < 256; k++) {
        long b = (s[i] >>> k) & 1;
        out[(bit + k) >> 3] |= (byte) (b << ((bit + k) & 7));
      }
    }
    return out;
  }

  private static void fold(long[] s, int i) {
    long v = s[i];
    for (int k = 0; k < 6; k++) {
      s[i - 12 + k] += v * FOLD[k];
    }
    s[i] = 0;
  }

  private static void roundCarry(long[] s, int i) {
    long carry = (s[i] + (1L << 20)) >> 21;
    s[i + 1] += carry;
    s[i] -= carry << 21;
  }

  private static void floorCarry(long[] s, int i) {
    long carry = s[i] >> 21;
    s[i + 1] += carry;
    s[i] -= carry << 21;
  }

  /** Up to 64 bits of the little-endian number starting at bit {@code bit} (bytes past the end read as 0). */
  private static long load(byte[] b, int bit) {
    int byteIndex = bit >> 3;
    long v = 0;
    for (int k = 7; k >= 0; k--) {
      int idx = byteIndex + k;
      v = (v << 8) | (idx < b.length ? (b[idx] & 0xff) : 0);
    }
    return v >>> (bit & 7);
  }
}
