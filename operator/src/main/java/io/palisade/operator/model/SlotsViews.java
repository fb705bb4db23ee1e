package io.palisade.operator.model;

import io.palisade.chain.ChainClock;
import io.palisade.control.slots.ActionSpan;
import io.palisade.control.slots.ChainCheck;
import io.palisade.control.slots.ConditionChange;
import io.palisade.control.slots.EpochSlots;
import io.palisade.control.slots.EpochSummary;
import io.palisade.control.slots.ForgeCounters;
import io.palisade.control.slots.ForgeOutcome;
import io.palisade.control.slots.PalisadeAction;
import io.palisade.control.slots.ProducerCondition;
import io.palisade.control.slots.SlotClassification;
import io.palisade.control.slots.SlotEvidence;
import io.palisade.control.slots.SlotVerdict;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The slot ledger between its status form ({@link SlotsView}) and control's {@link EpochSlots}, pure. A status is
 * read defensively (someone may have edited it): an entry that does not parse is left out, never an exception.
 */
final class SlotsViews {
  private SlotsViews() {}

  /**
   * The ledger as the status holds it.
   *
   * @param epochs the previous and current epochs it holds, by epoch
   * @param carrier an epoch holding the ledger's timeline and actions
   * @param lastReading the reading that brackets the slots to come
   */
  record Loaded(TreeMap<Long, EpochSlots> epochs, EpochSlots carrier, SlotsView.ReadingView lastReading) {}

  static Loaded load(SlotsView v, long current) {
    TreeMap<Long, EpochSlots> epochs = new TreeMap<>();
    List<ConditionChange> timeline = new ArrayList<>();
    List<ActionSpan> actions = new ArrayList<>();
    if (v == null) {
      return new Loaded(epochs, EpochSlots.empty(current), null);
    }
    for (SlotsView.ConditionView c : nonNull(v.timeline)) {
      Instant at = instant(c.at);
      ProducerCondition condition = named(ProducerCondition.class, c.condition);
      if (at != null && condition != null) {
        timeline.add(new ConditionChange(at, condition, c.detail));
      }
    }
    for (SlotsView.ActionView a : nonNull(v.actions)) {
      Instant since = instant(a.since);
      if (a.what != null && since != null) {
        actions.add(new ActionSpan(a.what, since, instant(a.until), Boolean.TRUE.equals(a.affectsForging)));
      }
    }
    for (SlotsView.EpochView e : nonNull(v.epochs)) {
      if (e.epoch == null || e.epoch < 0 || e.epoch > current || e.epoch < current - 1) {
        continue;
      }
      List<Long> slots = new ArrayList<>();
      List<SlotClassification> verdicts = new ArrayList<>();
      for (SlotsView.SlotView s : nonNull(e.slots)) {
        if (s.slot == null || s.slot < 0 || slots.size() >= SlotBook.MAX_SLOTS) {
          continue;
        }
        slots.add(s.slot);
        SlotVerdict verdict = named(SlotVerdict.class, s.verdict);
        if (verdict != null) {
          ForgeOutcome forge = named(ForgeOutcome.class, s.forge);
          ProducerCondition condition = named(ProducerCondition.class, s.condition);
          Instant decided = instant(s.decidedAt);
          ChainCheck checked = named(ChainCheck.class, s.chain);
          verdicts.add(new SlotClassification(s.slot, verdict, s.because == null ? "" : s.because,
              new SlotEvidence(s.slot, forge == null ? ForgeOutcome.NONE : forge, s.forgeSources,
                  condition == null ? ProducerCondition.UNOBSERVED : condition, s.conditionDetail,
                  checked == null ? ChainCheck.UNCHECKED : checked, actionsOf(s, actions, decided)),
              decided == null ? Instant.EPOCH : decided));
        }
      }
      epochs.put(e.epoch, new EpochSlots(e.epoch, Boolean.TRUE.equals(e.scheduleKnown), slots, verdicts, timeline,
          actions));
    }
    return new Loaded(epochs, new EpochSlots(current, false, List.of(), List.of(), timeline, actions),
        v.lastReading);
  }

