package io.palisade.gateway;

/**
 * What became of one of the pool's leader slots, as the console shows it: the slot ledger's verdicts (the runtime's
 * closed set, mirrored here because this module depends on no runtime), and {@link #PENDING} for a slot still to come
 * or not decided yet.
 */
public enum SlotOutcome {
  /** Our block is on the chain. */
  ADOPTED("adopted", "ok"),
  /** Another pool's block in the same slot won. */
  LOST_SLOT_BATTLE("lost slot battle", "lost"),
  /** Our block did not make the chain (a longer fork won). */
  LOST_HEIGHT_BATTLE("lost height battle or propagation", "lost"),
  /** The block producer was not running. */
  MISSED_NODE_DOWN("missed: node down", "missed"),
  /** The block producer was replaying, syncing or lagging. */
  MISSED_NOT_SYNCED("missed: not synced", "missed"),
  /** The block producer could not forge (KES key or opcert). */
  MISSED_KES_INVALID("missed: KES or opcert invalid", "missed"),
  /** The block was judged from the future (clock or load). */
  MISSED_FUTURE_BLOCK("missed: block from the future", "missed"),
  /** Missed during an action Palisade took on the block producer: must never happen. */
  MISSED_PALISADE_ACTION("missed: during a Palisade action", "palisade"),
  /** Nothing observed explains it. */
  UNKNOWN("unknown", "unknown"),
  /** Still to come, or too recent to judge. */
  PENDING("to come", "pending");

  private final String words;
  private final String group;

  SlotOutcome(String words, String group) {
    this.words = words;
    this.group = group;
  }

  /**
   * @return the outcome in words, as {@code palisade slots} prints it
   */
  public String words() {
    return words;
  }

  /**
   * @return its colour group: {@code ok}, {@code lost}, {@code missed}, {@code palisade}, {@code unknown},
   *     {@code pending}
   */
  public String group() {
    return group;
  }
}
