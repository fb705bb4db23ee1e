package io.palisade.keys.kes;

import io.palisade.keys.EnvelopeType;
import io.palisade.keys.KeysException;
import io.palisade.keys.SigningKey;
import io.palisade.keys.TextEnvelope;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A Sum6 KES signing key (608 bytes) and the period it is at. cardano-cli stores only the 608 bytes (a fresh key is at
 * period 0); the period is tracked here. Evolving overwrites the old key material, which is the point of KES.
 *
 * <pre>{@code
 * try (KesSigningKey kes = KesSigningKey.generate(new SecureRandom())) {
 *   byte[] sig = kes.sign(header);       // period 0
 *   kes.evolve();                        // period 1, period-0 secrets gone
 * }
 * }</pre>
 */
public final class KesSigningKey implements SigningKey {
  private final byte[] key;
  private final KesVerificationKey verificationKey;
  private long period;
  private boolean wiped;

  private KesSigningKey(byte[] key, long period) {
    this.key = key;
    this.period = period;
    this.verificationKey = new KesVerificationKey(Sum6Kes.verificationKey(key, 0, Sum6Kes.DEPTH));
  }

  /** A fresh key (period 0) from a random seed. */
  public static KesSigningKey generate(SecureRandom random) {
    byte[] seed = new byte[Sum6Kes.SEED_BYTES];
    random.nextBytes(seed);
    try {
      return fromSeed(seed);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** The fresh key generated from a 32-byte seed (deterministic, as cardano-base). */
  public static KesSigningKey fromSeed(byte[] seed) {
    return new KesSigningKey(Sum6Kes.generate(seed, Sum6Kes.DEPTH), 0);
  }

  /**
   * A key from its 608 stored bytes.
   *
   * @param raw the bytes (copied)
   * @param period the period the bytes are at (0 for a cardano-cli file)
   */
  public static KesSigningKey fromBytes(byte[] raw, long period) {
    if (raw.length != Sum6Kes.SIGNING_KEY_BYTES) {
      throw KeysException.invalid("a Sum6 KES signing key is " + Sum6Kes.SIGNING_KEY_BYTES + " bytes, was: "
          + raw.length + (raw.length == 704 ? " (the obsolete Sum7 layout)" : raw.length == 612
              ? " (the Rust/mithril layout with a period suffix)" : ""));
    }
    if (period < 0 || period >= Sum6Kes.PERIODS) {
      throw KeysException.invalid("KES period must be 0 to 63, was: " + period);
    }
    return new KesSigningKey(raw.clone(), period);
  }

  /** The verification key (the same at every period). */
  public KesVerificationKey verificationKey() {
    return verificationKey;
  }

  /** The period the key is at, relative to its start. */
  public long period() {
    return period;
  }

  /** Signs {@code message} at the current period: 448 bytes. */
  public byte[] sign(byte[] message) {
    checkLive();
    return Sum6Kes.sign(key, 0, period, Sum6Kes.DEPTH, message);
  }

  /**
   * Moves to the next period, erasing what could sign in the current one.
   *
   * @throws KeysException (REFUSED) if the key is at its last period
   */
  public void evolve() {
    checkLive();
    if (!Sum6Kes.update(key, 0, period, Sum6Kes.DEPTH)) {
      throw new KeysException(KeysException.Kind.REFUSED, "KES key is at its last period (63) and cannot evolve");
    }
    period++;
  }

  /** A copy of the 608 bytes at the current period; the caller wipes it. */
  public byte[] revealBytes() {
    checkLive();
    return key.clone();
  }

  @Override
  public EnvelopeType type() {
    return EnvelopeType.KES_SIGNING_KEY;
  }

  @Override
  public TextEnvelope toEnvelope() {
    checkLive();
    return TextEnvelope.ofRawKey(EnvelopeType.KES_SIGNING_KEY, key);
  }

  @Override
  public TextEnvelope verificationKeyEnvelope() {
    return verificationKey.toEnvelope();
  }

  @Override
  public void close() {
    Arrays.fill(key, (byte) 0);
    wiped = true;
  }

  private void checkLive() {
    if (wiped) {
      throw new IllegalStateException("KES key already wiped");
    }
  }

  /** Public facts only. */
  @Override
  public String toString() {
    return "KesSigningKey[vk " + verificationKey.hex() + ", period " + period + "]";
  }

}
