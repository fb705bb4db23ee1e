package io.palisade.keys;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A Praos VRF signing key: {@code seed(32) ‖ pk(32)}, with pk derived from the seed exactly as an Ed25519 public key
 * (libsodium {@code crypto_vrf_seed_keypair}). Palisade generates and carries VRF keys; the node does the proving.
 */
public final class VrfSigningKey implements SigningKey {
  private final SecretBytes bytes;
  private final VrfVerificationKey verificationKey;

  private VrfSigningKey(byte[] seed) {
    byte[] pk = Ed25519.publicKey(seed, 0);
    byte[] all = new byte[64];
    System.arraycopy(seed, 0, all, 0, 32);
    System.arraycopy(pk, 0, all, 32, 32);
    this.bytes = SecretBytes.adopt(all);
    this.verificationKey = new VrfVerificationKey(pk);
  }

  /** A new key from {@code random}. */
  public static VrfSigningKey generate(SecureRandom random) {
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    try {
      return new VrfSigningKey(seed);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** The key with this 32-byte seed. */
  public static VrfSigningKey fromSeed(byte[] seed) {
    if (seed.length != 32) {
      throw KeysException.invalid("a VRF seed is 32 bytes, was: " + seed.length);
    }
    return new VrfSigningKey(seed);
  }

  /**
   * The key from its 64 stored bytes, checking the public half matches the seed.
   *
   * @param source a name for errors
   */
  public static VrfSigningKey fromBytes(byte[] raw, String source) {
    if (raw.length != 64) {
      throw KeysException.invalid(source + ": a VRF signing key is 64 bytes, was: " + raw.length);
    }
    byte[] seed = Arrays.copyOf(raw, 32);
    try {
      VrfSigningKey key = new VrfSigningKey(seed);
      if (!MessageDigest.isEqual(key.verificationKey.bytes(), Arrays.copyOfRange(raw, 32, 64))) {
        key.close();
        throw KeysException.invalid(source + ": VRF signing key is inconsistent (its public half does not match"
            + " its seed): corrupted?");
      }
      return key;
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** The verification key. */
  public VrfVerificationKey verificationKey() {
    return verificationKey;
  }

  /** A copy of the 64 bytes; the caller wipes it. */
  public byte[] revealBytes() {
    return bytes.reveal();
  }

  @Override
  public EnvelopeType type() {
    return EnvelopeType.VRF_SIGNING_KEY;
  }

  @Override
  public TextEnvelope toEnvelope() {
    byte[] b = bytes.reveal();
    try {
      return TextEnvelope.ofRawKey(EnvelopeType.VRF_SIGNING_KEY, b);
    } finally {
      Arrays.fill(b, (byte) 0);
    }
  }

  @Override
  public TextEnvelope verificationKeyEnvelope() {
    return verificationKey.toEnvelope();
  }

  @Override
  public void close() {
    bytes.close();
  }

  /** The public half only. */
  @Override
  public String toString() {
    return "VrfSigningKey[" + verificationKey.hex() + "]";
  }
}
