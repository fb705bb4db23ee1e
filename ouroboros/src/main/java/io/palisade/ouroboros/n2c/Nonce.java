package io.palisade.ouroboros.n2c;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A ledger nonce: the neutral nonce ({@code [0]}) or a 32-byte hash ({@code [1, bytes]}).
 */
public final class Nonce {
  /** The neutral nonce, the identity of nonce combination. */
  public static final Nonce NEUTRAL = new Nonce(null);

  /** Length of a nonce hash. */
  public static final int BYTES = 32;

  private final byte[] hash;

  private Nonce(byte[] hash) {
    this.hash = hash;
  }

  /** A nonce of these 32 bytes (copied). */
  public static Nonce of(byte[] hash) {
    if (hash.length != BYTES) {
      throw new IllegalArgumentException("a nonce is " + BYTES + " bytes, was " + hash.length);
    }
    return new Nonce(hash.clone());
  }

  /** A nonce from 64 hex digits. */
  public static Nonce ofHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  /** Whether this is the neutral nonce. */
  public boolean neutral() {
    return hash == null;
  }

  /** The hash bytes, or empty for the neutral nonce. */
  public Optional<byte[]> hash() {
    return hash == null ? Optional.empty() : Optional.of(hash.clone());
  }

  /** Lower-case hex of the hash, or "neutral". */
  public String hex() {
    return hash == null ? "neutral" : HexFormat.of().formatHex(hash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Nonce n && Arrays.equals(hash, n.hash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return hex();
  }
}
