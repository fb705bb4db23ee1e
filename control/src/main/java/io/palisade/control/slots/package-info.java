/**
 * The slot ledger's pure part: every leader slot of the pool gets one {@link io.palisade.control.slots.SlotVerdict}
 * from its {@link io.palisade.control.slots.SlotEvidence}, decided by {@link io.palisade.control.slots.SlotClassifier};
 * an epoch's slots, the block producer's condition over time and the Palisade actions that touched it are the
 * {@link io.palisade.control.slots.EpochSlots} a runtime keeps durable, summarised by
 * {@link io.palisade.control.slots.EpochSummary}. No I/O.
 */
package io.palisade.control.slots;
