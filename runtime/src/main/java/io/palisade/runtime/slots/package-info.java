/**
 * The slot ledger of the single-host runtime: {@link io.palisade.runtime.slots.SlotLedger} keeps one file a recent
 * epoch under {@code DATA/slots/} (atomic writes) and compacts older epochs into counts;
 * {@link io.palisade.runtime.slots.SlotWatch} feeds it from what the runtime observes (the block producer's
 * observations, the pool's events) and what its {@link io.palisade.runtime.slots.SlotSources} read (the schedule, the
 * forge record), and decides each past slot with control's {@link io.palisade.control.slots.SlotClassifier}.
 */
package io.palisade.runtime.slots;
