package io.palisade.leader;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An epoch nonce η0 (32 bytes), as {@code cardano-cli query protocol-state} shows it (hex).
 *
 * @param bytes the nonce
 */
public record EpochNonce(byte[] bytes) {
  /** Checks the length and copies. */
  public EpochNonce {
    if (bytes.length != 32) {
      throw new IllegalArgumentException("an epoch nonce is 32 bytes (64 hex digits), was " + bytes.length
          + " bytes");
    }
    bytes = bytes.clone();
  }

  /**
   * Parses 64 hex digits.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static EpochNonce parse(String hex) {
    String h = hex.trim();
    if (h.length() != 64) {
      throw new IllegalArgumentException("an epoch nonce is 64 hex digits, was " + h.length() + " characters");
    }
    try {
      return new EpochNonce(HexFormat.of().parseHex(h));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("an epoch nonce is 64 hex digits, was not hex: \"" + h + "\"");
    }
  }

  /** A copy of the bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Lower-case hex. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EpochNonce n && Arrays.equals(bytes, n.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "EpochNonce[" + hex() + "]";
  }
}
