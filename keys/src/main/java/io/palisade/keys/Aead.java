package io.palisade.keys;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce and a 128-bit tag, the one cipher of the vault, the shares and the bundle.
 * Every use binds its context through the associated data, so a ciphertext cannot be moved to another slot.
 */
public final class Aead {
  /** Nonce length. */
  public static final int NONCE_BYTES = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Aead() {}

  /**
   * A sealed value.
   *
   * @param nonce the nonce
   * @param ciphertext ciphertext with the tag appended
   */
  public record Sealed(byte[] nonce, byte[] ciphertext) {}

  /** Encrypts {@code plaintext} under the 32-byte {@code key}. */
  public static Sealed seal(byte[] key, byte[] plaintext, byte[] aad) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(checkKey(key), "AES"), new GCMParameterSpec(128, nonce));
      c.updateAAD(aad);
      return new Sealed(nonce, c.doFinal(plaintext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /**
   * Decrypts and authenticates.
   *
   * @return the plaintext, or empty if the tag does not verify (wrong key, altered data or associated data)
   */
  public static java.util.Optional<byte[]> open(byte[] key, Sealed sealed, byte[] aad) {
    if (sealed.nonce().length != NONCE_BYTES || sealed.ciphertext().length < 16) {
      return java.util.Optional.empty();
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(checkKey(key), "AES"), new GCMParameterSpec(128, sealed.nonce()));
      c.updateAAD(aad);
      return java.util.Optional.of(c.doFinal(sealed.ciphertext()));
    } catch (AEADBadTagException e) {
      return java.util.Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  private static byte[] checkKey(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("AES-256 key must be 32 bytes, was: " + key.length);
    }
    return key;
  }
}
