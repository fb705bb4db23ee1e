package io.palisade.simnode.forge;

/**
 * The faults that change what the forge loop does (from the node's fault files).
 *
 * @param kesExpired act as if the KES key could not be evolved any more (an expired operational certificate)
 * @param loseSlotBattles every block forged loses a slot battle: another pool's block in the same slot wins
 * @param loseHeightBattles every block forged is adopted, then dropped for a longer fork
 * @param unpropagated the node's network is cut (a partition): what it forges, its peers never get
 */
public record ForgeFaults(boolean kesExpired, boolean loseSlotBattles, boolean loseHeightBattles,
    boolean unpropagated) {
  /** No fault. */
  public static final ForgeFaults NONE = new ForgeFaults(false, false, false, false);

  /** Faults of a node whose network is up. */
  public ForgeFaults(boolean kesExpired, boolean loseSlotBattles, boolean loseHeightBattles) {
    this(kesExpired, loseSlotBattles, loseHeightBattles, false);
  }
}
