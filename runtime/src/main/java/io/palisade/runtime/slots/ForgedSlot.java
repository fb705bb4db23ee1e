package io.palisade.runtime.slots;

import io.palisade.control.slots.ForgeOutcome;
import java.util.List;
import java.util.Objects;

/**
 * What a block producer's forge loop recorded for one slot of the pool's: a block it forged (and what became of it),
 * or a leader slot it did not forge in and why.
 *
 * @param slot the slot
 * @param outcome what became of the block, or why there was none
 * @param sources where that was read: the record's file and fields, counter or trace names
 * @param trace the forge loop's trace for the slot (new tracing's namespace, e.g.
 *     {@code Forge.Loop.ForgeStateUpdateError}), or empty
 * @param node the producer whose record it is, or empty when the source does not say (one producer)
 */
public record ForgedSlot(long slot, ForgeOutcome outcome, List<String> sources, String trace, String node) {
  /** Checks the fields. */
  public ForgedSlot {
    Objects.requireNonNull(outcome, "outcome");
    sources = sources == null ? List.of() : List.copyOf(sources);
    trace = trace == null ? "" : trace;
    node = node == null ? "" : node;
  }

  /** A record of the pool's one producer, without a trace name. */
  public ForgedSlot(long slot, ForgeOutcome outcome, List<String> sources) {
    this(slot, outcome, sources, "", "");
  }
}
