package io.palisade.console.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A TOTP shared secret. A final class, not a record: it copies bytes in and out, compares in constant time, never
 * shows itself in {@code toString}, and can be wiped. Reading it takes a call named {@code reveal...}.
 */
public final class TotpSecret {
  /** 160 bits, as RFC 4226 recommends for HMAC-SHA1. */
  public static final int LENGTH = 20;

  private final byte[] bytes;

  private TotpSecret(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  /**
   * @param random a strong random source
   * @return a fresh 160-bit secret
   */
  public static TotpSecret random(SecureRandom random) {
    byte[] b = new byte[LENGTH];
    random.nextBytes(b);
    try {
      return new TotpSecret(b);
    } finally {
      Arrays.fill(b, (byte) 0);
    }
  }

  /**
   * @param bytes the secret (copied)
   * @return the secret
   * @throws IllegalArgumentException when shorter than 16 bytes
   */
  public static TotpSecret of(byte[] bytes) {
    if (bytes.length < 16 || bytes.length > 64) {
      throw new IllegalArgumentException("a TOTP secret must be 16 to 64 bytes, was " + bytes.length + " bytes");
    }
    return new TotpSecret(bytes);
  }

  /**
   * @param base32 the secret as an authenticator app shows it
   * @return the secret
   */
  public static TotpSecret ofBase32(String base32) {
    byte[] b = Base32.decode(base32);
    try {
      return of(b);
    } finally {
      Arrays.fill(b, (byte) 0);
    }
  }

  /**
   * @return a copy of the secret's bytes (the caller wipes it)
   */
  public byte[] revealBytes() {
    return bytes.clone();
  }

  /**
   * @return the secret in base32, to type into an authenticator app
   */
  public String revealBase32() {
    return Base32.encode(bytes);
  }

  /**
   * The {@code otpauth://} URI authenticator apps read from a QR code or a link.
   *
   * @param issuer shown by the app (Palisade)
   * @param account the operator's name
   * @return the URI (contains the secret)
   */
  public String revealOtpauthUri(String issuer, String account) {
    String label = URLEncoder.encode(issuer + ":" + account, StandardCharsets.UTF_8).replace("+", "%20");
    return "otpauth://totp/" + label + "?secret=" + revealBase32() + "&issuer="
        + URLEncoder.encode(issuer, StandardCharsets.UTF_8).replace("+", "%20")
        + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP.toSeconds();
  }

  /** Overwrites the secret with zeros; the object is useless afterwards. */
  public void wipe() {
    Arrays.fill(bytes, (byte) 0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TotpSecret other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return TotpSecret.class.hashCode();
  }

  @Override
  public String toString() {
    return "TotpSecret[" + bytes.length + " bytes]";
  }
}
