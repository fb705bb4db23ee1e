package io.palisade.keys;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A Praos VRF verification key (32 bytes, derived from the seed as an Ed25519 public key).
 *
 * @param bytes the key
 */
public record VrfVerificationKey(byte[] bytes) {
  /** Checks the length and copies. */
  public VrfVerificationKey {
    if (bytes.length != 32) {
      throw KeysException.invalid("a VRF verification key is 32 bytes, was: " + bytes.length);
    }
    bytes = bytes.clone();
  }

  /** A copy of the bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Blake2b-256 of the key: the hash in pool registration certificates. */
  public byte[] hash() {
    return Blake2b.hash256(bytes);
  }

  /** The cardano-cli text envelope. */
  public TextEnvelope toEnvelope() {
    return TextEnvelope.ofRawKey(EnvelopeType.VRF_VERIFICATION_KEY, bytes);
  }

  /** Lower-case hex. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VrfVerificationKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "VrfVerificationKey[" + hex() + "]";
  }
}
