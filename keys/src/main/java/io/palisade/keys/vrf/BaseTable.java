package io.palisade.keys.vrf;

import java.math.BigInteger;

/**
 * The precomputed multiples of the base point B for fixed-base multiplication (ref10's layout): row i holds
 * (j+1)·256^i·B for j = 0..7, affine, as (y+x, y−x, 2dxy). Computed once when the class loads (256 points, a few
 * milliseconds) rather than shipped as a constant table, so there is no table to mistype.
 */
final class BaseTable {
  private static final int ENTRY = 3 * Field25519.LIMBS;
  private static final long[] TABLE = new long[32 * 8 * ENTRY];
  /** The base point: y = 4/5, x even. */
  static final EdwardsPoint B = new EdwardsPoint();

  static {
    BigInteger p = EdwardsPoint.P;
    BigInteger y = BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(p)).mod(p);
    byte[] enc = new byte[32];
    FieldEncoding.encode(EdwardsPoint.fromBig(y), enc, 0);
    if (!B.decodeVar(enc, 0)) {
      throw new IllegalStateException("base point does not decode");
    }
    EdwardsPoint row = new EdwardsPoint();
    row.set(B);
    EdwardsPoint multiple = new EdwardsPoint();
    EdwardsPoint.Cached rowCached = new EdwardsPoint.Cached();
    EdwardsPoint.Completed c = new EdwardsPoint.Completed();
    for (int i = 0; i < 32; i++) {
      row.toCached(rowCached);
      multiple.set(row);
      for (int j = 0; j < 8; j++) {
        store(i, j, multiple);
        multiple.add(rowCached, c);
        multiple.setExtended(c);
      }
      for (int d = 0; d < 8; d++) {
        row.dbl(c);
        row.setExtended(c);
      }
    }
  }

  private BaseTable() {}

  private static void store(int row, int j, EdwardsPoint q) {
    long[] zi = Field25519.create();
    long[] x = Field25519.create();
    long[] y = Field25519.create();
    long[] v = Field25519.create();
    FieldPowers.invert(q.z, zi);
    Field25519.mul(q.x, zi, x);
    Field25519.mul(q.y, zi, y);
    int at = (row * 8 + j) * ENTRY;
    Field25519.add(y, x, v);
    Field25519.carry(v);
    System.arraycopy(v, 0, TABLE, at, Field25519.LIMBS);
    Field25519.sub(y, x, v);
    System.arraycopy(v, 0, TABLE, at + Field25519.LIMBS, Field25519.LIMBS);
    Field25519.mul(x, y, v);
    Field25519.mul(v, EdwardsPoint.D2, v);
    System.arraycopy(v, 0, TABLE, at + 2 * Field25519.LIMBS, Field25519.LIMBS);
  }

  /** An affine point as (y+x, y−x, 2dxy), ready for a mixed addition. */
  static final class Niels {
    final long[] yPlusX = Field25519.create();
    final long[] yMinusX = Field25519.create();
    final long[] xy2d = Field25519.create();

    /** r = p + this; p must be extended. */
    void addTo(EdwardsPoint p, EdwardsPoint.Completed r) {
      Field25519.add(p.y, p.x, r.x);
      Field25519.sub(p.y, p.x, r.y);
      Field25519.mul(r.x, yPlusX, r.z);
      Field25519.mul(r.y, yMinusX, r.y);
      Field25519.mul(xy2d, p.t, r.t);
      Field25519.add(p.z, p.z, r.tmp);
      Field25519.sub(r.z, r.y, r.x);
      Field25519.add(r.z, r.y, r.y);
      Field25519.add(r.tmp, r.t, r.z);
      Field25519.sub(r.tmp, r.t, r.t);
    }
  }

  /** out = digit · 256^row · B for a digit in [-8, 8]; constant time (reads all eight entries of the row). */
  static void select(int row, byte digit, Niels out) {
    int negative = (digit >> 7) & 1;
    int abs = digit - ((-negative & digit) << 1);
    Field25519.one(out.yPlusX);
    Field25519.one(out.yMinusX);
    Field25519.zero(out.xy2d);
    for (int j = 0; j < 8; j++) {
      long mask = ScalarMultiplier.equal(abs, j + 1);
      int at = (row * 8 + j) * ENTRY;
      for (int i = 0; i < Field25519.LIMBS; i++) {
        out.yPlusX[i] ^= (out.yPlusX[i] ^ TABLE[at + i]) & mask;
        out.yMinusX[i] ^= (out.yMinusX[i] ^ TABLE[at + Field25519.LIMBS + i]) & mask;
        out.xy2d[i] ^= (out.xy2d[i] ^ TABLE[at + 2 * Field25519.LIMBS + i]) & mask;
      }
    }
    long swap = -(long) negative;
    for (int i = 0; i < Field25519.LIMBS; i++) {
      long d = (out.yPlusX[i] ^ out.yMinusX[i]) & swap;
      out.yPlusX[i] ^= d;
      out.yMinusX[i] ^= d;
    }
    Field25519.cnegate(negative, out.xy2d);
  }
}
