package io.palisade.keys.vrf;

import io.palisade.keys.VrfSigningKey;
import io.palisade.keys.VrfVerificationKey;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A VRF signing key expanded for use, as libsodium's {@code vrf_expand_sk} does: x = the clamped first half of
 * SHA-512(seed) (the secret scalar), the second half kept for nonces. Proves ({@link #prove}), and computes outputs
 * without proofs ({@link #output}, {@link #outputs}) for schedules: the same 64 bytes as
 * {@code prove(alpha).output()}, several times faster.
 *
 * <p>Secret handling: the expanded secrets live only in this object and are wiped by {@link #close}; the signing key's
 * bytes are wiped as soon as they are expanded. Every operation on x and on the nonce is constant time. Nothing
 * secret appears in {@link #toString} or in an exception. Not thread-safe: one evaluator per thread.
 */
public final class VrfEvaluator implements AutoCloseable {
  private final byte[] pk;
  private final byte[] x = new byte[32];
  private final byte[] nonceKey = new byte[32];
  private final EdwardsPoint publicPoint = new EdwardsPoint();
  private final ScalarMultiplier multiplier = new ScalarMultiplier();
  private final VrfBatch batch = new VrfBatch(multiplier);
  private final MessageDigest sha512;
  private boolean closed;

  private VrfEvaluator(byte[] skpk) {
    try {
      sha512 = MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    sha512.update(skpk, 0, 32);
    byte[] h = sha512.digest();
    h[0] &= (byte) 248;
    h[31] &= 127;
    h[31] |= 64;
    System.arraycopy(h, 0, x, 0, 32);
    System.arraycopy(h, 32, nonceKey, 0, 32);
    Arrays.fill(h, (byte) 0);
    pk = Arrays.copyOfRange(skpk, 32, 64);
    if (!PointCodec.isCanonical(pk, 0) || !publicPoint.decodeVar(pk, 0)) {
      close();
      throw new IllegalArgumentException("the VRF key's public half is not a point"); // VrfSigningKey prevents it
    }
  }

  /** Expands {@code key} (the key itself stays usable; close it separately). */
  public static VrfEvaluator of(VrfSigningKey key) {
    byte[] skpk = key.revealBytes();
    try {
      return new VrfEvaluator(skpk);
    } finally {
      Arrays.fill(skpk, (byte) 0);
    }
  }

  /** The verification key. */
  public VrfVerificationKey verificationKey() {
    return new VrfVerificationKey(pk);
  }

  /** The 80-byte proof for {@code alpha} ({@code crypto_vrf_ietfdraft03_prove}). */
  public VrfProof prove(byte[] alpha) {
    checkOpen();
    byte[] wide = new byte[64];
    byte[] r = new byte[32];
    Elligator2.hashInput(sha512, pk, alpha, 0, alpha.length, wide, r);
    byte[] h = Elligator2.fromUniform(r);
    EdwardsPoint hashed = new EdwardsPoint();
    hashed.decodeVar(h, 0);
    EdwardsPoint gamma = new EdwardsPoint();
    multiplier.mul(x, hashed, gamma);
    sha512.reset();
    sha512.update(nonceKey);
    sha512.update(h);
    byte[] kWide = sha512.digest();
    byte[] k = Scalar25519.reduce(kWide);
    Arrays.fill(kWide, (byte) 0);
    EdwardsPoint kb = new EdwardsPoint();
    EdwardsPoint kh = new EdwardsPoint();
    multiplier.mulBase(k, kb);
    multiplier.mul(k, hashed, kh);
    byte[] pi = new byte[VrfProof.BYTES];
    gamma.encode(pi, 0);
    byte[] c = PraosVrf.challenge(h, pi, kb, kh);
    System.arraycopy(c, 0, pi, 32, 16);
    byte[] s = Scalar25519.mulAdd(c, x, k);
    System.arraycopy(s, 0, pi, 48, 32);
    Arrays.fill(k, (byte) 0);
    Arrays.fill(s, (byte) 0);
    return VrfProof.decode(pi);
  }

  /** The VRF output for {@code alpha}, without a proof: equal to {@code prove(alpha).output()}. */
  public VrfOutput output(byte[] alpha) {
    byte[] out = new byte[VrfOutput.BYTES];
    outputs(alpha, 0, alpha.length, 1, out, 0);
    return new VrfOutput(out);
  }

  /**
   * The outputs of {@code count} messages of {@code alphaLen} bytes each, packed in {@code alphas} from
   * {@code alphaOff}, written as 64-byte outputs to {@code out} from {@code outOff}. Batches of up to 64 share their
   * inversions; allocates nothing.
   */
  public void outputs(byte[] alphas, int alphaOff, int alphaLen, int count, byte[] out, int outOff) {
    checkOpen();
    if (alphaLen < 0 || count < 0 || alphaOff < 0 || outOff < 0
        || alphaOff + (long) alphaLen * count > alphas.length
        || outOff + (long) VrfOutput.BYTES * count > out.length) {
      throw new IllegalArgumentException("outputs: buffers too small for " + count + " messages");
    }
    for (int done = 0; done < count; done += VrfBatch.SIZE) {
      int n = Math.min(VrfBatch.SIZE, count - done);
      batch.run(pk, x, alphas, alphaOff + done * alphaLen, alphaLen, n, out, outOff + done * VrfOutput.BYTES);
    }
  }

  /** Wipes the expanded secret; later calls fail. */
  @Override
  public void close() {
    Arrays.fill(x, (byte) 0);
    Arrays.fill(nonceKey, (byte) 0);
    closed = true;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("VRF evaluator already closed");
    }
  }

  /** The public key only. */
  @Override
  public String toString() {
    return "VrfEvaluator[" + java.util.HexFormat.of().formatHex(pk) + "]";
  }
}
