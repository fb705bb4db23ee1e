package io.palisade.keys;

/**
 * Pure Ed25519 (RFC 8032) over a 32-byte seed, as libsodium does it for Cardano keys. BouncyCastle's low-level
 * functions are used directly: they are what the KES tree calls 64 times per key generation.
 */
public final class Ed25519 {
  /** Seed length. */
  public static final int SEED_BYTES = 32;
  /** Public key length. */
  public static final int PUBLIC_KEY_BYTES = 32;
  /** Signature length. */
  public static final int SIGNATURE_BYTES = 64;

  private Ed25519() {}

  /** The public key of {@code seed} (SHA-512, clamp, scalar multiply). */
  public static byte[] publicKey(byte[] seed, int offset) {
    byte[] pk = new byte[PUBLIC_KEY_BYTES];
    org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, offset, pk, 0);
    return pk;
  }

  /** Signs {@code message} with the key whose seed is at {@code seed[offset..offset+32)}. */
  public static byte[] sign(byte[] seed, int offset, byte[] message) {
    byte[] pk = publicKey(seed, offset);
    byte[] sig = new byte[SIGNATURE_BYTES];
    org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, offset, pk, 0, message, 0, message.length, sig, 0);
    return sig;
  }

  /** Whether {@code signature} (at {@code sigOffset}) is a valid signature of {@code message} by {@code publicKey}. */
  public static boolean verify(byte[] publicKey, int pkOffset, byte[] message, byte[] signature, int sigOffset) {
    if (signature.length - sigOffset < SIGNATURE_BYTES || publicKey.length - pkOffset < PUBLIC_KEY_BYTES) {
      return false;
    }
    return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
        signature, sigOffset, publicKey, pkOffset, message, 0, message.length);
  }
}
