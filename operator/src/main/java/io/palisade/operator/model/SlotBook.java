package io.palisade.operator.model;

import io.palisade.chain.ChainClock;
import io.palisade.control.ControlEvent;
import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.slots.ChainCheck;
import io.palisade.control.slots.CounterAttribution;
import io.palisade.control.slots.CounterAttribution.SlotForge;
import io.palisade.control.slots.EpochSlots;
import io.palisade.control.slots.ForgeCounters;
import io.palisade.control.slots.LeaderSlotGauges;
import io.palisade.control.slots.ProducerCondition;
import io.palisade.control.slots.SlotClassification;
import io.palisade.control.slots.SlotClassifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The slot ledger's pass on Kubernetes, pure: from the ledger in the status ({@link SlotsView}), what this pass saw of
 * the forging producer ({@link SlotReading}), the published schedule and the pass's own events, the ledger to write
 * back, a Warning event per missed slot and when the next pass should come to bracket the next slot tightly.
 *
 * <p>A leader slot is decided at the first pass after its end plus {@link #GRACE} that observed the producer (its
 * agent answered, with counters it sampled that long after the end, or no pod of it ran), or by any pass {@link
 * #DECIDE_LIMIT} after its end (then on what is known).
 * Its forge outcome comes from control's {@link CounterAttribution} over the producer's counters at the last reading
 * before the slot and at this pass (another pod's counters start from 0; another producer's say nothing); its
 * condition and the actions in progress from the ledger's timeline and actions at the slot's start; its verdict from
 * control's {@link SlotClassifier}, once: a verdict is final (but
 * for the chain check an hour later, {@link SlotChains}). The reading that brackets the next slots moves to this
 * pass only once every slot since the last one is decided and no slot still to decide started before its counters
 * were sampled ({@link SlotReading#countedTo()}), so counters always span whole slots, and only when they moved (or
 * the pod changed): an older reading with the same counters brackets as well.
 */
public final class SlotBook {
  /** After a slot's end, this long for the forge counters to move (adoption follows the forge within the slot). */
  public static final Duration GRACE = Duration.ofSeconds(5);
  /**
   * How soon to look again when the agent's last observation is too old to decide a slot (an agent observes its node
   * every 10 s by default, and answers with its last observation).
   */
  public static final Duration AGAIN = Duration.ofSeconds(3);
  /** A slot is decided on what is known this long after its end, even without a reading. */
  public static final Duration DECIDE_LIMIT = Duration.ofMinutes(5);
  /** At most this many leader slots an epoch in the status (a pool with about 9% of the stake). */
  public static final int MAX_SLOTS = 2_000;
  /** At most this many condition changes in the status. */
  public static final int MAX_CHANGES = 50;
  /** At most this many actions in the status. */
  public static final int MAX_ACTIONS = 30;

  /** At most this many older epochs' summary lines in the status. */
  public static final int MAX_COMPACTED = 10;

  private SlotBook() {}

  /**
   * What the pass gives back.
   *
   * @param view the ledger to write into the status
   * @param events a Warning event per slot missed, decided this pass
   * @param wakeAt when a pass should come next to decide the next slot (its end plus the grace), if any is to come
   */
  public record Step(SlotsView view, List<ControlEvent> events, Optional<Instant> wakeAt) {}

  /**
   * One pass of the ledger.
   *
   * @param previous the ledger in the status (null: none yet)
   * @param reading what the pass saw of the forging producer
   * @param schedules each epoch's whole published schedule (the current and the next, as far as published)
   * @param passEvents the pass's decisions (which start and end Palisade's actions)
   * @param hotKeys a digest of the producer's public operational certificate (null: none), whose change is a change
   *     of its hot keys
   * @param chain the chain's clock
   * @return the ledger, the events, the next pass
   */
  public static Step step(SlotsView previous, SlotReading reading, Map<Long, List<Long>> schedules,
      List<ControlEvent> passEvents, String hotKeys, ChainClock chain) {
    String previousHotKeys = previous == null ? null : previous.hotKeys;
    Instant now = reading.at();
    long current = chain.epochOf(chain.slotAt(now));
    SlotsViews.Loaded loaded = SlotsViews.load(previous, current);
    TreeMap<Long, EpochSlots> epochs = loaded.epochs();
    // Timeline and actions are the ledger's, across its epochs: kept on a carrier epoch, copied into each below.
    EpochSlots carrier = loaded.carrier();
    for (ControlEvent ev : passEvents) {
      carrier = SlotActions.apply(carrier, ev, reading.node());
    }
    if (hotKeys != null && previousHotKeys != null && !hotKeys.equals(previousHotKeys)) {
      carrier = SlotActions.hotKeysChanged(carrier, reading.node(), now);
    }
    carrier = carrier.withCondition(now, reading.condition(), reading.detail());
    if (reading.condition() == ProducerCondition.FORGING) {
      carrier = SlotActions.forgingAgain(carrier, now);
    }
    EpochSlots cur = epochs.getOrDefault(current, EpochSlots.empty(current));
    if (schedules.containsKey(current)) {
      List<Long> whole = schedules.get(current).stream().sorted().limit(MAX_SLOTS).toList();
      cur = cur.withSchedule(whole);
    }
    epochs.put(current, cur);
    epochs.headMap(current - 1).clear(); // the previous and the current epoch only
    for (Map.Entry<Long, EpochSlots> e : epochs.entrySet()) {
      EpochSlots x = e.getValue();
      e.setValue(new EpochSlots(x.epoch(), x.scheduleKnown(), x.scheduled(), x.verdicts(), carrier.timeline(),
          carrier.actions()));
    }

    ReadingState last = ReadingState.of(loaded.lastReading());
    List<Long> ready = new ArrayList<>();
    List<Long> overdue = new ArrayList<>();
    boolean waiting = false;
    boolean stale = false;
    for (EpochSlots e : epochs.values()) {
      for (long s : e.scheduled()) {
        if (e.verdict(s).isPresent() || !chain.startOfSlot(s).isBefore(now)) {
          continue;
        }
        Instant end = chain.startOfSlot(s + 1);
        if (!now.isBefore(end.plus(DECIDE_LIMIT))) {
          overdue.add(s);
        } else if (!now.isBefore(end.plus(GRACE)) && reading.observed()
            && !reading.countedFrom().isBefore(end.plus(GRACE))) {
          ready.add(s);
        } else {
          waiting = true;
          // The agent's last observation is older than the slot's end plus the grace: its next one decides.
          stale |= !now.isBefore(end.plus(GRACE)) && reading.observed();
        }
      }
    }
    List<ControlEvent> events = new ArrayList<>();
    SlotClassifier classifier = new SlotClassifier(Clock.fixed(now, ZoneOffset.UTC));
    // The counters speak for the slots since the last reading only when all of them are decided together: while one
    // is too recent, only the overdue ones are decided (on what else is known), the others wait for the next pass.
    List<Long> due = new ArrayList<>(overdue);
    Map<Long, SlotForge> forges = new TreeMap<>(CounterAttribution.attribute(ForgeCounters.UNKNOWN,
        ForgeCounters.UNKNOWN, overdue));
    if (!waiting) {
      due.addAll(ready);
      List<Long> bracketed = last == null ? List.of() : due.stream()
          .filter(s -> !chain.startOfSlot(s).isBefore(last.at())).toList();
      forges.putAll(CounterAttribution.attribute(ForgeCounters.UNKNOWN, ForgeCounters.UNKNOWN, ready));
      if (reading.observed()) {
        forges.putAll(last == null ? Map.of()
            : CounterAttribution.attribute(last.before(reading), reading.counters(), bracketed));
      }
    }
    for (long s : due) {
      EpochSlots e = epochs.get(chain.epochOf(s));
      Instant start = chain.startOfSlot(s);
      SlotForge f = forges.get(s).given(e.conditionAt(start).condition());
      SlotClassification c = classifier.classify(e.evidence(s, start, f.forge(), f.sources(), ChainCheck.UNCHECKED));
      epochs.put(e.epoch(), e.withVerdict(c));
      if (c.verdict().missed()) {
        events.add(ControlEvent.of(now, Reason.LEADER_SLOT_MISSED, reading.node(), "leader slot " + s + " (epoch "
            + e.epoch() + ", " + start + ") " + c.verdict().words() + ": " + c.because()));
      }
    }
    SlotsView.ReadingView lastView = loaded.lastReading();
    boolean settled = !waiting;
    // A slot still to decide that started before the counters were sampled (the agent answered late in the pass, or
    // observed after the pass began) may be in them: they cannot bracket it, an older reading still does.
    Instant countedTo = reading.countedTo();
    boolean straddled = epochs.values().stream().anyMatch(e -> e.scheduled().stream()
        .anyMatch(s -> e.verdict(s).isEmpty() && chain.startOfSlot(s).isBefore(countedTo)));
    if (settled && reading.observed() && !straddled) {
      // An older reading with the same counters of the same pod brackets as well (nothing moved since), and keeps
      // the status unchanged, so an idle pass writes nothing.
      SlotsView.ReadingView fresh = SlotsViews.reading(reading);
      if (lastView == null || !Objects.equals(lastView.node, fresh.node) || !Objects.equals(lastView.podUid,
          fresh.podUid) || !Objects.equals(lastView.counters, fresh.counters)) {
        lastView = fresh;
      }
    } else if (lastView != null && !reading.node().equals(lastView.node)) {
      lastView = null; // another producer forges: the former's counters say nothing of its slots
    } else if (waiting && last != null && overdue.stream().anyMatch(s -> !chain.startOfSlot(s).isBefore(last.at()))) {
      // A slot decided without its counters lies inside the bracket: what they moved for it must not be read later
      // as the waiting slots' (no bracket: their counters say nothing, never something wrong).
      lastView = null;
    }
    Optional<Instant> wake = Stream.concat(epochs.values().stream().flatMap(e -> e.scheduled().stream()
        .filter(s -> e.verdict(s).isEmpty())).map(s -> chain.startOfSlot(s + 1).plus(GRACE)),
        stale ? Stream.of(now.plus(AGAIN)) : Stream.empty()).filter(t -> t.isAfter(now)).min(Instant::compareTo);
    SlotsView view = SlotsViews.view(previous, epochs, carrier, lastView, reading.node(), chain, now);
    view.hotKeys = hotKeys;
    return new Step(view, events, wake);
  }

  /**
   * The ledger's gauges for {@code /metrics} at {@code now}, from the ledger as the status holds it (the one source
   * of {@code status.slots} and of the metrics): its previous and current epoch, as far as it has them, and the time
   * to the next leader slot, the same {@link LeaderSlotGauges} the control plane renders.
   *
   * @param ledger {@code status.slots} (null: no ledger yet, nothing known)
   * @param chain the chain's clock
   * @param now the time of the scrape
   * @return the gauges
   */
  public static LeaderSlotGauges gauges(SlotsView ledger, ChainClock chain, Instant now) {
    long current = chain.epochOf(chain.slotAt(now));
    TreeMap<Long, EpochSlots> epochs = SlotsViews.load(ledger, current).epochs();
    return LeaderSlotGauges.of(Optional.ofNullable(epochs.get(current - 1)), Optional.ofNullable(epochs.get(current)),
        now, chain::startOfSlot);
  }

  /** The last reading, as the bracket's start. */
  private record ReadingState(Instant at, String node, String podUid, ForgeCounters counters) {
    static ReadingState of(SlotsView.ReadingView v) {
      Instant at = SlotsViews.instant(v == null ? null : v.at);
      return at == null || v.node == null ? null : new ReadingState(at, v.node, v.podUid, SlotsViews.counters(v));
    }

    /**
     * The counters before, as this reading's are comparable: another producer's say nothing (unknown); another pod
     * of the same producer started after the last reading, so its counters count from 0.
     */
    ForgeCounters before(SlotReading r) {
      if (!node.equals(r.node())) {
        return ForgeCounters.UNKNOWN;
      }
      if (podUid == null || !podUid.equals(r.podUid())) {
        ForgeCounters a = r.counters();
        return new ForgeCounters(zero(a.adopted()), zero(a.didntAdopt()), zero(a.forgedInvalid()),
            zero(a.couldNotForge()), zero(a.blockFromFuture()), zero(a.nodeIsLeader()));
      }
      return counters;
    }

    private static Long zero(Long known) {
      return known == null ? null : 0L;
    }
  }
}
