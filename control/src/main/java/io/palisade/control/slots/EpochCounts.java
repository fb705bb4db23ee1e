package io.palisade.control.slots;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A compacted epoch of the ledger: what remains of it once its slots' evidence is dropped.
 *
 * @param epoch the epoch
 * @param scheduled the number of leader slots
 * @param counts slots by verdict (verdicts with no slot may be absent)
 */
public record EpochCounts(long epoch, int scheduled, Map<SlotVerdict, Integer> counts) {
  /** Copies the counts. */
  public EpochCounts {
    Objects.requireNonNull(counts, "counts");
    counts = Map.copyOf(counts);
  }

  /** The counts of an epoch's summary (undecided slots counted as unknown: nothing will decide them now). */
  public static EpochCounts of(EpochSummary s) {
    Map<SlotVerdict, Integer> c = new EnumMap<>(SlotVerdict.class);
    s.counts().forEach((v, n) -> {
      if (n > 0) {
        c.put(v, n);
      }
    });
    if (s.pending() > 0) {
      c.merge(SlotVerdict.UNKNOWN, s.pending(), Integer::sum);
    }
    return new EpochCounts(s.epoch(), s.scheduled(), c);
  }

  /** The number of slots with {@code v}. */
  public int count(SlotVerdict v) {
    return counts.getOrDefault(v, 0);
  }
}
