package io.palisade.runtime.slots;

import io.palisade.control.slots.ForgeOutcome;
import java.util.List;
import java.util.Objects;

/**
 * What the block producer recorded for one slot it forged in (or tried to).
 *
 * @param slot the slot
 * @param outcome what became of the block
 * @param sources where that was read: the record's file and field, counter or trace names
 */
public record ForgedSlot(long slot, ForgeOutcome outcome, List<String> sources) {
  /** Checks the fields. */
  public ForgedSlot {
    Objects.requireNonNull(outcome, "outcome");
    sources = sources == null ? List.of() : List.copyOf(sources);
  }
}