  /**
   * A slot's actions as its evidence had them (the chain check classifies a slot again): each found by its words
   * among the ledger's actions; one that aged out of them counts as not affecting forging, which changes no verdict
   * the chain check gives (an adopted block's fate does not depend on actions).
   */
  private static List<PalisadeAction> actionsOf(SlotsView.SlotView s, List<ActionSpan> ledger, Instant decided) {
    List<PalisadeAction> out = new ArrayList<>();
    for (String what : nonNull(s.actions)) {
      ActionSpan a = ledger.stream().filter(x -> x.what().equals(what)).findFirst().orElse(null);
      out.add(a != null ? new PalisadeAction(what, a.since(), a.affectsForging())
          : new PalisadeAction(what, decided == null ? Instant.EPOCH : decided, false));
    }
    return out;
  }

  /** The ledger's status form. */
  static SlotsView view(SlotsView previous, TreeMap<Long, EpochSlots> epochs, EpochSlots carrier,
      SlotsView.ReadingView lastReading, String producer, ChainClock chain, Instant now) {
    Map<Long, SlotsView.SlotView> kept = new LinkedHashMap<>();
    if (previous != null) {
      nonNull(previous.epochs).forEach(e -> nonNull(e.slots).stream().filter(s -> s.slot != null && s.verdict != null)
          .forEach(s -> kept.put(s.slot, s)));
    }
    SlotsView v = new SlotsView();
    v.producer = producer;
    // An epoch leaving the status (older than the previous one) keeps its summary line: the ledger compacted.
    List<String> compacted = new ArrayList<>(previous == null ? List.of() : nonNull(previous.compacted));
    if (previous != null) {
      nonNull(previous.epochs).stream().filter(e -> e.epoch != null && !epochs.containsKey(e.epoch)
          && e.summary != null).forEach(e -> compacted.add(cut(e.summary)));
    }
    v.compacted = compacted.isEmpty() ? null : last(compacted, SlotBook.MAX_COMPACTED);
    v.lastReading = lastReading;
    v.epochs = new ArrayList<>();
    for (EpochSlots e : epochs.values()) {
      EpochSummary summary = EpochSummary.of(e, chain::startOfSlot, ZoneOffset.UTC);
      SlotsView.EpochView ev = new SlotsView.EpochView();
      ev.epoch = e.epoch();
      ev.scheduleKnown = e.scheduleKnown();
      ev.summary = summary.line();
      ev.pending = summary.pending();
      ev.counts = new LinkedHashMap<>();
      for (SlotVerdict verdict : SlotVerdict.values()) {
        ev.counts.put(verdict.name(), summary.counts().get(verdict));
      }
      ev.slots = new ArrayList<>();
      for (long s : e.scheduled()) {
        SlotClassification c = e.verdict(s).orElse(null);
        SlotsView.SlotView old = kept.get(s);
        if (c != null && old != null && c.verdict().name().equals(old.verdict)
            && Objects.equals(chainName(c), old.chain)) {
          ev.slots.add(old);
        } else {
          SlotsView.SlotView fresh = slot(s, chain.startOfSlot(s), c);
          if (c != null && old != null) {
            // The chain check classified it again: the block it named stays; a question settled is no longer asked.
            fresh.blockHash = old.blockHash;
            fresh.chainAskedAt = fresh.chain == null ? old.chainAskedAt : null;
            fresh.logReads = old.logReads;
            fresh.logReadAt = old.logReadAt;
          }
          ev.slots.add(fresh);
        }
      }
      v.epochs.add(ev);
    }
    EpochSlots cur = epochs.lastEntry().getValue();
    v.summary = v.epochs.get(v.epochs.size() - 1).summary;
    Long next = cur.scheduleKnown() ? cur.scheduled().stream().filter(s -> chain.startOfSlot(s).isAfter(now))
        .findFirst().orElse(null) : null;
    if (next != null) {
      v.nextLeaderSlot = new StakePoolStatus.LeaderSlotView();
      v.nextLeaderSlot.slot = next;
      v.nextLeaderSlot.at = chain.startOfSlot(next).toString();
    }
    v.timeline = last(carrier.timeline(), SlotBook.MAX_CHANGES).stream().map(c -> {
      SlotsView.ConditionView cv = new SlotsView.ConditionView();
      cv.at = c.at().toString();
      cv.condition = c.condition().name();
      cv.detail = c.detail().isEmpty() ? null : c.detail();
      return cv;
    }).toList();
    v.actions = last(carrier.actions(), SlotBook.MAX_ACTIONS).stream().map(a -> {
      SlotsView.ActionView av = new SlotsView.ActionView();
      av.what = a.what();
      av.since = a.since().toString();
      av.until = a.until() == null ? null : a.until().toString();
      av.affectsForging = a.affectsForging();
      return av;
    }).toList();
    return v;
  }

