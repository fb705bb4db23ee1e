package io.palisade.keys.vrf;

import java.util.Arrays;

/**
 * Constant-time scalar multiplication on edwards25519, ref10's method: the scalar as 64 signed radix-16 digits in
 * [-8, 8], a table of 1P..8P in cached form read with a constant-time select (every entry is touched, the sign applied
 * by a conditional negation), four doublings and one addition per digit. The fixed base uses {@link BaseTable}: 64
 * mixed additions and four doublings.
 *
 * <p>One instance owns its temporaries (nothing is allocated per multiplication) and is not thread-safe. The digits of
 * the secret scalar are wiped after each multiplication.
 */
final class ScalarMultiplier {
  private final EdwardsPoint.Cached[] table = new EdwardsPoint.Cached[8];
  private final EdwardsPoint.Cached selected = new EdwardsPoint.Cached();
  private final EdwardsPoint.Completed completed = new EdwardsPoint.Completed();
  private final EdwardsPoint multiple = new EdwardsPoint();
  private final EdwardsPoint other = new EdwardsPoint();
  private final BaseTable.Niels niels = new BaseTable.Niels();
  private final byte[] digits = new byte[64];

  ScalarMultiplier() {
    for (int i = 0; i < table.length; i++) {
      table[i] = new EdwardsPoint.Cached();
    }
  }

  /**
   * out = k * p, constant time in k.
   *
   * @param k a 32-byte little-endian scalar below 2^255 (clamped secret scalars, or values reduced mod L)
   * @param p an extended point; {@code out} may be {@code p}
   */
  void mul(byte[] k, EdwardsPoint p, EdwardsPoint out) {
    recode(k, digits);
    buildTable(p);
    out.setIdentity();
    for (int i = 63; i >= 0; i--) {
      if (i != 63) {
        out.dbl(completed);
        out.setProjective(completed);
        out.dbl(completed);
        out.setProjective(completed);
        out.dbl(completed);
        out.setProjective(completed);
        out.dbl(completed);
        out.setExtended(completed);
      }
      select(digits[i]);
      out.add(selected, completed);
      if (i != 0) {
        out.setProjective(completed);
      } else {
        out.setExtended(completed);
      }
    }
    Arrays.fill(digits, (byte) 0);
  }

  /** out = k * B (the base point), constant time in k; k as for {@link #mul}. */
  void mulBase(byte[] k, EdwardsPoint out) {
    recode(k, digits);
    out.setIdentity();
    for (int i = 1; i < 64; i += 2) {
      BaseTable.select(i / 2, digits[i], niels);
      niels.addTo(out, completed);
      out.setExtended(completed);
    }
    out.dbl(completed);
    out.setProjective(completed);
    out.dbl(completed);
    out.setProjective(completed);
    out.dbl(completed);
    out.setProjective(completed);
    out.dbl(completed);
    out.setExtended(completed);
    for (int i = 0; i < 64; i += 2) {
      BaseTable.select(i / 2, digits[i], niels);
      niels.addTo(out, completed);
      out.setExtended(completed);
    }
    Arrays.fill(digits, (byte) 0);
  }

  /** Signed radix-16 digits e[0..63] with k = sum e[i] 16^i, each in [-8, 7] except e[63] in [-8, 8]. */
  static void recode(byte[] k, byte[] e) {
    for (int i = 0; i < 32; i++) {
      e[2 * i] = (byte) (k[i] & 15);
      e[2 * i + 1] = (byte) ((k[i] >>> 4) & 15);
    }
    int carry = 0;
    for (int i = 0; i < 63; i++) {
      int v = e[i] + carry;
      carry = (v + 8) >> 4;
      e[i] = (byte) (v - (carry << 4));
    }
    e[63] += (byte) carry;
  }

  private void buildTable(EdwardsPoint p) {
    // table[j] = (j+1) P: three doublings and four additions.
    p.toCached(table[0]);
    p.dbl(completed);
    multiple.setExtended(completed); // 2P
    multiple.toCached(table[1]);
    multiple.add(table[0], completed);
    other.setExtended(completed); // 3P
    other.toCached(table[2]);
    other.dbl(completed);
    other.setExtended(completed); // 6P
    other.toCached(table[5]);
    other.add(table[0], completed);
    other.setExtended(completed); // 7P
    other.toCached(table[6]);
    multiple.dbl(completed);
    multiple.setExtended(completed); // 4P
    multiple.toCached(table[3]);
    multiple.add(table[0], completed);
    other.setExtended(completed); // 5P
    other.toCached(table[4]);
    multiple.dbl(completed);
    multiple.setExtended(completed); // 8P
    multiple.toCached(table[7]);
  }

  private void select(byte b) {
    int negative = (b >> 7) & 1;
    int abs = b - ((-negative & b) << 1);
    selected.setIdentity();
    for (int j = 0; j < 8; j++) {
      selected.cmov(table[j], equal(abs, j + 1));
    }
    selected.cnegate(negative);
  }

  /** -1 if a == b, else 0, for small non-negative ints; constant time. */
  static long equal(int a, int b) {
    int x = a ^ b;
    return (long) ((x - 1) >> 31);
  }
}
