package io.palisade.ouroboros.n2c;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A stake pool's id as the ledger keys it: the 28-byte blake2b-224 hash of the pool's cold verification key (the
 * same hash keys the opcert counters, as the block issuer's key hash).
 *
 * @param hex the hash, lower-case hex (56 characters)
 */
public record PoolId(String hex) implements Comparable<PoolId> {
  /** Length of the hash in bytes. */
  public static final int BYTES = 28;

  /** Checks and normalises the hex. */
  public PoolId {
    Objects.requireNonNull(hex, "hex");
    hex = hex.toLowerCase(Locale.ROOT);
    if (hex.length() != 2 * BYTES) {
      throw new IllegalArgumentException("a pool id is " + BYTES + " bytes (" + 2 * BYTES + " hex digits), was: \""
          + hex + "\"");
    }
    HexFormat.of().parseHex(hex);
  }

  /** The pool id of these 28 bytes. */
  public static PoolId of(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException("a pool id is " + BYTES + " bytes, was " + bytes.length);
    }
    return new PoolId(HexFormat.of().formatHex(bytes));
  }

  /** The hash bytes. */
  public byte[] bytes() {
    return HexFormat.of().parseHex(hex);
  }

  @Override
  public int compareTo(PoolId o) {
    return hex.compareTo(o.hex);
  }

  @Override
  public String toString() {
    return hex;
  }
}
