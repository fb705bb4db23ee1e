package io.palisade.gateway;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One leader slot of the pool in the current epoch.
 *
 * @param slot the absolute slot
 * @param at when it starts, if the gateway knows the chain's clock
 * @param outcome its verdict, or {@link SlotOutcome#PENDING}
 * @param why the verdict's reason in one line; empty when pending
 */
public record LeaderSlot(long slot, Optional<Instant> at, SlotOutcome outcome, String why) {
  /** Rejects nulls and negative slots. */
  public LeaderSlot {
    if (slot < 0) {
      throw new IllegalArgumentException("slot must be >= 0, was: " + slot);
    }
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(outcome, "outcome");
    why = why == null ? "" : why;
  }
}
