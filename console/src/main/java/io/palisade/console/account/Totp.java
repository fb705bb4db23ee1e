package io.palisade.console.account;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords, RFC 6238 over RFC 4226 HOTP: HMAC of the 8-byte big-endian time step, dynamic
 * truncation, modulo 10^digits. The console uses HMAC-SHA1, 6 digits and 30-second steps (what every authenticator
 * app defaults to), and accepts the previous, current and next step to allow for clock skew.
 */
public final class Totp {
  /** The step length. */
  public static final Duration STEP = Duration.ofSeconds(30);

  /** Digits in a code. */
  public static final int DIGITS = 6;

  /** Steps accepted on either side of the current one. */
  public static final int WINDOW = 1;

  private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

  private Totp() {}

  /**
   * @param time a moment
   * @return the RFC 6238 time step T = floor(unix seconds / 30)
   */
  public static long stepAt(Instant time) {
    return Math.floorDiv(time.getEpochSecond(), STEP.toSeconds());
  }

  /**
   * The code for one step.
   *
   * @param key the shared secret's bytes
   * @param step the time step
   * @param digits 6 to 8
   * @param algorithm {@code HmacSHA1}, {@code HmacSHA256} or {@code HmacSHA512}
   * @return the code, zero-padded to {@code digits}
   */
  public static String code(byte[] key, long step, int digits, String algorithm) {
    if (digits < 6 || digits > 8) {
      throw new IllegalArgumentException("digits must be 6 to 8, was: " + digits);
    }
    byte[] hmac;
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      hmac = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC " + algorithm + " unavailable", e);
    }
    int offset = hmac[hmac.length - 1] & 0x0f;
    int binary = ((hmac[offset] & 0x7f) << 24)
        | ((hmac[offset + 1] & 0xff) << 16)
        | ((hmac[offset + 2] & 0xff) << 8)
        | (hmac[offset + 3] & 0xff);
    Arrays.fill(hmac, (byte) 0);
    String s = Integer.toString(binary % POWERS[digits]);
    return "0".repeat(digits - s.length()) + s;
  }

  /**
   * The console's code for a step (SHA-1, 6 digits).
   *
   * @param secret the operator's secret
   * @param step the time step
   * @return the code
   */
  public static String code(TotpSecret secret, long step) {
    byte[] key = secret.revealBytes();
    try {
      return code(key, step, DIGITS, "HmacSHA1");
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Whether a matched step is fresh (not a replay) after {@code lastStep} was accepted. A step after the last is. A
   * last step beyond the window around now was accepted while the clock was ahead (and was corrected since): every
   * step in the window is then older than it, and refusing them would lock the operator out for as long as the clock
   * had been wrong, so they are accepted (the step recorded moves back; the console records that it did).
   *
   * @param step the step the code matched (within the window around {@code nowStep})
   * @param lastStep the last step accepted for this operator
   * @param nowStep the current step
   * @return whether to accept it
   */
  public static boolean fresh(long step, long lastStep, long nowStep) {
    return step > lastStep || lastStep > nowStep + WINDOW;
  }

  /**
   * Finds the step a code belongs to, within the window around {@code now}. Every candidate is compared (in constant
   * time), so the time taken does not tell which step matched.
   *
   * @param secret the operator's secret
   * @param code what the operator typed (spaces ignored)
   * @param now the console's time
   * @return the matching step, or empty when the code is wrong or not of the right form
   */
  public static OptionalLong matchingStep(TotpSecret secret, String code, Instant now) {
    String typed = code == null ? "" : code.replace(" ", "");
    if (typed.length() != DIGITS || !typed.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return OptionalLong.empty();
    }
    byte[] typedBytes = typed.getBytes(StandardCharsets.US_ASCII);
    long current = stepAt(now);
    long found = Long.MIN_VALUE;
    for (long step = current - WINDOW; step <= current + WINDOW; step++) {
      byte[] expected = code(secret, step).getBytes(StandardCharsets.US_ASCII);
      if (MessageDigest.isEqual(expected, typedBytes)) {
        found = step; // the latest matching step wins
      }
    }
    return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
  }
}
