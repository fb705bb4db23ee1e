package io.palisade.keys.vrf;

import io.palisade.keys.KeysException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A draft-03 VRF proof, 80 bytes: Gamma (32, a point), c (16), s (32, a scalar below L). {@link #decode} refuses what
 * libsodium's {@code crypto_vrf_ietfdraft03_proof_to_hash} refuses: a wrong length, a Gamma that is not canonical or
 * not on the curve, an s that is not below L. Nothing else is checked here: whether the proof is valid for a key and
 * a message is {@link PraosVrf#verify}'s question.
 */
public final class VrfProof {
  /** Proof length in bytes. */
  public static final int BYTES = 80;
  private final byte[] bytes;
  private final EdwardsPoint gamma;

  private VrfProof(byte[] bytes, EdwardsPoint gamma) {
    this.bytes = bytes;
    this.gamma = gamma;
  }

  /**
   * Decodes and checks a proof.
   *
   * @throws KeysException (invalid input) naming the first rule the bytes break
   */
  public static VrfProof decode(byte[] bytes) {
    if (bytes == null || bytes.length != BYTES) {
      throw KeysException.invalid("a VRF proof is 80 bytes, was: " + (bytes == null ? "none" : bytes.length));
    }
    byte[] copy = bytes.clone();
    if (!PointCodec.isCanonical(copy, 0)) {
      throw KeysException.invalid("VRF proof: Gamma is not a canonical point encoding");
    }
    EdwardsPoint gamma = new EdwardsPoint();
    if (!gamma.decodeVar(copy, 0)) {
      throw KeysException.invalid("VRF proof: Gamma is not a point of the curve");
    }
    if (!Scalar25519.isCanonical(copy, 48)) {
      throw KeysException.invalid("VRF proof: s is not a canonical scalar (not below the group order)");
    }
    return new VrfProof(copy, gamma);
  }

  /** A copy of the 80 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Lower-case hex. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** The VRF output of this proof (libsodium {@code proof_to_hash}; it does not verify the proof). */
  public VrfOutput output() {
    EdwardsPoint g = new EdwardsPoint();
    g.set(gamma);
    g.mulByCofactor(new EdwardsPoint.Completed());
    byte[] enc = new byte[32];
    g.encode(enc, 0);
    return PraosVrf.outputOf(enc);
  }

  EdwardsPoint gamma() {
    EdwardsPoint g = new EdwardsPoint();
    g.set(gamma);
    return g;
  }

  byte[] raw() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VrfProof other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "VrfProof[" + hex() + "]";
  }
}
