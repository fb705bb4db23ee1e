package io.palisade.gateway;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The block producer's leader slots as the console shows them: the current epoch's slots with their verdicts, the
 * next one, and the planned actions waiting for a free window between them.
 *
 * @param known whether the gateway reports the epoch's slots at all
 * @param unknownWhy why not, when not known (for the operator); empty otherwise
 * @param epoch the epoch {@code slots} belong to, if known
 * @param slots the epoch's leader slots, ascending (only those known so far when the schedule is not)
 * @param scheduleKnown whether {@code slots} is the epoch's whole schedule
 * @param nextLeaderSlot the start of the next leader slot, if known
 * @param waiting planned actions waiting for a free window, in order
 * @param needsOperator whether a wait is beyond the runtime's limit (an operator should look)
 */
public record LeaderSlots(
    boolean known,
    String unknownWhy,
    OptionalLong epoch,
    List<LeaderSlot> slots,
    boolean scheduleKnown,
    Optional<Instant> nextLeaderSlot,
    List<WaitingAction> waiting,
    boolean needsOperator) {
  /** Copies the lists and rejects nulls. */
  public LeaderSlots {
    unknownWhy = unknownWhy == null ? "" : unknownWhy;
    Objects.requireNonNull(epoch, "epoch");
    slots = List.copyOf(slots);
    Objects.requireNonNull(nextLeaderSlot, "nextLeaderSlot");
    waiting = List.copyOf(waiting);
  }

  /**
   * Slots a gateway does not report.
   *
   * @param why why not, for the operator
   * @return nothing known
   */
  public static LeaderSlots unknown(String why) {
    return new LeaderSlots(false, why, OptionalLong.empty(), List.of(), false, Optional.empty(), List.of(), false);
  }

  /**
   * @param outcome a verdict
   * @return how many of the epoch's slots have it
   */
  public long count(SlotOutcome outcome) {
    return slots.stream().filter(s -> s.outcome() == outcome).count();
  }
}
