package io.palisade.console.charts;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One observation of one node, as the history keeps it.
 *
 * @param at when the gateway observed it
 * @param slotGap slots its tip was behind the chain clock, when known
 * @param peers its hot (connected) peers
 */
public record Sample(Instant at, OptionalLong slotGap, int peers) {
  /** Rejects nulls and negative counts. */
  public Sample {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(slotGap, "slotGap");
    if (peers < 0) {
      throw new IllegalArgumentException("peers must be >= 0, was: " + peers);
    }
  }
}
