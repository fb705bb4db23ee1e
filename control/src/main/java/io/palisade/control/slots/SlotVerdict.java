package io.palisade.control.slots;

/**
 * What became of one leader slot of the pool: a closed set, one verdict a slot. The words are the ones
 * {@code palisade slots} prints; the names are the JSON's.
 */
public enum SlotVerdict {
  /** Our block is on the chain. */
  ADOPTED("adopted", false),
  /** Another pool's block in the same slot won (lower VRF output): forged, not adopted. */
  LOST_SLOT_BATTLE("lost slot battle", false),
  /** Our block was adopted by our node but did not make the chain the relays saw later (a longer fork won). */
  LOST_HEIGHT_BATTLE("lost height battle or propagation", false),
  /** The block producer was not running (or not answering) at the slot. */
  MISSED_NODE_DOWN("missed: node down", true),
  /** The block producer ran but did not follow the chain's tip (replaying, syncing, lagging). */
  MISSED_NOT_SYNCED("missed: not synced", true),
  /** The block producer could not forge: its KES key could not be evolved or its opcert was refused. */
  MISSED_KES_INVALID("missed: KES or opcert invalid", true),
  /**
   * The forge loop found the chain's tip in a later slot than the one it checked ({@code TraceBlockFromFuture}): the
   * node's clock is behind the chain's, or the node was too slow (load).
   */
  MISSED_FUTURE_BLOCK("missed: block from the future", true),
  /** The slot fell inside an action Palisade itself took on the block producer. Must never happen. */
  MISSED_PALISADE_ACTION("missed: during a Palisade action", true),
  /** Nothing we observed explains the slot. */
  UNKNOWN("unknown", false);

  private final String words;
  private final boolean missed;

  SlotVerdict(String words, boolean missed) {
    this.words = words;
    this.missed = missed;
  }

  /** The verdict in words, e.g. {@code lost slot battle}. */
  public String words() {
    return words;
  }

  /** Whether the slot was missed: no block was forged in it, or the one forged could not count. */
  public boolean missed() {
    return missed;
  }
}
