package io.palisade.keys;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A stake pool cold signing key: the 32-byte Ed25519 seed cardano-cli stores. Everything about the pool follows from
 * it: the verification key, the pool id, every operational certificate.
 */
public final class ColdSigningKey implements SigningKey {
  private final SecretBytes seed;
  private final ColdVerificationKey verificationKey;
  private final EnvelopeType type;

  private ColdSigningKey(byte[] seed, EnvelopeType type) {
    if (seed.length != Ed25519.SEED_BYTES) {
      throw KeysException.invalid("a cold signing key is a 32-byte seed, was: " + seed.length + " bytes");
    }
    this.seed = SecretBytes.copyOf(seed);
    this.verificationKey = new ColdVerificationKey(Ed25519.publicKey(seed, 0));
    this.type = type;
  }

  /** A new key from {@code random}. */
  public static ColdSigningKey generate(SecureRandom random) {
    byte[] seed = new byte[Ed25519.SEED_BYTES];
    random.nextBytes(seed);
    try {
      return new ColdSigningKey(seed, EnvelopeType.COLD_SIGNING_KEY);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** The key with this seed (copied). */
  public static ColdSigningKey fromSeed(byte[] seed) {
    return new ColdSigningKey(seed, EnvelopeType.COLD_SIGNING_KEY);
  }

  /** The key with this seed, keeping its envelope type (stake pool or genesis delegate). */
  static ColdSigningKey fromSeed(byte[] seed, EnvelopeType type) {
    return new ColdSigningKey(seed, type);
  }

  /** The verification key. */
  public ColdVerificationKey verificationKey() {
    return verificationKey;
  }

  /** The pool id. */
  public PoolId poolId() {
    return verificationKey.poolId();
  }

  /** A pure Ed25519 signature of {@code message}. */
  public byte[] sign(byte[] message) {
    byte[] s = seed.reveal();
    try {
      return Ed25519.sign(s, 0, message);
    } finally {
      Arrays.fill(s, (byte) 0);
    }
  }

  @Override
  public EnvelopeType type() {
    return type;
  }

  @Override
  public TextEnvelope toEnvelope() {
    byte[] s = seed.reveal();
    try {
      return TextEnvelope.ofRawKey(type, s);
    } finally {
      Arrays.fill(s, (byte) 0);
    }
  }

  @Override
  public TextEnvelope verificationKeyEnvelope() {
    EnvelopeType vkType = type == EnvelopeType.GENESIS_DELEGATE_SIGNING_KEY
        ? EnvelopeType.GENESIS_DELEGATE_VERIFICATION_KEY
        : EnvelopeType.COLD_VERIFICATION_KEY;
    return TextEnvelope.ofRawKey(vkType, verificationKey.bytes());
  }

  @Override
  public void close() {
    seed.close();
  }

  /** The public half only. */
  @Override
  public String toString() {
    return "ColdSigningKey[pool " + poolId().hex() + "]";
  }
}
