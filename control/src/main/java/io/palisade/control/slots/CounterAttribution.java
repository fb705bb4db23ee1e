package io.palisade.control.slots;

import io.palisade.control.slots.ForgeCounters.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a block producer's forge counters say of the leader slots that started between two readings of them: a
 * {@link SlotForge} per slot. Pure and total: any values (unknown, negative, lower than before) give an answer and
 * never an exception.
 *
 * <p>Counters say how many, not which slot, so they decide only what they cannot confuse:
 * <ul>
 *   <li>the leader-slot counters ({@code adopted}, {@code didntAdopt}, {@code forgedInvalid}, {@code couldNotForge};
 *       each counts once per leader slot the forge loop handled): when exactly one of them moved, and by exactly the
 *       number of slots, every slot gets its outcome; when none moved, no slot was forged in;</li>
 *   <li>{@code blockFromFuture} counts leadership checks, of any slot, not leader slots: when it moved and no
 *       leader-slot counter did, the forge loop skipped checks in the interval for a block from the future, which is
 *       what explains a leader slot with no block ({@link ForgeOutcome#FROM_FUTURE} for each);</li>
 *   <li>anything else (two kinds moved, or one by another number than the slots) is ambiguous: each slot gets
 *       {@link ForgeOutcome#NONE} with a source saying so, and the producer's condition decides its verdict.</li>
 * </ul>
 * A counter lower than at the first reading means the node restarted in between: the second reading counts from 0.
 * A negative or unknown value makes its counter unknown; an unknown counter moved nothing that can be shown, so it
 * never decides (in particular, {@link ForgeOutcome#ADOPTED} only ever comes from {@code adopted} moving).
 */
public final class CounterAttribution {
  /** The counters that count once per leader slot the forge loop handled. */
  private static final List<Kind> LEADER_SLOT_KINDS = List.of(Kind.ADOPTED, Kind.DIDNT_ADOPT, Kind.FORGED_INVALID,
      Kind.COULD_NOT_FORGE);

  private CounterAttribution() {}

  /**
   * What the forge counters say of one slot.
   *
   * @param forge the outcome
   * @param sources the counters that moved, e.g. {@code Forge_adopted +1}, or why nothing could be said
   */
  public record SlotForge(ForgeOutcome forge, List<String> sources) {
    /** Copies the sources. */
    public SlotForge {
      java.util.Objects.requireNonNull(forge, "forge");
      sources = List.copyOf(sources);
    }

    /**
     * The outcome given the producer's condition at the slot. {@code Forge_could_not_forge} counts a missing ledger
     * view or ledger state in both tracing systems, and in the new one also a node that cannot forge (its KES key or
     * opcert: {@code TraceNodeCannotForge}): it is read as {@link ForgeOutcome#NO_LEDGER_VIEW}, the one case both
     * count, unless the health judge saw the producer's credentials refuse it at the slot ({@link
     * ProducerCondition#KES_INVALID}), which names the other cause ({@link ForgeOutcome#CANNOT_FORGE}).
     */
    public SlotForge given(ProducerCondition condition) {
      return forge == ForgeOutcome.NO_LEDGER_VIEW && condition == ProducerCondition.KES_INVALID
          ? new SlotForge(ForgeOutcome.CANNOT_FORGE, sources) : this;
    }
  }

  /**
   * The forge outcome of each slot that started between the readings.
   *
   * @param before the counters at the first reading (null: unknown)
   * @param after the counters at the second reading (null: unknown)
   * @param slots the leader slots whose start lies between the readings (duplicates count once)
   * @return each slot's outcome, by slot, ascending
   */
  public static Map<Long, SlotForge> attribute(ForgeCounters before, ForgeCounters after, Collection<Long> slots) {
    ForgeCounters b = before == null ? ForgeCounters.UNKNOWN : before;
    ForgeCounters a = after == null ? ForgeCounters.UNKNOWN : after;
    TreeSet<Long> each = new TreeSet<>();
    if (slots != null) {
      slots.stream().filter(java.util.Objects::nonNull).forEach(each::add);
    }
    Map<Long, SlotForge> out = new TreeMap<>();
    if (each.isEmpty()) {
      return out;
    }
    Map<Kind, Long> delta = new EnumMap<>(Kind.class);
    List<String> moved = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (Kind k : Kind.values()) {
      Long d = delta(b.get(k), a.get(k));
      if (d == null) {
        unknown.add(k.metric());
        continue;
      }
      delta.put(k, d);
      if (d > 0) {
        moved.add(k.metric() + " +" + d + (a.get(k) < b.get(k) ? " (the node restarted: counted from 0)" : ""));
      }
    }
    SlotForge forge = decide(delta, each.size(), moved, unknown);
    each.forEach(s -> out.put(s, forge));
    return out;
  }

  private static SlotForge decide(Map<Kind, Long> delta, int slots, List<String> moved, List<String> unknown) {
    List<Kind> leaderMoved = LEADER_SLOT_KINDS.stream().filter(k -> delta.getOrDefault(k, 0L) > 0).toList();
    if (leaderMoved.size() == 1 && delta.get(leaderMoved.get(0)) == slots) {
      return new SlotForge(outcome(leaderMoved.get(0)), moved);
    }
    if (!leaderMoved.isEmpty()) {
      List<String> sources = new ArrayList<>();
      sources.add("forge counters ambiguous over " + slots + (slots == 1 ? " leader slot: " : " leader slots: ")
          + String.join(", ", moved));
      return new SlotForge(ForgeOutcome.NONE, sources);
    }
    if (delta.getOrDefault(Kind.BLOCK_FROM_FUTURE, 0L) > 0) {
      return new SlotForge(ForgeOutcome.FROM_FUTURE, moved);
    }
    if (LEADER_SLOT_KINDS.stream().noneMatch(delta::containsKey)) {
      return new SlotForge(ForgeOutcome.NONE, List.of("forge counters not known (the node exposes none, or its"
          + " agent was not read before and after the slot)"));
    }
    List<String> sources = new ArrayList<>();
    sources.add("no forge counter moved" + (moved.isEmpty() ? "" : " but " + String.join(", ", moved))
        + (unknown.isEmpty() ? "" : "; not exposed: " + String.join(", ", unknown)));
    return new SlotForge(ForgeOutcome.NONE, sources);
  }

  /** What one leader-slot counter moving says of a slot (see {@link SlotForge#given} for could-not-forge). */
  private static ForgeOutcome outcome(Kind k) {
    return switch (k) {
      case ADOPTED -> ForgeOutcome.ADOPTED;
      case DIDNT_ADOPT -> ForgeOutcome.NOT_ADOPTED;
      case FORGED_INVALID -> ForgeOutcome.INVALID;
      case COULD_NOT_FORGE -> ForgeOutcome.NO_LEDGER_VIEW;
      case BLOCK_FROM_FUTURE -> ForgeOutcome.FROM_FUTURE;
      case NODE_IS_LEADER -> ForgeOutcome.NONE;
    };
  }

  /** How much a counter moved between the readings; null when unknown (either value unknown or negative). */
  private static Long delta(Long before, Long after) {
    if (before == null || after == null || before < 0 || after < 0) {
      return null;
    }
    // Lower than before: the node restarted and counts from 0 since.
    return after >= before ? after - before : after;
  }
}
