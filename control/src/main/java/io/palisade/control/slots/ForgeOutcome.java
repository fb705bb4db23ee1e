package io.palisade.control.slots;

/**
 * What the block producer's forge loop recorded for one slot, from its forge counters and traces (either tracing
 * system) or a simulated node's forged-block record.
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
  /** The leader could not forge: its KES key could not be evolved or is not valid yet ({@code Forge.could-not-forge}). */
  CANNOT_FORGE,
  /** The forge loop judged the slot in the future of the node's clock ({@code Forge.block-from-future}). */
  FROM_FUTURE
}
