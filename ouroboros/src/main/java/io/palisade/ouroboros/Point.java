package io.palisade.ouroboros;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A point on the chain ({@code base.point}): the origin, encoded {@code []}, or a block, encoded
 * {@code [slot, hash]}.
 */
public sealed interface Point {
  /** The origin of the chain, before the first block. */
  Point ORIGIN = new Origin();

  /** Creates a block point. */
  static Point of(long slot, String hashHex) {
    return new BlockPoint(slot, hashHex);
  }

  /** The point before the first block. */
  record Origin() implements Point {
    @Override
    public String toString() {
      return "origin";
    }
  }

  /**
   * A block.
   *
   * @param slot its absolute slot
   * @param hash its header hash, lower-case hex (32 bytes on Cardano)
   */
  record BlockPoint(long slot, String hash) implements Point {
    /** Longest hash accepted, in bytes. */
    public static final int MAX_HASH_BYTES = 64;

    /** Checks the slot and normalises the hash to lower-case hex. */
    public BlockPoint {
      if (slot < 0) {
        throw new IllegalArgumentException("slot must be >= 0, was: " + slot);
      }
      Objects.requireNonNull(hash, "hash");
      hash = hash.toLowerCase(Locale.ROOT);
      byte[] bytes = HexFormat.of().parseHex(hash);
      if (bytes.length == 0 || bytes.length > MAX_HASH_BYTES) {
        throw new IllegalArgumentException("block hash must be 1.." + MAX_HASH_BYTES + " bytes, was: " + bytes.length);
      }
    }

    /** The hash bytes. */
    public byte[] hashBytes() {
      return HexFormat.of().parseHex(hash);
    }

    @Override
    public String toString() {
      return slot + "." + hash;
    }
  }
}
