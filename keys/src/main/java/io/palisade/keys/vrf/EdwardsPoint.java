package io.palisade.keys.vrf;

import static io.palisade.keys.vrf.Field25519.create;
import static io.palisade.keys.vrf.Field25519.mul;
import static io.palisade.keys.vrf.Field25519.sqr;

import java.math.BigInteger;

/**
 * A point of edwards25519 in extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z, with the group law of
 * Hisil–Wong–Carter–Dawson as ref10 (and so libsodium) writes it: doubling into a "completed" point, then back to
 * projective (3 multiplications, T not needed by the next doubling) or extended (4); addition of a point in "cached"
 * form (Y+X, Y−X, 2Z, 2dT).
 *
 * <p>Mutable on purpose: the VRF evaluates hundreds of thousands of points per epoch on a small heap, so every
 * temporary lives in a caller-owned object and nothing is allocated per operation.
 */
final class EdwardsPoint {
  static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  /** d = -121665/121666. */
  static final long[] D = fromBig(BigInteger.valueOf(-121665).mod(P)
      .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P));
  static final long[] D2 = fromBig(toBig(D).shiftLeft(1).mod(P));
  /** sqrt(-1) = 2^((p-1)/4). */
  static final long[] SQRT_M1 = fromBig(BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P));

  final long[] x = create();
  final long[] y = create();
  final long[] z = create();
  final long[] t = create();

  /** A (Y+X, Y−X, 2Z, 2dT) form of a point, ready to be added. */
  static final class Cached {
    final long[] yPlusX = create();
    final long[] yMinusX = create();
    final long[] z2 = create();
    final long[] t2d = create();

    void setIdentity() {
      Field25519.one(yPlusX);
      Field25519.one(yMinusX);
      Field25519.zero(z2);
      z2[0] = 2;
      Field25519.zero(t2d);
    }

    /** this = {@code other} when {@code mask} is -1; constant time. */
    void cmov(Cached other, long mask) {
      Field25519.cmov(other.yPlusX, mask, yPlusX);
      Field25519.cmov(other.yMinusX, mask, yMinusX);
      Field25519.cmov(other.z2, mask, z2);
      Field25519.cmov(other.t2d, mask, t2d);
    }

    /** Negates this point when {@code bit} is 1: swap Y+X and Y−X, negate 2dT; constant time. */
    void cnegate(int bit) {
      long mask = -(long) bit;
      for (int i = 0; i < Field25519.LIMBS; i++) {
        long d = (yPlusX[i] ^ yMinusX[i]) & mask;
        yPlusX[i] ^= d;
        yMinusX[i] ^= d;
      }
      Field25519.cnegate(bit, t2d);
    }
  }

  /** The output of a doubling or addition, ((X:Z), (Y:T)), before the conversion back. */
  static final class Completed {
    final long[] x = create();
    final long[] y = create();
    final long[] z = create();
    final long[] t = create();
    final long[] tmp = create();
  }

  void setIdentity() {
    Field25519.zero(x);
    Field25519.one(y);
    Field25519.one(z);
    Field25519.zero(t);
  }

  void set(EdwardsPoint p) {
    Field25519.copy(p.x, x);
    Field25519.copy(p.y, y);
    Field25519.copy(p.z, z);
    Field25519.copy(p.t, t);
  }

  /** r = 2 * this (reads X, Y, Z only). */
  void dbl(Completed r) {
    sqr(x, r.x);
    sqr(y, r.z);
    sqr(z, r.t);
    Field25519.add(r.t, r.t, r.t);
    Field25519.add(x, y, r.y);
    sqr(r.y, r.tmp);
    Field25519.add(r.z, r.x, r.y);
    Field25519.sub(r.z, r.x, r.z);
    Field25519.sub(r.tmp, r.y, r.x);
    Field25519.sub(r.t, r.z, r.t);
  }

  /** r = this + q; this must be extended (T valid). */
  void add(Cached q, Completed r) {
    Field25519.add(y, x, r.x);
    Field25519.sub(y, x, r.y);
    mul(r.x, q.yPlusX, r.z);
    mul(r.y, q.yMinusX, r.y);
    mul(q.t2d, t, r.t);
    mul(z, q.z2, r.x);
    Field25519.copy(r.x, r.tmp);
    Field25519.sub(r.z, r.y, r.x);
    Field25519.add(r.z, r.y, r.y);
    Field25519.add(r.tmp, r.t, r.z);
    Field25519.sub(r.tmp, r.t, r.t);
  }

  /** r = this - q; this must be extended. */
  void sub(Cached q, Completed r) {
    Field25519.add(y, x, r.x);
    Field25519.sub(y, x, r.y);
    mul(r.x, q.yMinusX, r.z);
    mul(r.y, q.yPlusX, r.y);
    mul(q.t2d, t, r.t);
    mul(z, q.z2, r.x);
    Field25519.copy(r.x, r.tmp);
    Field25519.sub(r.z, r.y, r.x);
    Field25519.add(r.z, r.y, r.y);
    Field25519.sub(r.tmp, r.t, r.z);
    Field25519.add(r.tmp, r.t, r.t);
  }

  /** this = c as a projective point (T left stale: only a doubling may follow). */
  void setProjective(Completed c) {
    mul(c.x, c.t, x);
    mul(c.y, c.z, y);
    mul(c.z, c.t, z);
  }

  /** this = c as an extended point. */
  void setExtended(Completed c) {
    mul(c.x, c.t, x);
    mul(c.y, c.z, y);
    mul(c.z, c.t, z);
    mul(c.x, c.y, t);
  }

  /** r = this in cached form; this must be extended. */
  void toCached(Cached r) {
    Field25519.add(y, x, r.yPlusX);
    Field25519.carry(r.yPlusX);
    Field25519.sub(y, x, r.yMinusX);
    Field25519.add(z, z, r.z2);
    Field25519.carry(r.z2);
    mul(t, D2, r.t2d);
  }

  /** this = 8 * this (the cofactor), through three doublings. */
  void mulByCofactor(Completed c) {
    dbl(c);
    setProjective(c);
    dbl(c);
    setProjective(c);
    dbl(c);
    setExtended(c);
  }

  /** The 32-byte RFC 8032 encoding (one inversion): y, with the sign of x in the top bit. */
  void encode(byte[] out, int off) {
    long[] zi = create();
    long[] ax = create();
    long[] ay = create();
    FieldPowers.invert(z, zi);
    mul(x, zi, ax);
    mul(y, zi, ay);
    encodeAffine(ax, ay, out, off);
  }

  static void encodeAffine(long[] ax, long[] ay, byte[] out, int off) {
    encodeAffine(ax, ay, out, off, new byte[32]);
  }

  /** {@link #encodeAffine} with a 32-byte scratch buffer. */
  static void encodeAffine(long[] ax, long[] ay, byte[] out, int off, byte[] scratch) {
    FieldEncoding.encode(ay, out, off);
    out[off + 31] ^= (byte) (FieldEncoding.isNegative(ax, scratch) << 7);
  }

  /**
   * Decodes as libsodium's {@code ge25519_frombytes}: y from 255 bits (not checked canonical here), x the square root
   * of (y²−1)/(dy²+1) with the sign of the top bit (x = 0 is accepted with either sign). Variable time: for public
   * points only.
   *
   * @return false when no such x exists (not a point)
   */
  boolean decodeVar(byte[] in, int off) {
    long[] u = create();
    long[] v = create();
    long[] v3 = create();
    long[] vxx = create();
    long[] check = create();
    FieldEncoding.decode(in, off, y);
    Field25519.one(z);
    sqr(y, u);
    mul(u, D, v);
    Field25519.sub(u, z, u);
    Field25519.add(v, z, v);
    Field25519.carry(v);
    sqr(v, v3);
    mul(v3, v, v3);
    sqr(v3, x);
    mul(x, v, x);
    mul(x, u, x);
    FieldPowers.pow22523(x, x);
    mul(x, v3, x);
    mul(x, u, x);
    sqr(x, vxx);
    mul(vxx, v, vxx);
    Field25519.sub(vxx, u, check);
    boolean mRoot = FieldEncoding.isZero(check) != 0;
    Field25519.add(vxx, u, check);
    boolean pRoot = FieldEncoding.isZero(check) != 0;
    if (!mRoot) {
      mul(x, SQRT_M1, x);
    }
    if ((FieldEncoding.isNegative(x) ^ ((in[off + 31] >> 7) & 1)) != 0) {
      Field25519.negate(x, x);
    }
    mul(x, y, t);
    return mRoot || pRoot;
  }

  static long[] fromBig(BigInteger v) {
    byte[] le = new byte[32];
    byte[] be = v.toByteArray();
    for (int i = 0; i < be.length && i < 32; i++) {
      le[i] = be[be.length - 1 - i];
    }
    long[] z = create();
    FieldEncoding.decode(le, 0, z);
    return z;
  }

  static BigInteger toBig(long[] x) {
    byte[] le = new byte[32];
    FieldEncoding.encode(x, le, 0);
    byte[] be = new byte[33];
    for (int i = 0; i < 32; i++) {
      be[32 - i] = le[i];
    }
    return new BigInteger(be);
  }
}
