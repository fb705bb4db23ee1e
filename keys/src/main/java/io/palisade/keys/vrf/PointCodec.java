package io.palisade.keys.vrf;

import java.util.HexFormat;

/**
 * The two checks libsodium makes on a point encoding before decoding it, byte for byte as
 * {@code ge25519_is_canonical} and {@code ge25519_has_small_order} (ed25519_ref10.c) make them: the y coordinate is
 * below p, and y is not one of the seven values (0, 1, p−1, the two y of the order-8 points, and the non-canonical p
 * and p+1) whose points have small order. Both look at y only; the sign bit is ignored, as in libsodium.
 */
final class PointCodec {
  private static final byte[][] SMALL_ORDER_Y = {
      y("0000000000000000000000000000000000000000000000000000000000000000"),
      y("0100000000000000000000000000000000000000000000000000000000000000"),
      y("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
      y("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
      y("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
      y("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
      y("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
  };

  private PointCodec() {}

  /** Whether y (the low 255 bits) is below p = 2^255 − 19. */
  static boolean isCanonical(byte[] s, int off) {
    if ((s[off + 31] & 0x7f) != 0x7f) {
      return true;
    }
    for (int i = 30; i > 0; i--) {
      if ((s[off + i] & 0xff) != 0xff) {
        return true;
      }
    }
    return (s[off] & 0xff) < 0xed;
  }

  /** Whether y is one of the blacklisted small-order values (sign bit ignored). */
  static boolean hasSmallOrder(byte[] s, int off) {
    for (byte[] bad : SMALL_ORDER_Y) {
      boolean same = (s[off + 31] & 0x7f) == bad[31];
      for (int i = 0; i < 31 && same; i++) {
        same = s[off + i] == bad[i];
      }
      if (same) {
        return true;
      }
    }
    return false;
  }

  private static byte[] y(String hex) {
    return HexFormat.of().parseHex(hex);
  }
}
