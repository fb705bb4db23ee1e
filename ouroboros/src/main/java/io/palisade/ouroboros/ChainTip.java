package io.palisade.ouroboros;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The tip of a node's chain as chain-sync reports it ({@code base.tip}): {@code [point, blockNo]}.
 *
 * @param point the tip's point (the origin on an empty chain)
 * @param blockNo the tip's block number (0 at the origin)
 */
public record ChainTip(Point point, long blockNo) {
  /** The tip of an empty chain. */
  public static final ChainTip ORIGIN = new ChainTip(Point.ORIGIN, 0);

  /** Checks the block number. */
  public ChainTip {
    Objects.requireNonNull(point, "point");
    if (blockNo < 0) {
      throw new IllegalArgumentException("block number must be >= 0, was: " + blockNo);
    }
  }

  /** The tip's slot, or empty at the origin. */
  public OptionalLong slot() {
    return point instanceof Point.BlockPoint b ? OptionalLong.of(b.slot()) : OptionalLong.empty();
  }

  @Override
  public String toString() {
    return point instanceof Point.BlockPoint b ? "slot " + b.slot() + ", block " + blockNo : "origin";
  }
}