  private static SlotsView.SlotView slot(long s, Instant at, SlotClassification c) {
    SlotsView.SlotView v = new SlotsView.SlotView();
    v.slot = s;
    v.at = at.toString();
    if (c == null) {
      return v;
    }
    SlotEvidence e = c.evidence();
    v.verdict = c.verdict().name();
    v.because = cut(c.because());
    v.forge = e.forge().name();
    v.forgeSources = e.forgeSources().isEmpty() ? null : e.forgeSources().stream().map(SlotsViews::cut).toList();
    v.condition = e.condition().name();
    v.conditionDetail = e.conditionDetail().isEmpty() ? null : cut(e.conditionDetail());
    v.actions = e.actions().isEmpty() ? null : e.actions().stream().map(PalisadeAction::what).map(SlotsViews::cut)
        .toList();
    v.decidedAt = c.decidedAt().toString();
    v.chain = chainName(c);
    v.evidence = cut("forge " + e.forge().name() + (e.forgeSources().isEmpty() ? ""
        : " (" + String.join(", ", e.forgeSources()) + ")") + "; producer " + e.condition().name()
        + (e.conditionDetail().isEmpty() ? "" : " (" + e.conditionDetail() + ")") + "; Palisade actions: "
        + (e.actions().isEmpty() ? "none" : String.join("; ", e.actions().stream().map(PalisadeAction::what)
            .toList())) + "; chain " + e.chain().name());
    return v;
  }

  /** A slot's chain check as the status names it: absent while unchecked. */
  static String chainName(SlotClassification c) {
    return c.evidence().chain() == ChainCheck.UNCHECKED ? null : c.evidence().chain().name();
  }

  /** A copy of a slot's status form, to change without touching the status it was read from. */
  static SlotsView.SlotView copy(SlotsView.SlotView s) {
    SlotsView.SlotView v = new SlotsView.SlotView();
    v.slot = s.slot;
    v.at = s.at;
    v.verdict = s.verdict;
    v.because = s.because;
    v.evidence = s.evidence;
    v.forge = s.forge;
    v.forgeSources = s.forgeSources;
    v.condition = s.condition;
    v.conditionDetail = s.conditionDetail;
    v.actions = s.actions;
    v.decidedAt = s.decidedAt;
    v.chain = s.chain;
    v.blockHash = s.blockHash;
    v.chainAskedAt = s.chainAskedAt;
    v.logReads = s.logReads;
    v.logReadAt = s.logReadAt;
    return v;
  }

  /** A reading's status form. */
  static SlotsView.ReadingView reading(SlotReading r) {
    SlotsView.ReadingView v = new SlotsView.ReadingView();
    v.at = r.countedTo().toString();
    v.node = r.node();
    v.podUid = r.podUid();
    v.counters = r.counters().isUnknown() ? null : r.counters().known();
    return v;
  }

  /** A reading's counters (unknown ones, and any that does not parse, stay unknown). */
  static ForgeCounters counters(SlotsView.ReadingView v) {
    Map<String, Long> c = v.counters == null ? Map.of() : v.counters;
    java.util.function.Function<ForgeCounters.Kind, Long> get = k -> c.get(k.metric());
    return new ForgeCounters(get.apply(ForgeCounters.Kind.ADOPTED), get.apply(ForgeCounters.Kind.DIDNT_ADOPT),
        get.apply(ForgeCounters.Kind.FORGED_INVALID), get.apply(ForgeCounters.Kind.COULD_NOT_FORGE),
        get.apply(ForgeCounters.Kind.BLOCK_FROM_FUTURE), get.apply(ForgeCounters.Kind.NODE_IS_LEADER));
  }

  /** A time of the status, or null when absent or not a time. */
  static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static <E extends Enum<E>> E named(Class<E> type, String name) {
    if (name == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list.stream().filter(java.util.Objects::nonNull).toList();
  }

  private static <T> List<T> last(List<T> list, int max) {
    return list.size() <= max ? list : list.subList(list.size() - max, list.size());
  }

  /** One line of at most 500 characters: the status stays small whatever a reason says. */
  private static String cut(String s) {
    return s.length() <= 500 ? s : s.substring(0, 497) + "...";
  }
}
