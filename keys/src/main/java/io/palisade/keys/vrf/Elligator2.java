package io.palisade.keys.vrf;

import static io.palisade.keys.vrf.Field25519.create;
import static io.palisade.keys.vrf.Field25519.mul;
import static io.palisade.keys.vrf.Field25519.sqr;

import java.math.BigInteger;

/**
 * The draft-03 hash to curve of Cardano's VRF: r = SHA-512(0x04 ‖ 0x01 ‖ pk ‖ alpha)[0..32) with bit 255 cleared (the
 * IntersectMBO libsodium fork clears it in {@code _vrf_ietfdraft03_hash_to_curve_elligator2_25519}, so the sign of x
 * is always "positive"), then libsodium's {@code ge25519_from_uniform}: Elligator 2 onto Curve25519 (u = -A/(1+2r²),
 * or -u-A when g(u) is not a square), y = (u-1)/(u+1), x the even root, and the point multiplied by the cofactor 8.
 *
 * <p>{@link #fromUniform} is the literal port (four exponentiations), used by prove and verify. {@link Mapper} gets the
 * same point with one exponentiation: one inverse square root gives both the Legendre symbol and the Montgomery v,
 * the Edwards x comes from x = sqrt(-486664)·u/v, and its sign is fixed later (batched with the other inversions) by
 * the caller, see {@link VrfBatch}. The inputs here are public (derived from the public key and alpha): variable time
 * is fine in this class.
 */
final class Elligator2 {
  private static final BigInteger P = EdwardsPoint.P;
  static final long[] A = Field25519.of(486662);
  private static final long[] A_SQUARED = EdwardsPoint.fromBig(BigInteger.valueOf(486662).pow(2).mod(P));
  private static final long[] MINUS_A = EdwardsPoint.fromBig(P.subtract(BigInteger.valueOf(486662)));
  private static final long[] MINUS_2A = EdwardsPoint.fromBig(P.subtract(BigInteger.valueOf(2 * 486662)));
  /** sqrt(-486664), the scaling of the Montgomery-to-Edwards map (either root will do: the sign is fixed later). */
  private static final long[] SQRT_M486664 = EdwardsPoint.fromBig(sqrt(P.subtract(BigInteger.valueOf(486664))));
  private static final long[] ONE_PLUS_I = Field25519.create();
  private static final long[] ONE_MINUS_I = Field25519.create();

  static {
    Field25519.add(Field25519.of(1), EdwardsPoint.SQRT_M1, ONE_PLUS_I);
    Field25519.carry(ONE_PLUS_I);
    Field25519.sub(Field25519.of(1), EdwardsPoint.SQRT_M1, ONE_MINUS_I);
  }

  private Elligator2() {}

  /** r: the first 32 bytes of SHA-512(0x04 ‖ 0x01 ‖ pk ‖ alpha), top bit cleared; written to {@code r}. */
  static void hashInput(java.security.MessageDigest sha512, byte[] pk, byte[] alpha, int alphaOff, int alphaLen,
      byte[] wide, byte[] r) {
    sha512.reset();
    sha512.update(PraosVrf.SUITE);
    sha512.update((byte) 0x01);
    sha512.update(pk, 0, 32);
    sha512.update(alpha, alphaOff, alphaLen);
    try {
      sha512.digest(wide, 0, 64);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException(e);
    }
    System.arraycopy(wide, 0, r, 0, 32);
    r[31] &= 0x7f;
  }

  /** libsodium's {@code ge25519_from_uniform} (the version in Cardano's fork), literally: the 32-byte point H. */
  static byte[] fromUniform(byte[] r) {
    long[] rr2 = create();
    long[] x = create();
    long[] x2 = create();
    long[] x3 = create();
    long[] e = create();
    FieldEncoding.decode(r, 0, rr2);
    sqr(rr2, rr2);
    Field25519.add(rr2, rr2, rr2);
    rr2[0] += 1;
    Field25519.carry(rr2);
    FieldPowers.invert(rr2, rr2);
    mul(A, rr2, x);
    Field25519.negate(x, x);
    sqr(x, x2);
    mul(x, x2, x3);
    Field25519.add(x3, x, e);
    mul(x2, A, x2);
    Field25519.add(x2, e, e);
    Field25519.carry(e);
    chi(e, e);
    byte[] s = new byte[32];
    FieldEncoding.encode(e, s, 0);
    if ((s[1] & 1) != 0) { // e = -1: g(u) is not a square, take u = -u - A
      Field25519.negate(x, x);
      Field25519.sub(x, A, x);
    }
    long[] one = Field25519.of(1);
    long[] plus = create();
    long[] minus = create();
    Field25519.add(x, one, plus);
    Field25519.carry(plus);
    Field25519.sub(x, one, minus);
    FieldPowers.invert(plus, plus);
    mul(minus, plus, x);
    FieldEncoding.encode(x, s, 0); // y, sign bit 0 (r's top bit was cleared)
    EdwardsPoint p = new EdwardsPoint();
    if (!p.decodeVar(s, 0)) {
      throw new IllegalStateException("Elligator 2 produced a y with no x"); // libsodium aborts here too
    }
    p.mulByCofactor(new EdwardsPoint.Completed());
    byte[] out = new byte[32];
    p.encode(out, 0);
    return out;
  }

