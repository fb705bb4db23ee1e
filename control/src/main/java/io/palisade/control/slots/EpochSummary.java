package io.palisade.control.slots;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * An epoch of the ledger in numbers: how many leader slots, how many of each verdict, how many still to come, and
 * for the missed ones when the producer was in the condition that explains them.
 *
 * @param epoch the epoch
 * @param scheduleKnown whether the whole schedule is known
 * @param scheduled the number of leader slots
 * @param counts the number of slots of each verdict (every verdict present, 0 included)
 * @param pending slots not decided yet (to come, or too recent)
 * @param missedWindows for the missed slots, the verdict's words and when its condition lasted, e.g.
 *     {@code node down 14:02–14:09} (times in the zone asked for)
 */
public record EpochSummary(long epoch, boolean scheduleKnown, int scheduled, Map<SlotVerdict, Integer> counts,
    int pending, List<String> missedWindows) {
  private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");

  /** Copies the collections. */
  public EpochSummary {
    counts = Map.copyOf(counts);
    missedWindows = List.copyOf(missedWindows);
  }

  /**
   * The summary of an epoch.
   *
   * @param e the epoch's ledger
   * @param slotStart when a slot starts
   * @param zone the zone of the windows' times
   */
  public static EpochSummary of(EpochSlots e, LongFunction<Instant> slotStart, ZoneId zone) {
    Map<SlotVerdict, Integer> counts = new EnumMap<>(SlotVerdict.class);
    for (SlotVerdict v : SlotVerdict.values()) {
      counts.put(v, 0);
    }
    Set<String> windows = new LinkedHashSet<>();
    for (SlotClassification c : e.verdicts()) {
      counts.merge(c.verdict(), 1, Integer::sum);
      if (c.verdict().missed()) {
        windows.add(window(e, c, slotStart.apply(c.slot()), zone));
      }
    }
    int decided = (int) e.scheduled().stream().filter(s -> e.verdict(s).isPresent()).count();
    return new EpochSummary(e.epoch(), e.scheduleKnown(), e.scheduled().size(), counts,
        e.scheduled().size() - decided, new ArrayList<>(windows));
  }

  /** The number of missed slots. */
  public int missed() {
    return counts.entrySet().stream().filter(x -> x.getKey().missed()).mapToInt(Map.Entry::getValue).sum();
  }

  /** The summary in one line: {@code epoch 612: 7 scheduled, 5 adopted, 1 lost slot battle, 1 missed (...)}. */
  public String line() {
    StringBuilder b = new StringBuilder("epoch " + epoch + ": " + scheduled + " scheduled"
        + (scheduleKnown ? "" : " (schedule not read yet: only the slots seen forged)"));
    for (SlotVerdict v : SlotVerdict.values()) {
      if (!v.missed() && counts.get(v) > 0) {
        b.append(", ").append(counts.get(v)).append(' ').append(v.words());
      }
    }
    if (missed() > 0) {
      b.append(", ").append(missed()).append(" missed (").append(String.join(", ", missedWindows)).append(')');
    }
    if (pending > 0) {
      b.append(", ").append(pending).append(" to come");
    }
    return b.toString();
  }

  private static String window(EpochSlots e, SlotClassification c, Instant at, ZoneId zone) {
    String words = c.verdict().words().replace("missed: ", "");
    ConditionChange from = e.conditionAt(at);
    if (from.condition() == ProducerCondition.UNOBSERVED || from.condition() == ProducerCondition.FORGING) {
      return words + " " + HM.format(at.atZone(zone));
    }
    Instant until = e.timeline().stream().filter(x -> x.at().isAfter(from.at())).map(ConditionChange::at)
        .findFirst().orElse(null);
    return words + " " + HM.format(from.at().atZone(zone)) + "–"
        + (until == null ? "" : HM.format(until.atZone(zone)));
  }
}
