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
 * @param blockHash the forged block's header hash (hex), what the chain check asks the relays for; empty when the
 *     source does not name it (no block, or a real node's counters)
 */
public record ForgedSlot(long slot, ForgeOutcome outcome, List<String> sources, String trace, String node,
    String blockHash) {
  /** Checks the fields. */
  public ForgedSlot {
    Objects.requireNonNull(outcome, "outcome");
    sources = sources == null ? List.of() : List.copyOf(sources);
    trace = trace == null ? "" : trace;
    node = node == null ? "" : node;
    blockHash = blockHash == null ? "" : blockHash;
  }

  /** A record that names no block hash. */
  public ForgedSlot(long slot, ForgeOutcome outcome, List<String> sources, String trace, String node) {
    this(slot, outcome, sources, trace, node, "");
  }

  /** A record of the pool's one producer, without a trace name. */
  public ForgedSlot(long slot, ForgeOutcome outcome, List<String> sources) {
    this(slot, outcome, sources, "", "");
  }
}
