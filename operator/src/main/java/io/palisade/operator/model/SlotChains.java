package io.palisade.operator.model;

import io.palisade.chain.ChainClock;
import io.palisade.control.ControlEvent;
import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.slots.ChainCheck;
import io.palisade.control.slots.EpochSlots;
import io.palisade.control.slots.ForgeOutcome;
import io.palisade.control.slots.SlotClassification;
import io.palisade.control.slots.SlotClassifier;
import io.palisade.control.slots.SlotVerdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The slot ledger's chain check on Kubernetes, pure (the single host's rule, {@code ChainRechecks}): an adopted slot
 * whose block the producer's log named ({@code blockHash}, kept in the status so the check does not depend on the log
 * still holding the line) is looked for on the pool's relays' chain {@code after} its start (an hour). Found: it stays
 * adopted, {@code chain: ON_CHAIN}; none has it and one is past the slot: {@code lost height battle or propagation},
 * {@code NOT_ON_CHAIN}, with a Warning event like a missed slot's; none can tell: it stays unchecked and is asked again
 * {@link #RETRY} after ({@code chainAskedAt}). A slot without a hash is never asked. The I/O (the log, the relays) is
 * the reconciler's; this decides what to ask, and what the answers make of the ledger.
 *
 * <p>Why an hour: a block the producer adopted can still be dropped for a longer fork while the chain is young; an
 * hour (about 180 blocks on mainnet) is where operators look.
 */
public final class SlotChains {
  /** How long after its slot a block is looked for on the relays' chain. */
  public static final Duration AFTER = Duration.ofHours(1);
  /** How long between two questions for one slot when the relays could not tell. */
  public static final Duration RETRY = Duration.ofMinutes(1);
  /** How many times the producer's log is read for an adopted slot's block before the slot is left unchecked. */
  public static final int LOG_READS = 3;
  /** How long after a read that did not name the block the log is read again. */
  public static final Duration LOG_RETRY = Duration.ofMinutes(2);
  /** How long after a slot's decision its block is looked for in the log (the pod's log is not kept for ever). */
  public static final Duration LOG_HORIZON = Duration.ofHours(1);
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  private SlotChains() {}

  /**
   * A block to look for.
   *
   * @param slot its slot
   * @param blockHash its header hash (64 lower-case hex digits)
   */
  public record Question(long slot, String blockHash) {}

  /**
   * What the answers make of the ledger.
   *
   * @param view the ledger for the status
   * @param events a Warning event per slot whose block the relays' chain does not hold
   * @param wakeAt when the next question is due, if any is to come
   */
  public record Step(SlotsView view, List<ControlEvent> events, Optional<Instant> wakeAt) {}

  /**
   * The adopted slots whose block is to be looked for in the producer's log now, oldest first: not yet named, read
   * fewer than {@link #LOG_READS} times, the last read {@link #LOG_RETRY} ago, within {@link #LOG_HORIZON} of the
   * slot's decision. A read that failed (the API server's error, a timeout) is tried again, so one bad moment does not
   * leave the slot unchecked for good.
   */
  public static List<Long> logsDue(SlotsView view, Instant now) {
    return slots(view).stream().filter(s -> {
      Instant at = logDueAt(s);
      return at != null && !now.isBefore(at)
          && !now.isAfter(SlotsViews.instant(s.decidedAt).plus(LOG_HORIZON)); // a pass long after: given up
    }).map(s -> s.slot).sorted().toList();
  }

  /**
   * The ledger after reads of the producer's log: a slot whose block it named keeps the hash (a hash that is not 64
   * hex digits is no hash), one it did not counts the read ({@code logReads}, {@code logReadAt}); a slot that is not
   * adopted, or has its hash, is left as it is.
   *
   * @param view the ledger
   * @param read each slot read, with the hash the log gave, if any
   * @param now the time of the reads
   * @return the ledger (the same instance when nothing was read)
   */
  public static SlotsView withLogReads(SlotsView view, Map<Long, Optional<String>> read, Instant now) {
    if (view == null || read.isEmpty()) {
      return view;
    }
    return mapSlots(view, s -> {
      Optional<String> h = read.get(s.slot);
      if (h == null || s.blockHash != null || !adopted(s)) {
        return s;
      }
      String hash = h.map(x -> x.toLowerCase(Locale.ROOT)).filter(x -> HASH.matcher(x).matches()).orElse(null);
      SlotsView.SlotView c = SlotsViews.copy(s);
      if (hash != null) {
        c.blockHash = hash;
        c.logReads = null;
        c.logReadAt = null;
      } else {
        c.logReads = (s.logReads == null ? 0 : s.logReads) + 1;
        c.logReadAt = now.toString();
      }
      return c;
    });
  }

  /**
   * The questions due at {@code now}: adopted, unchecked slots with a hash, {@code after} their start, not asked in
   * the last {@link #RETRY}.
   */
  public static List<Question> due(SlotsView view, Instant now, Duration after, ChainClock chain) {
    List<Question> out = new ArrayList<>();
    for (SlotsView.SlotView s : slots(view)) {
      Instant at = dueAt(s, after, chain);
      if (at != null && !now.isBefore(at)) {
        out.add(new Question(s.slot, s.blockHash));
      }
    }
    return out;
  }

  /**
   * The relays' answers applied to the ledger.
   *
   * @param view the ledger
   * @param answers each asked slot's answer ({@link ChainCheck#UNCHECKED}: no relay could tell)
   * @param chain the chain's clock
   * @param now the time of the pass
   * @param after how long after its slot a block is looked for
   * @return the ledger, the events, the next question's time
   */
  public static Step apply(SlotsView view, Map<Long, ChainCheck> answers, ChainClock chain, Instant now,
      Duration after) {
    if (view == null) {
      return new Step(null, List.of(), Optional.empty());
    }
    long current = chain.epochOf(chain.slotAt(now));
    SlotsViews.Loaded loaded = SlotsViews.load(view, current);
    TreeMap<Long, EpochSlots> epochs = loaded.epochs();
    SlotClassifier classifier = new SlotClassifier(Clock.fixed(now, ZoneOffset.UTC));
    List<ControlEvent> events = new ArrayList<>();
    Set<Long> unsure = new HashSet<>();
    boolean changed = false;
    Set<Long> checkable = new HashSet<>();
    slots(view).stream().filter(s -> dueAt(s, after, chain) != null).forEach(s -> checkable.add(s.slot));
    for (Map.Entry<Long, ChainCheck> a : answers.entrySet()) {
      long slot = a.getKey();
      EpochSlots e = epochs.get(chain.epochOf(slot));
      Optional<SlotClassification> c = e == null ? Optional.empty() : e.verdict(slot);
      if (c.isEmpty() || !checkable.contains(slot)) {
        continue; // nothing to check there (any more)
      }
      if (a.getValue() == null || a.getValue() == ChainCheck.UNCHECKED) {
        unsure.add(slot);
        continue;
      }
      SlotClassification n = classifier.classify(c.get().evidence().withChain(a.getValue()));
      epochs.put(e.epoch(), e.withVerdict(n));
      changed = true;
      if (n.verdict() == SlotVerdict.LOST_HEIGHT_BATTLE) {
        events.add(ControlEvent.of(now, Reason.LEADER_SLOT_MISSED, view.producer, "leader slot " + slot + " (epoch "
            + e.epoch() + ", " + chain.startOfSlot(slot) + ") " + n.verdict().words() + ": " + n.because()));
      }
    }
    SlotsView out = view;
    if (changed) {
      out = SlotsViews.view(view, epochs, loaded.carrier(), view.lastReading, view.producer, chain, now);
      out.hotKeys = view.hotKeys;
    }
    if (!unsure.isEmpty()) {
      out = mapSlots(out, s -> {
        if (!unsure.contains(s.slot)) {
          return s;
        }
        SlotsView.SlotView c = SlotsViews.copy(s);
        c.chainAskedAt = now.toString();
        return c;
      });
    }
    return new Step(out, events, next(out, after, chain, now));
  }

  /** When the next question (or read of the log) is due after {@code now}, if any is to come. */
  public static Optional<Instant> next(SlotsView view, Duration after, ChainClock chain, Instant now) {
    return slots(view).stream().flatMap(s -> Stream.of(dueAt(s, after, chain), logDueAt(s)))
        .filter(t -> t != null && t.isAfter(now)).min(Instant::compareTo);
  }

  /** When a slot's next read of the log is due, or null when it has none (named, not adopted, given up on). */
  private static Instant logDueAt(SlotsView.SlotView s) {
    Instant decided = SlotsViews.instant(s.decidedAt);
    int reads = s.logReads == null ? 0 : s.logReads;
    if (!adopted(s) || s.chain != null || s.blockHash != null || decided == null || reads >= LOG_READS) {
      return null;
    }
    Instant last = SlotsViews.instant(s.logReadAt);
    Instant at = reads == 0 || last == null ? decided : last.plus(LOG_RETRY);
    return at.isAfter(decided.plus(LOG_HORIZON)) ? null : at;
  }

  /** When a slot's question is due, or null when it has none (not adopted, checked, or no hash). */
  private static Instant dueAt(SlotsView.SlotView s, Duration after, ChainClock chain) {
    if (!adopted(s) || s.chain != null || s.blockHash == null || !HASH.matcher(s.blockHash).matches()) {
      return null;
    }
    Instant due = chain.startOfSlot(s.slot).plus(after);
    Instant asked = SlotsViews.instant(s.chainAskedAt);
    return asked != null && asked.plus(RETRY).isAfter(due) ? asked.plus(RETRY) : due;
  }

  private static boolean adopted(SlotsView.SlotView s) {
    return s.slot != null && s.slot >= 0 && SlotVerdict.ADOPTED.name().equals(s.verdict)
        && ForgeOutcome.ADOPTED.name().equals(s.forge);
  }

  private static List<SlotsView.SlotView> slots(SlotsView view) {
    if (view == null || view.epochs == null) {
      return List.of();
    }
    return view.epochs.stream().filter(e -> e != null && e.slots != null).flatMap(e -> e.slots.stream())
        .filter(s -> s != null && s.slot != null).toList();
  }

  /** A copy of the ledger whose slots went through {@code f} (the given view is not changed). */
  private static SlotsView mapSlots(SlotsView v, UnaryOperator<SlotsView.SlotView> f) {
    SlotsView out = new SlotsView();
    out.summary = v.summary;
    out.nextLeaderSlot = v.nextLeaderSlot;
    out.producer = v.producer;
    out.compacted = v.compacted;
    out.hotKeys = v.hotKeys;
    out.lastReading = v.lastReading;
    out.timeline = v.timeline;
    out.actions = v.actions;
    if (v.epochs != null) {
      out.epochs = new ArrayList<>();
      for (SlotsView.EpochView e : v.epochs) {
        if (e == null) {
          continue;
        }
        SlotsView.EpochView c = new SlotsView.EpochView();
        c.epoch = e.epoch;
        c.scheduleKnown = e.scheduleKnown;
        c.summary = e.summary;
        c.counts = e.counts;
        c.pending = e.pending;
        c.slots = e.slots == null ? null : e.slots.stream().map(s -> s == null || s.slot == null ? s : f.apply(s))
            .toList();
        out.epochs.add(c);
      }
    }
    return out;
  }
}
