package io.palisade.keys.vrf;

import io.palisade.keys.VrfSigningKey;
import io.palisade.keys.VrfVerificationKey;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Cardano's "praos" VRF: ECVRF-ED25519-SHA512-Elligator2 of IETF draft-irtf-cfrg-vrf-03, exactly as the node's
 * libsodium fork implements it ({@code crypto_vrf_ietfdraft03_prove}, {@code _verify}, {@code _proof_to_hash} in
 * IntersectMBO/libsodium, src/libsodium/crypto_vrf/ietfdraft03/). Checked byte for byte against cardano-base's
 * vectors ({@code vrf_ver03_*}).
 *
 * <p>Keys are the existing {@link VrfSigningKey} ({@code vrf.skey}: seed ‖ pk) and {@link VrfVerificationKey}
 * ({@code vrf.vkey}). For many proofs or outputs with one key, use a {@link VrfEvaluator}.
 */
public final class PraosVrf {
  /** The ciphersuite byte of ECVRF-ED25519-SHA512-Elligator2. */
  static final byte SUITE = 0x04;

  private PraosVrf() {}

  /** The proof of {@code alpha} under {@code key}. */
  public static VrfProof prove(VrfSigningKey key, byte[] alpha) {
    try (VrfEvaluator evaluator = VrfEvaluator.of(key)) {
      return evaluator.prove(alpha);
    }
  }

  /** The output of a verified proof, or empty when the proof is not valid for this key and message. */
  public static Optional<VrfOutput> verify(VrfVerificationKey key, VrfProof proof, byte[] alpha) {
    return verify(key.bytes(), proof.raw(), alpha);
  }

  /**
   * {@code crypto_vrf_ietfdraft03_verify} on raw bytes: empty when libsodium returns -1, that is for a key of the wrong
   * length, non-canonical, of small order or not on the curve, for a proof {@link VrfProof#decode} refuses, and for a
   * proof that does not verify.
   */
  public static Optional<VrfOutput> verify(byte[] pk, byte[] proofBytes, byte[] alpha) {
    if (pk == null || pk.length != 32 || proofBytes == null || proofBytes.length != VrfProof.BYTES) {
      return Optional.empty();
    }
    EdwardsPoint y = new EdwardsPoint();
    if (PointCodec.hasSmallOrder(pk, 0) || !PointCodec.isCanonical(pk, 0) || !y.decodeVar(pk, 0)) {
      return Optional.empty();
    }
    VrfProof proof;
    try {
      proof = VrfProof.decode(proofBytes);
    } catch (io.palisade.keys.KeysException e) {
      return Optional.empty();
    }
    byte[] pi = proof.raw();
    byte[] wide = new byte[64];
    byte[] r = new byte[32];
    Elligator2.hashInput(sha512(), pk, alpha, 0, alpha.length, wide, r);
    byte[] h = Elligator2.fromUniform(r);
    EdwardsPoint hashed = new EdwardsPoint();
    hashed.decodeVar(h, 0);
    byte[] c = new byte[32];
    System.arraycopy(pi, 32, c, 0, 16);
    byte[] s = java.util.Arrays.copyOfRange(pi, 48, 80);
    byte[] cn = Scalar25519.negateVar(c);
    ScalarMultiplier m = new ScalarMultiplier();
    EdwardsPoint.Completed done = new EdwardsPoint.Completed();
    EdwardsPoint.Cached cached = new EdwardsPoint.Cached();
    // U = s·B − c·Y, V = s·H − c·Gamma
    EdwardsPoint u = new EdwardsPoint();
    EdwardsPoint t = new EdwardsPoint();
    m.mulBase(s, u);
    m.mul(cn, y, t);
    t.toCached(cached);
    u.add(cached, done);
    u.setExtended(done);
    EdwardsPoint v = new EdwardsPoint();
    m.mul(s, hashed, v);
    m.mul(cn, proof.gamma(), t);
    t.toCached(cached);
    v.add(cached, done);
    v.setExtended(done);
    byte[] expected = challenge(h, pi, u, v);
    if (!MessageDigest.isEqual(java.util.Arrays.copyOf(expected, 16), java.util.Arrays.copyOf(c, 16))) {
      return Optional.empty();
    }
    return Optional.of(proof.output());
  }

  /**
   * c = SHA-512(0x04 ‖ 0x02 ‖ H ‖ Gamma ‖ P3 ‖ P4)[0..16), returned zero-padded to 32 bytes; Gamma is taken as the
   * proof's bytes (as the fork's verify does).
   */
  static byte[] challenge(byte[] h, byte[] gammaBytes, EdwardsPoint p3, EdwardsPoint p4) {
    byte[] buf = new byte[2 + 4 * 32];
    buf[0] = SUITE;
    buf[1] = 0x02;
    System.arraycopy(h, 0, buf, 2, 32);
    System.arraycopy(gammaBytes, 0, buf, 34, 32);
    p3.encode(buf, 66);
    p4.encode(buf, 98);
    byte[] digest = sha512().digest(buf);
    byte[] c = new byte[32];
    System.arraycopy(digest, 0, c, 0, 16);
    return c;
  }

  /** beta = SHA-512(0x04 ‖ 0x03 ‖ encode(8·Gamma)). */
  static VrfOutput outputOf(byte[] gamma8Encoded) {
    MessageDigest sha = sha512();
    sha.update(SUITE);
    sha.update((byte) 0x03);
    sha.update(gamma8Encoded);
    return new VrfOutput(sha.digest());
  }

  static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