  /** e^((p-1)/2): 1 for a non-zero square, -1 for a non-square, 0 for 0. */
  static void chi(long[] x, long[] z) {
    long[] t = create();
    long[] x2 = create();
    // (p-1)/2 = 4 * (p-5)/8 + 2
    FieldPowers.pow22523(x, t);
    sqr(t, 2, t);
    sqr(x, x2);
    mul(t, x2, z);
  }

  /** The one-exponentiation map, with caller-owned temporaries; one instance per thread. */
  static final class Mapper {
    private final long[] r = create();
    private final long[] r2 = create();
    private final long[] w = create();
    private final long[] n = create();
    private final long[] dn = create();
    private final long[] d3 = create();
    private final long[] d7 = create();
    private final long[] t = create();
    private final long[] check = create();
    private final long[] ni = create();
    private final long[] u = create();
    private final long[] v = create();
    private final long[] e = create();
    private final long[] f = create();
    private final long[] t0 = create();
    private final long[] t1 = create();
    private final long[] t2 = create();
    private final byte[] scratch = new byte[32];

    /**
     * The point before its cofactor is cleared, P' = (±x, y), with x = a/b: the caller fixes the sign of x once b is
     * inverted (x must be even).
     *
     * @return false in the cases the projective formulas cannot express (u = -1; never met by a hash output in
     *     practice): the caller then uses {@link #fromUniform}
     */
    boolean map(byte[] rBytes, EdwardsPoint out, long[] a, long[] b) {
      FieldEncoding.decode(rBytes, 0, r);
      sqr(r, r2);
      Field25519.add(r2, r2, w);
      w[0] += 1;
      Field25519.carry(w);
      // g(u1) = N / w^3 with u1 = -A/w and N = -A (w^2 - A^2 w + A^2)
      sqr(w, t0);
      mul(A_SQUARED, w, t1);
      Field25519.sub(t0, t1, n);
      Field25519.add(n, A_SQUARED, n);
      Field25519.carry(n);
      mul(n, MINUS_A, n);
      mul(t0, w, dn);
      // t = N dn^3 (N dn^7)^((p-5)/8), a square root of N/dn up to a fourth root of unity
      sqr(dn, t1);
      mul(t1, dn, d3);
      sqr(t1, t2);
      mul(t2, d3, d7);
      mul(n, d7, t);
      FieldPowers.pow22523(t, t, t0, t1, t2);
      mul(t, d3, t);
      mul(t, n, t);
      sqr(t, check);
      mul(check, dn, check);
      mul(n, EdwardsPoint.SQRT_M1, ni);
      boolean square;
      if (FieldEncoding.equalsVar(check, n, t0, scratch)) {
        Field25519.copy(t, v);
        square = true;
      } else if (isNegationOf(check, n)) {
        mul(t, EdwardsPoint.SQRT_M1, v);
        square = true;
      } else if (FieldEncoding.equalsVar(check, ni, t0, scratch)) {
        mul(t, ONE_MINUS_I, v);
        mul(v, r, v);
        square = false;
      } else if (isNegationOf(check, ni)) {
        mul(t, ONE_PLUS_I, v);
        mul(v, r, v);
        square = false;
      } else {
        return false;
      }
      if (square) {
        Field25519.copy(MINUS_A, u); // u = -A / w
      } else {
        mul(r2, MINUS_2A, u); // u = -2A r^2 / w
      }
      // x = c u / v = (c U) / (w v) = a / b ; y = (u - 1)/(u + 1) = (U - w)/(U + w) = e / f
      mul(SQRT_M486664, u, a);
      mul(w, v, b);
      Field25519.sub(u, w, e);
      Field25519.add(u, w, f);
      Field25519.carry(f);
      if (FieldEncoding.isZero(b, scratch) != 0 || FieldEncoding.isZero(f, scratch) != 0) {
        return false;
      }
      mul(a, f, out.x);
      mul(e, b, out.y);
      mul(b, f, out.z);
      mul(a, e, out.t);
      return true;
    }

    private boolean isNegationOf(long[] x, long[] y) {
      Field25519.add(x, y, t0);
      Field25519.carry(t0);
      return FieldEncoding.isZero(t0, scratch) != 0;
    }
  }

  /** A square root mod p (p = 5 mod 8); the argument must be a square. */
  private static BigInteger sqrt(BigInteger a) {
    BigInteger candidate = a.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
    if (candidate.pow(2).subtract(a).mod(P).signum() != 0) {
      candidate = candidate.multiply(EdwardsPoint.toBig(EdwardsPoint.SQRT_M1)).mod(P);
    }
    if (candidate.pow(2).subtract(a).mod(P).signum() != 0) {
      throw new IllegalStateException("not a square");
    }
    return candidate;
  }
}
