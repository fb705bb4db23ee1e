package io.palisade.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The block producer's leader slots as instants, as far as they are known: the slots of the epochs whose schedule was
 * computed (the current one, and the next once its nonce is fixed), and the instant up to which that list is complete.
 * A window that reaches past {@link #knownUntil()} cannot be judged free.
 *
 * @param slots the leader slots, in time order
 * @param knownUntil the list holds every leader slot that starts before this instant
 */
public record LeaderCalendar(List<Slot> slots, Instant knownUntil) {
  /** Checks the fields, sorts the slots. */
  public LeaderCalendar {
    Objects.requireNonNull(knownUntil, "knownUntil");
    List<Slot> sorted = new ArrayList<>(Objects.requireNonNull(slots, "slots"));
    sorted.sort(Comparator.comparing(Slot::start));
    slots = List.copyOf(sorted);
  }

  /**
   * One leader slot.
   *
   * @param slot the absolute slot number
   * @param start when it begins
   * @param end when the next slot begins (the block must be forged and sent before)
   */
  public record Slot(long slot, Instant start, Instant end) {
    /** Checks the fields. */
    public Slot {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("a slot ends after it starts: " + start + " .. " + end);
      }
    }

    /** Whether the slot overlaps the closed interval [from, to]. */
    boolean overlaps(Instant from, Instant to) {
      return end.isAfter(from) && !start.isAfter(to);
    }
  }

  /** A pool whose block producer forges nothing (no keys, or revoked): every window is free, forever. */
  public static LeaderCalendar notForging() {
    return new LeaderCalendar(List.of(), Instant.MAX);
  }

  /** Nothing known yet (the schedule is being computed, or the node cannot be asked): no window can be judged. */
  public static LeaderCalendar unknown() {
    return new LeaderCalendar(List.of(), Instant.MIN);
  }

  /** Whether nothing at all is known. */
  public boolean isUnknown() {
    return knownUntil.equals(Instant.MIN);
  }

  /** The first leader slot that overlaps [from, to], if any is known. */
  public Optional<Slot> firstOverlapping(Instant from, Instant to) {
    return slots.stream().filter(s -> s.overlaps(from, to)).findFirst();
  }

  /** The first leader slot that has not ended at {@code now}. */
  public Optional<Slot> next(Instant now) {
    return slots.stream().filter(s -> s.end().isAfter(now)).findFirst();
  }
}
