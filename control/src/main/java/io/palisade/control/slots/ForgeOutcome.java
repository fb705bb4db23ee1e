package io.palisade.control.slots;

/**
 * What the block producer's forge loop recorded for one slot, from its forge counters and traces (either tracing
 * system) or a simulated node's records (forged blocks; leader slots it did not forge in, and why).
 */
public enum ForgeOutcome {
  /** Nothing recorded for the slot: no block forged. */
  NONE,
  /** Forged and adopted ({@code Forge.adopted}, {@code blocksForged}). */
  ADOPTED,
  /** Forged, not adopted: another block in the slot won ({@code Forge.didnt-adopt}). */
  NOT_ADOPTED,
  /** Adopted, then dropped for a longer fork. */
  ORPHANED,
  /** Forged, refused by the node's own ledger ({@code Forge.forged-invalid}; an opcert counter out of range). */
  INVALID,
  /**
   * The leader could not forge: its KES key could not be evolved ({@code TraceForgeStateUpdateError}) or is not valid
   * yet ({@code TraceNodeCannotForge}, {@code Forge.could-not-forge}).
   */
  CANNOT_FORGE,
  /**
   * The forge loop found the chain's tip in a later slot than the one it checked ({@code TraceBlockFromFuture},
   * {@code Forge.block-from-future}): the node's clock is behind, or the node was too slow.
   */
  FROM_FUTURE,
  /**
   * The forge loop could not forecast the slot's ledger view from the node's tip ({@code TraceNoLedgerView}, counted in
   * {@code Forge.could-not-forge}): the node was not synced.
   */
  NO_LEDGER_VIEW
}
