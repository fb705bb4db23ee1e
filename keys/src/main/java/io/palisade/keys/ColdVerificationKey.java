package io.palisade.keys;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A stake pool cold verification key: a 32-byte Ed25519 public key.
 *
 * @param bytes the key
 */
public record ColdVerificationKey(byte[] bytes) {
  /** Checks the length and copies. */
  public ColdVerificationKey {
    if (bytes.length != 32) {
      throw KeysException.invalid("a cold verification key is 32 bytes, was: " + bytes.length);
    }
    bytes = bytes.clone();
  }

  /** Parses 64 hex digits. */
  public static ColdVerificationKey ofHex(String hex) {
    try {
      return new ColdVerificationKey(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw KeysException.invalid("cold verification key must be 64 hex digits");
    }
  }

  /** Reads a cold (or genesis delegate) verification key file. */
  public static ColdVerificationKey read(Path file) {
    TextEnvelope env = TextEnvelope.read(file);
    EnvelopeType type = env.type().equals(EnvelopeType.GENESIS_DELEGATE_VERIFICATION_KEY.type())
        ? EnvelopeType.GENESIS_DELEGATE_VERIFICATION_KEY
        : EnvelopeType.COLD_VERIFICATION_KEY;
    return new ColdVerificationKey(env.rawKey(type, file.toString()));
  }

  /** A copy of the bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The pool id this key defines. */
  public PoolId poolId() {
    return PoolId.of(this);
  }

  /** Verifies an Ed25519 signature by this key. */
  public boolean verify(byte[] message, byte[] signature) {
    return signature.length == Ed25519.SIGNATURE_BYTES && Ed25519.verify(bytes, 0, message, signature, 0);
  }

  /** The cardano-cli text envelope. */
  public TextEnvelope toEnvelope() {
    return TextEnvelope.ofRawKey(EnvelopeType.COLD_VERIFICATION_KEY, bytes);
  }

  /** Lower-case hex. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ColdVerificationKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "ColdVerificationKey[" + hex() + "]";
  }
}
