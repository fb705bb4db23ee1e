package io.palisade.keys;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A stake pool id: Blake2b-224 of the raw 32-byte cold verification key. Shown as 56 hex digits or bech32
 * {@code pool1...}, as cardano-cli does.
 *
 * @param bytes the 28-byte hash
 */
public record PoolId(byte[] bytes) {
  /** Bech32 human-readable part. */
  public static final String HRP = "pool";

  /** Checks the length and copies. */
  public PoolId {
    if (bytes.length != 28) {
      throw KeysException.invalid("a pool id is 28 bytes, was: " + bytes.length);
    }
    bytes = bytes.clone();
  }

  /** The pool id of a cold verification key. */
  public static PoolId of(ColdVerificationKey coldVk) {
    return new PoolId(Blake2b.hash224(coldVk.bytes()));
  }

  /**
   * Parses 56 hex digits or a {@code pool1...} bech32 string.
   *
   * @throws KeysException naming what was expected
   */
  public static PoolId parse(String text) {
    String t = text.trim();
    if (t.toLowerCase(Locale.ROOT).startsWith(HRP + "1")) {
      Bech32.Decoded d = Bech32.decode(t);
      if (!d.hrp().equals(HRP)) {
        throw KeysException.invalid("pool id must have prefix \"pool\", was: \"" + d.hrp() + "\"");
      }
      return new PoolId(d.data());
    }
    if (t.length() != 56) {
      throw KeysException.invalid("pool id must be 56 hex digits or pool1..., was: \"" + t + "\"");
    }
    try {
      return new PoolId(HexFormat.of().parseHex(t));
    } catch (IllegalArgumentException e) {
      throw KeysException.invalid("pool id must be 56 hex digits or pool1..., was: \"" + t + "\"");
    }
  }

  /** A copy of the bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** 56 lower-case hex digits. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** {@code pool1...}. */
  public String bech32() {
    return Bech32.encode(HRP, bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PoolId p && Arrays.equals(bytes, p.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** The hex form. */
  @Override
  public String toString() {
    return hex();
  }
}
