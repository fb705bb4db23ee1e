package io.palisade.keys.vrf;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * VRF outputs without proofs, many at a time: what a leader schedule needs (432,000 per mainnet epoch). Per message:
 * one SHA-512, the one-exponentiation Elligator 2 of {@link Elligator2.Mapper}, three doublings, one constant-time
 * scalar multiplication by the secret x, three doublings, one SHA-512. The two inversions each message still needs
 * (the sign of the hashed point's x, and the affine Gamma for its encoding) are shared by the whole batch with
 * Montgomery's trick: one exponentiation per {@value #SIZE} messages.
 *
 * <p>The result is exactly {@code proof_to_hash(prove(alpha))}: 8·Gamma = 64·x·P where P is the hashed point with an
 * even x; the map finds P up to the sign of x, and negating P negates 8·Gamma, which flips only the sign bit of its
 * encoding. The tests compare the two paths.
 *
 * <p>Not thread-safe; allocates nothing per message.
 */
final class VrfBatch {
  static final int SIZE = 64;
  private final Elligator2.Mapper mapper = new Elligator2.Mapper();
  private final ScalarMultiplier multiplier;
  private final MessageDigest sha512;
  private final EdwardsPoint hashed = new EdwardsPoint();
  private final EdwardsPoint.Completed completed = new EdwardsPoint.Completed();
  private final EdwardsPoint[] gamma8 = new EdwardsPoint[SIZE];
  private final long[][] xNum = new long[SIZE][];
  private final long[][] values = new long[2 * SIZE][];
  private final long[][] prefix = new long[2 * SIZE][];
  private final long[][] inverses = new long[2 * SIZE][];
  private final boolean[] exact = new boolean[SIZE];
  private final long[] inv = Field25519.create();
  private final long[] tmp = Field25519.create();
  private final long[] ax = Field25519.create();
  private final long[] ay = Field25519.create();
  private final long[][] invTemps = new long[5][];
  private final byte[] wide = new byte[64];
  private final byte[] r = new byte[32];
  private final byte[] enc = new byte[34];
  private final byte[] scratch = new byte[32];

  VrfBatch(ScalarMultiplier multiplier) {
    this.multiplier = multiplier;
    try {
      this.sha512 = MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (int i = 0; i < SIZE; i++) {
      gamma8[i] = new EdwardsPoint();
      xNum[i] = Field25519.create();
    }
    for (int i = 0; i < 2 * SIZE; i++) {
      values[i] = Field25519.create();
      prefix[i] = Field25519.create();
      inverses[i] = Field25519.create();
    }
    for (int i = 0; i < invTemps.length; i++) {
      invTemps[i] = Field25519.create();
    }
  }

  /**
   * Writes the 64-byte outputs of {@code count} (at most {@value #SIZE}) messages of {@code alphaLen} bytes each,
   * packed in {@code alphas} from {@code alphaOff}, to {@code out} from {@code outOff}.
   */
  void run(byte[] pk, byte[] x, byte[] alphas, int alphaOff, int alphaLen, int count, byte[] out, int outOff) {
    if (count < 1 || count > SIZE) {
      throw new IllegalArgumentException("batch of 1.." + SIZE + ", was " + count);
    }
    for (int i = 0; i < count; i++) {
      Elligator2.hashInput(sha512, pk, alphas, alphaOff + i * alphaLen, alphaLen, wide, r);
      long[] xDen = values[2 * i];
      if (mapper.map(r, hashed, xNum[i], xDen)) {
        exact[i] = false;
      } else {
        // The projective map cannot express this input (u = -1): take the literal path, already sign-exact.
        byte[] h = Elligator2.fromUniform(r);
        hashed.decodeVar(h, 0);
        Field25519.zero(xNum[i]);
        Field25519.one(xDen);
        exact[i] = true;
      }
      if (!exact[i]) {
        hashed.mulByCofactor(completed);
      }
      multiplier.mul(x, hashed, gamma8[i]);
      gamma8[i].mulByCofactor(completed);
      Field25519.copy(gamma8[i].z, values[2 * i + 1]);
    }
    invertAll(2 * count);
    for (int i = 0; i < count; i++) {
      boolean flip = false;
      if (!exact[i]) {
        Field25519.mul(xNum[i], inverses[2 * i], tmp);
        flip = FieldEncoding.isNegative(tmp, scratch) == 1;
      }
      Field25519.mul(gamma8[i].x, inverses[2 * i + 1], ax);
      Field25519.mul(gamma8[i].y, inverses[2 * i + 1], ay);
      enc[0] = PraosVrf.SUITE;
      enc[1] = 0x03;
      EdwardsPoint.encodeAffine(ax, ay, enc, 2, scratch);
      if (flip && FieldEncoding.isZero(ax, scratch) == 0) {
        enc[33] ^= (byte) 0x80;
      }
      sha512.reset();
      sha512.update(enc, 0, 34);
      try {
        sha512.digest(out, outOff + i * VrfOutput.BYTES, VrfOutput.BYTES);
      } catch (DigestException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** inverses[j] = 1/values[j] for j < n, with one field inversion (Montgomery's trick). */
  private void invertAll(int n) {
    Field25519.copy(values[0], prefix[0]);
    for (int j = 1; j < n; j++) {
      Field25519.mul(prefix[j - 1], values[j], prefix[j]);
    }
    FieldPowers.invert(prefix[n - 1], inv, invTemps[0], invTemps[1], invTemps[2], invTemps[3], invTemps[4]);
    for (int j = n - 1; j > 0; j--) {
      Field25519.mul(inv, prefix[j - 1], inverses[j]);
      Field25519.mul(inv, values[j], inv);
    }
    Field25519.copy(inv, inverses[0]);
  }
}
