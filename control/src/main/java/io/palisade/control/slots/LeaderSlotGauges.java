package io.palisade.control.slots;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * What a control plane's {@code /metrics} says of the slot ledger: the summaries of the previous and the current
 * epoch (only those the ledger has: an epoch it never saw is unknown, not zero slots) and the time to the next leader
 * slot. Two epochs at most, so the series' label cardinality stays bounded. Pure: a function of the ledger's epochs
 * and the time.
 *
 * @param epochs the summaries, oldest first (at most two)
 * @param untilNextSlot from now to the start of the next leader slot; null when unknown (no schedule for the current
 *     epoch, or none of its slots is still to come)
 */
public record LeaderSlotGauges(List<EpochSummary> epochs, Duration untilNextSlot) {
  /** Nothing known: no ledger. */
  public static final LeaderSlotGauges NONE = new LeaderSlotGauges(List.of(), null);

  /** Copies the epochs. */
  public LeaderSlotGauges {
    epochs = List.copyOf(epochs);
    if (epochs.size() > 2) {
      throw new IllegalArgumentException("at most two epochs (the previous and the current), got " + epochs.size());
    }
    if (untilNextSlot != null && untilNextSlot.isNegative()) {
      throw new IllegalArgumentException("the next leader slot cannot be in the past: " + untilNextSlot);
    }
  }

  /**
   * The gauges of the ledger's previous and current epoch.
   *
   * @param previous the epoch before the current one, if the ledger has it
   * @param current the current epoch, if the ledger has it
   * @param now the time
   * @param slotStart when a slot starts
   * @return the gauges
   */
  public static LeaderSlotGauges of(Optional<EpochSlots> previous, Optional<EpochSlots> current, Instant now,
      LongFunction<Instant> slotStart) {
    List<EpochSummary> epochs = new ArrayList<>(2);
    previous.ifPresent(e -> epochs.add(EpochSummary.of(e, slotStart, ZoneOffset.UTC)));
    current.ifPresent(e -> epochs.add(EpochSummary.of(e, slotStart, ZoneOffset.UTC)));
    // Only a whole schedule says which slot is next: the slots seen forged so far say nothing of those to come.
    Duration next = current.filter(EpochSlots::scheduleKnown).flatMap(e -> e.scheduled().stream()
        .map(slotStart::apply).filter(start -> start.isAfter(now)).findFirst())
        .map(start -> Duration.between(now, start)).orElse(null);
    return new LeaderSlotGauges(epochs, next);
  }
}
