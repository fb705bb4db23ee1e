package io.palisade.simnode.forge;

/** What became of a block the node forged. */
public enum BlockOutcome {
  /** Adopted by the node and on the chain ({@code Forge.adopted}). */
  ADOPTED(true, true),
  /**
   * Not adopted: another pool's block in the same slot won the slot battle (lower VRF output), and the node had
   * adopted it first ({@code Forge.didnt-adopt}).
   */
  NOT_ADOPTED(false, false),
  /**
   * Adopted by the node ({@code Forge.adopted}), then dropped when the node switched to a longer fork: a lost height
   * battle. The block is not on the chain.
   */
  ORPHANED(true, false),
  /**
   * Forged but refused by the node's own ledger ({@code Forge.forged-invalid}): here, an opcert counter outside
   * m..m + 1, m the chain's counter for the pool.
   */
  INVALID(false, false);

  private final boolean adopted;
  private final boolean onChain;

  BlockOutcome(boolean adopted, boolean onChain) {
    this.adopted = adopted;
    this.onChain = onChain;
  }

  /** Whether the node adopted the block (at least for a while). */
  public boolean adopted() {
    return adopted;
  }

  /** Whether the block is on the chain (and so counts for rewards, the nonce and the opcert counter). */
  public boolean onChain() {
    return onChain;
  }
}
