package io.palisade.keys.vrf;

import static io.palisade.keys.vrf.Field25519.create;
import static io.palisade.keys.vrf.Field25519.mul;
import static io.palisade.keys.vrf.Field25519.sqr;

/**
 * The two fixed powers the curve code needs of a field element mod p = 2^255 - 19: x^((p-5)/8) (square roots and
 * inverse square roots) and x^(p-2) (inversion), as ref10's addition chains over {@link Field25519}'s products.
 *
 * <p>Kept apart from the limb arithmetic because they are built from it, not part of it: a fixed sequence of squarings
 * and products whose length does not depend on x, so they are constant time exactly as {@code mul} and {@code sqr}
 * are. The overloads with caller-provided temporaries keep the hot paths (hashing to the curve, batch inversion)
 * allocation-free.
 */
final class FieldPowers {
  private FieldPowers() {}

  /** z = x^((p-5)/8), the core of square roots and inverse square roots (addition chain as in ref10). */
  static void pow22523(long[] x, long[] z) {
    pow22523(x, z, create(), create(), create());
  }

  /** {@link #pow22523} with caller-provided temporaries (none may alias x or z), for allocation-free hot paths. */
  static void pow22523(long[] x, long[] z, long[] t0, long[] t1, long[] t2) {
    sqr(x, t0);
    sqr(t0, 2, t1);
    mul(x, t1, t1);
    mul(t0, t1, t0);
    sqr(t0, t0);
    mul(t1, t0, t0);
    sqr(t0, 5, t1);
    mul(t1, t0, t0);
    sqr(t0, 10, t1);
    mul(t1, t0, t1);
    sqr(t1, 20, t2);
    mul(t2, t1, t1);
    sqr(t1, 10, t1);
    mul(t1, t0, t0);
    sqr(t0, 50, t1);
    mul(t1, t0, t1);
    sqr(t1, 100, t2);
    mul(t2, t1, t1);
    sqr(t1, 50, t1);
    mul(t1, t0, t0);
    sqr(t0, 2, t0);
    mul(t0, x, z);
  }

  /** z = 1/x = x^(p-2); 0 maps to 0 (as libsodium's fe25519_invert does). */
  static void invert(long[] x, long[] z) {
    invert(x, z, create(), create(), create(), create(), create());
  }

  /** {@link #invert} with caller-provided temporaries (none may alias x or z). */
  static void invert(long[] x, long[] z, long[] t, long[] x11, long[] t0, long[] t1, long[] t2) {
    // x^(p-2) = (x^((p-5)/8))^8 * x^3: p-2 = 8 * (p-5)/8 + 3.
    pow22523(x, t, t0, t1, t2);
    sqr(t, 3, t);
    sqr(x, x11);
    mul(x11, x, x11);
    mul(t, x11, z);
  }
}
