package io.palisade.control.slots;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One epoch of the slot ledger: the pool's leader slots, the verdict of each slot decided so far, the block
 * producer's condition over the epoch and the Palisade actions in it. Immutable; changes through withers. Bounded: at
 * most {@link #MAX_SLOTS} slots, {@link #MAX_CHANGES} condition changes and {@link #MAX_ACTIONS} actions (the
 * oldest changes and actions go first; a slot before the first kept change is judged as unobserved).
 *
 * @param epoch the epoch
 * @param scheduleKnown whether {@code scheduled} is the whole schedule (false: only the slots seen forged so far)
 * @param scheduled the leader slots, ascending
 * @param verdicts the slots decided so far, ascending by slot
 * @param timeline the producer's condition changes, oldest first
 * @param actions Palisade's actions, oldest first
 */
public record EpochSlots(long epoch, boolean scheduleKnown, List<Long> scheduled, List<SlotClassification> verdicts,
    List<ConditionChange> timeline, List<ActionSpan> actions) {
  /** At most this many leader slots an epoch (mainnet's whole epoch at σ = 1 is about 21 600). */
  public static final int MAX_SLOTS = 50_000;
  /** At most this many condition changes are kept. */
  public static final int MAX_CHANGES = 2_000;
  /** At most this many actions are kept. */
  public static final int MAX_ACTIONS = 500;

  /** Checks the fields, sorts and bounds the lists. */
  public EpochSlots {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0");
    }
    scheduled = List.copyOf(new TreeSet<>(scheduled == null ? List.of() : scheduled));
    if (scheduled.size() > MAX_SLOTS) {
      throw new IllegalArgumentException("an epoch has at most " + MAX_SLOTS + " leader slots here");
    }
    verdicts = verdicts == null ? List.of() : verdicts.stream()
        .sorted(Comparator.comparingLong(SlotClassification::slot)).toList();
    timeline = last(timeline == null ? List.of() : timeline, MAX_CHANGES);
    actions = last(actions == null ? List.of() : actions, MAX_ACTIONS);
  }

  /** An epoch nothing is known of yet. */
  public static EpochSlots empty(long epoch) {
    return new EpochSlots(epoch, false, List.of(), List.of(), List.of(), List.of());
  }

  /** With the epoch's whole schedule (slots already known stay: a recorded block proves its slot). */
  public EpochSlots withSchedule(List<Long> slots) {
    List<Long> all = new ArrayList<>(scheduled);
    all.addAll(slots);
    return new EpochSlots(epoch, true, all, verdicts, timeline, actions);
  }

  /** With one more slot known to be ours (a recorded block), the schedule's completeness unchanged. */
  public EpochSlots withSlot(long slot) {
    if (scheduled.contains(slot)) {
      return this;
    }
    List<Long> all = new ArrayList<>(scheduled);
    all.add(slot);
    return new EpochSlots(epoch, scheduleKnown, all, verdicts, timeline, actions);
  }

  /** With the producer's condition at {@code at}; unchanged (the same object) when it is the current one. */
  public EpochSlots withCondition(Instant at, ProducerCondition condition, String detail) {
    Optional<ConditionChange> last = timeline.isEmpty() ? Optional.empty()
        : Optional.of(timeline.get(timeline.size() - 1));
    if (last.isPresent() && (last.get().condition() == condition || at.isBefore(last.get().at()))) {
      return this;
    }
    List<ConditionChange> t = new ArrayList<>(timeline);
    t.add(new ConditionChange(at, condition, detail));
    return new EpochSlots(epoch, scheduleKnown, scheduled, verdicts, t, actions);
  }

  /** With an action started. */
  public EpochSlots withAction(ActionSpan action) {
    List<ActionSpan> a = new ArrayList<>(actions);
    a.add(action);
    return new EpochSlots(epoch, scheduleKnown, scheduled, verdicts, timeline, a);
  }

  /** With the actions still running that {@code which} selects ended at {@code at}; the same object if none. */
  public EpochSlots withActionsEnded(Instant at, java.util.function.Predicate<ActionSpan> which) {
    if (actions.stream().noneMatch(a -> a.until() == null && which.test(a))) {
      return this;
    }
    List<ActionSpan> a = actions.stream().map(s -> s.until() == null && which.test(s) ? s.endedAt(at) : s).toList();
    return new EpochSlots(epoch, scheduleKnown, scheduled, verdicts, timeline, a);
  }

  /** With a slot's verdict (replacing an earlier one for the same slot). */
  public EpochSlots withVerdict(SlotClassification c) {
    List<SlotClassification> v = new ArrayList<>(verdicts.stream().filter(x -> x.slot() != c.slot()).toList());
    v.add(c);
    return withSlot(c.slot()).withVerdicts(v);
  }

  private EpochSlots withVerdicts(List<SlotClassification> v) {
    return new EpochSlots(epoch, scheduleKnown, scheduled, v, timeline, actions);
  }

  /** The verdict of a slot, if decided. */
  public Optional<SlotClassification> verdict(long slot) {
    return verdicts.stream().filter(v -> v.slot() == slot).findFirst();
  }

  /** The producer's condition at {@code t} (unobserved before the first change). */
  public ConditionChange conditionAt(Instant t) {
    ConditionChange at = new ConditionChange(t, ProducerCondition.UNOBSERVED, "");
    for (ConditionChange c : timeline) {
      if (c.at().isAfter(t)) {
        break;
      }
      at = c;
    }
    return at;
  }

  /** The actions in progress at {@code t}. */
  public List<PalisadeAction> actionsAt(Instant t) {
    return actions.stream().filter(a -> a.covers(t)).map(ActionSpan::action).toList();
  }

  /** The actions not yet ended. */
  public List<ActionSpan> running() {
    return actions.stream().filter(a -> a.until() == null).toList();
  }

  /**
   * A slot's evidence: what the forge loop recorded for it, with the producer's condition and the actions at the
   * slot's start.
   */
  public SlotEvidence evidence(long slot, Instant slotStart, ForgeOutcome forge, List<String> forgeSources,
      ChainCheck chain) {
    return evidence(slot, slotStart, forge, forgeSources, "", chain);
  }

  /** A slot's evidence, with the trace the forge loop recorded for it (empty: none). */
  public SlotEvidence evidence(long slot, Instant slotStart, ForgeOutcome forge, List<String> forgeSources,
      String trace, ChainCheck chain) {
    ConditionChange c = conditionAt(slotStart);
    return new SlotEvidence(slot, forge, forgeSources, trace, c.condition(), c.detail(), chain, actionsAt(slotStart));
  }

  private static <T> List<T> last(List<T> list, int max) {
    Objects.requireNonNull(list);
    return List.copyOf(list.size() <= max ? list : list.subList(list.size() - max, list.size()));
  }
}
