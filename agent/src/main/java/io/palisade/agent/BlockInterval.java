package io.palisade.agent;

import io.palisade.chain.GenesisParameters;

/**
 * How long a healthy node waits for its next block. In Praos every slot has a block with probability about
 * {@code f} (the active slot coefficient, 0.05 on the public networks), independently of the others, so the number of
 * slots since the last block is geometric: the chance that a node at the tip has seen no block for {@code n} slots is
 * {@code (1 - f)^n}. On mainnet that is 36 % for 20 slots, 0.6 % for 100 and 0.1 % for 135, which is why one
 * observation more than 20 slots past the last block says little about a node's health.
 *
 * <pre>{@code
 * BlockInterval blocks = BlockInterval.of(genesis);
 * blocks.chanceOfNoBlockFor(100);   // 0.0059 at f = 0.05
 * blocks.plausibleGap(1e-3);        // 134 slots
 * }</pre>
 *
 * @param activeSlotsCoeff {@code f}, the chance that a slot has a block
 */
public record BlockInterval(double activeSlotsCoeff) {
  /** Requires {@code 0 < f < 1}. */
  public BlockInterval {
    if (!(activeSlotsCoeff > 0 && activeSlotsCoeff < 1)) {
      throw new IllegalArgumentException("the active slot coefficient must be between 0 and 1, was: "
          + activeSlotsCoeff);
    }
  }

  /** The block interval of a network, or the public networks' f = 0.05 when its genesis gives none. */
  public static BlockInterval of(GenesisParameters genesis) {
    double f = genesis.activeSlotsCoeff();
    return new BlockInterval(f > 0 && f < 1 ? f : 0.05);
  }

  /** The chance that a node at the tip has seen no block for {@code slots} slots: {@code (1 - f)^slots}. */
  public double chanceOfNoBlockFor(long slots) {
    return slots <= 0 ? 1.0 : Math.pow(1 - activeSlotsCoeff, slots);
  }

  /**
   * The largest gap a node at the tip reaches with at least the given chance: the gap above which, on one
   * observation, "lagging" is the likelier explanation than "between two blocks".
   *
   * @param tail the accepted chance of calling a healthy node lagging, e.g. {@code 1e-3}
   * @return slots
   */
  public long plausibleGap(double tail) {
    if (!(tail > 0 && tail < 1)) {
      throw new IllegalArgumentException("the tail probability must be between 0 and 1, was: " + tail);
    }
    return (long) Math.floor(Math.log(tail) / Math.log(1 - activeSlotsCoeff));
  }
}
