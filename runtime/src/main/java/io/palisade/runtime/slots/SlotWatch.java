package io.palisade.runtime.slots;

import io.palisade.chain.ChainClock;
import io.palisade.control.ControlEvent;
import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.NodeObservation;
import io.palisade.control.lease.ProducerLease;
import io.palisade.control.slots.ActionSpan;
import io.palisade.control.slots.ChainCheck;
import io.palisade.control.slots.ConditionChange;
import io.palisade.control.slots.EpochSlots;
import io.palisade.control.slots.ForgeOutcome;
import io.palisade.control.slots.ProducerCondition;
import io.palisade.control.slots.SlotClassification;
import io.palisade.control.slots.SlotClassifier;
import io.palisade.control.slots.SlotVerdict;
import io.palisade.runtime.local.DataDir;
import io.palisade.runtime.local.LocalPool;
import io.palisade.spec.LoadedPoolSpec;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Feeds the slot ledger, on its own thread so a schedule's computation never holds up the control loop. Every
 * {@code poll} it records the block producer's condition (from the control loop's latest observations) when it
 * changed, reads the epoch's schedule until it has it, and decides every leader slot that ended {@code settle} ago
 * from its evidence; the pool's events open and close Palisade's actions. Each change is written at once.
 *
 * <p>With a standby, the forging lease decides whose records count for a slot: the holder's for a slot at or after
 * it got the lease (another producer's line for such a slot is stale, or a fence that failed, and is not used); for an
 * earlier slot the holder's first, then the former holder's. A record that comes after its slot was judged
 * {@code unknown} (a node whose clock is behind by more than the settle time records its slot late) replaces that
 * verdict: the evidence explains what nothing did before; any other verdict is final.
 */
public final class SlotWatch implements AutoCloseable {
  /** Reasons of actions that stop the block producer or change what it forges with (when they name it). */
  static final Set<Reason> AFFECTING = EnumSet.of(Reason.NODE_UPGRADING, Reason.NODE_ROLLING_BACK,
      Reason.NODE_RESTART_REQUESTED, Reason.VOLUME_DELETED, Reason.KEYS_ROTATED, Reason.KEYS_REVOKED,
      Reason.SWITCHOVER_STARTED);
  /** Reasons that start an action of the pool that leaves the block producer alone. */
  static final Set<Reason> POOL_ACTIONS = EnumSet.of(Reason.ROLLOUT_STARTED, Reason.RELAY_ADD_STARTED);
  /** Reasons that end the pool's actions. */
  static final Set<Reason> POOL_ACTIONS_END = EnumSet.of(Reason.ROLLOUT_SUCCEEDED, Reason.ROLLOUT_ROLLED_BACK,
      Reason.VERSION_FAILED, Reason.RELAY_ADDED, Reason.RELAY_ADD_FAILED, Reason.POOL_STOPPED);
  /** An action on the producer ends when it is seen forging after having been seen not forging, or this long after. */
  static final Duration QUIET_RESTART = Duration.ofSeconds(60);
  private static final Map<String, Reason> BY_WIRE = java.util.Arrays.stream(Reason.values())
      .collect(Collectors.toMap(Reason::wire, Function.identity()));

  private final SlotLedger ledger;
  private final ChainClock chain;
  /** The forging lease now: the block producer's for ever, or with a standby the lease's holder and since when. */
  private final Supplier<ProducerLease> lease;
  private final SlotSources sources;
  private final Supplier<Map<String, NodeObservation>> observed;
  private final Clock clock;
  private final Duration settle;
  private final Consumer<String> progress;
  private final SlotClassifier classifier;
  private final Map<Long, EpochSlots> epochs = new HashMap<>();
  private final Set<String> said = new TreeSet<>();
  private final ScheduledExecutorService thread;

  /**
   * A watch, not started.
   *
   * @param ledger where the epochs are kept
   * @param chain the pool's chain clock
   * @param producer the block producer's name
   * @param sources the schedule and the forge record
   * @param observed the control loop's latest observations (called on the watch's thread)
   * @param clock now
   * @param settle how long after a slot its verdict is decided (the forge record is written when the block is)
   * @param progress receives a line when a source fails (once per kind of failure)
   */
  public SlotWatch(SlotLedger ledger, ChainClock chain, String producer, SlotSources sources,
      Supplier<Map<String, NodeObservation>> observed, Clock clock, Duration settle, Consumer<String> progress) {
    this(ledger, chain, constant(Objects.requireNonNull(producer, "producer")), sources, observed, clock, settle,
        progress);
  }

  /** The lease of a pool without a standby: its block producer, holding it since the beginning of time. */
  static Supplier<ProducerLease> constant(String producer) {
    ProducerLease always = new ProducerLease(producer, 1, Instant.EPOCH);
    return () -> always;
  }

  /**
   * A watch of a pool with a standby, not started: the slots are judged by the condition and the records of whichever
   * producer holds the forging lease at the time.
   *
   * @param ledger where the epochs are kept
   * @param chain the pool's chain clock
   * @param lease the forging lease now: its holder and since when (called on the watch's thread)
   * @param sources the schedule and the forge records
   * @param observed the control loop's latest observations (called on the watch's thread)
   * @param clock now
   * @param settle how long after a slot its verdict is decided
   * @param progress receives a line when a source fails (once per kind of failure)
   */
  public SlotWatch(SlotLedger ledger, ChainClock chain, Supplier<ProducerLease> lease, SlotSources sources,
      Supplier<Map<String, NodeObservation>> observed, Clock clock, Duration settle, Consumer<String> progress) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.chain = Objects.requireNonNull(chain, "chain");
    this.lease = Objects.requireNonNull(lease, "lease");
    this.sources = Objects.requireNonNull(sources, "sources");
    this.observed = Objects.requireNonNull(observed, "observed");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settle = Objects.requireNonNull(settle, "settle");
    this.progress = progress == null ? s -> { } : progress;
    this.classifier = new SlotClassifier(clock);
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "palisade-slot-watch");
      t.setDaemon(true);
      return t;
    });
  }

  /** How long after a slot's start its verdict is decided. */
  public static final Duration SETTLE = Duration.ofSeconds(20);
  /** How often the watch looks. */
  public static final Duration POLL = Duration.ofSeconds(2);
  /**
   * A test hook, not a setting: an ISO-8601 duration that replaces {@link #SETTLE} in {@link #forPool}. A simulated
   * node writes its forge record when it forges, so tests that wait for many verdicts shorten the settle time.
   */
  static final String TEST_SETTLE_PROPERTY = "palisade.test.slot-settle";

  /**
   * Starts feeding the ledger of {@code pool}'s data directory from the pool (its observations of the block producer,
   * its events) and {@code sources}; the watch stops with the pool.
   *
   * @param pool the running pool
   * @param loaded its spec (the block producer's name, the genesis)
   * @param sources the schedule and the forge record
   * @param clock now
   * @param progress receives a line when a source fails
   * @return the running watch
   * @throws IOException if the data directory cannot be used
   */
  public static SlotWatch forPool(LocalPool pool, LoadedPoolSpec loaded, SlotSources sources, Clock clock,
      Consumer<String> progress) throws IOException {
    SlotWatch w = new SlotWatch(new SlotLedger(new DataDir(pool.dataDir())), new ChainClock(loaded.genesis(), clock),
        pool::forgingLease, sources, pool::observations, clock, settle(), progress);
    pool.onEvent(w::event);
    pool.whenStopping(w);
    return w.start(POLL);
  }

  private static Duration settle() {
    String value = System.getProperty(TEST_SETTLE_PROPERTY);
    return value == null || value.isBlank() ? SETTLE : Duration.parse(value.strip());
  }

  /** Runs {@link #tick()} every {@code poll}. */
  public SlotWatch start(Duration poll) {
    thread.scheduleWithFixedDelay(this::safeTick, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Takes an event of the pool (any thread): Palisade's actions start and end with them. */
  public void event(ControlEvent e) {
    try {
      thread.execute(() -> {
        try {
          onEvent(e);
        } catch (IOException | RuntimeException ex) {
          sayOnce("event", "slot ledger: could not record " + e.reason() + ": " + ex.getMessage());
        }
      });
    } catch (RejectedExecutionException closed) {
      // The watch stopped with the pool; the control loop's own events must not fail on it.
    }
  }

  private void safeTick() {
    try {
      tick();
    } catch (IOException | RuntimeException e) {
      sayOnce("tick:" + e.getClass().getSimpleName(), "slot ledger: " + e.getMessage());
    }
  }

  /** One round: the producer's condition, the schedule, the slots to decide. Runs on the watch's thread. */
  void tick() throws IOException {
    Instant now = clock.instant();
    long current = chain.epochOf(chain.slotAt(now));
    NodeObservation o = observed.get().get(lease.get().holder());
    ProducerCondition condition = ProducerCondition.of(o);
    Instant at = o == null ? now : o.observedAt();
    EpochSlots e = epoch(current);
    e = e.withCondition(at, condition, o == null ? "" : o.reasonText());
    if (condition == ProducerCondition.FORGING) {
      EpochSlots before = e;
      e = e.withActionsEnded(at, a -> a.affectsForging() && quiet(before, a, at));
    }
    if (!e.scheduleKnown()) {
      try {
        var slots = sources.leaderSlots(current);
        if (slots.isPresent()) {
          e = e.withSchedule(slots.get());
        }
      } catch (IOException | RuntimeException ex) {
        sayOnce("schedule", "slot ledger: the schedule of epoch " + current + " cannot be read yet: "
            + ex.getMessage());
      }
    }
    store(e);
    long previous = chain.epochOf(chain.slotAt(now.minus(settle)));
    if (previous != current) {
      store(decide(epoch(previous), now));
    }
    store(decide(epochs.get(current), now));
  }

  private boolean quiet(EpochSlots e, ActionSpan a, Instant at) {
    return !at.isBefore(a.since().plus(QUIET_RESTART)) || e.timeline().stream()
        .anyMatch(c -> !c.at().isBefore(a.since()) && c.condition() != ProducerCondition.FORGING);
  }

  private EpochSlots decide(EpochSlots e, Instant now) throws IOException {
    Map<Long, ForgedSlot> forged;
    try {
      forged = kept(sources.forged(e.epoch()), lease.get());
    } catch (IOException | RuntimeException ex) {
      sayOnce("forged", "slot ledger: the forge record cannot be read: " + ex.getMessage());
      return e;
    }
    for (ForgedSlot f : forged.values()) {
      if (chain.epochOf(f.slot()) == e.epoch()) {
        e = e.withSlot(f.slot());
      }
    }
    for (long slot : e.scheduled()) {
      Instant start = chain.startOfSlot(slot);
      ForgedSlot f = forged.get(slot);
      Optional<SlotClassification> decided = e.verdict(slot);
      boolean explainedLate = decided.isPresent() && decided.get().verdict() == SlotVerdict.UNKNOWN && f != null;
      if (decided.isPresent() && !explainedLate || now.isBefore(start.plus(settle))) {
        continue;
      }
      e = e.withVerdict(classifier.classify(e.evidence(slot, start, f == null ? ForgeOutcome.NONE : f.outcome(),
          f == null ? List.of("nothing recorded for the slot") : f.sources(), f == null ? "" : f.trace(),
          ChainCheck.UNCHECKED)));
    }
    return e;
  }

  /**
   * The record that counts for each slot: with a standby, the holder's for a slot at or after it got the lease (no
   * other), else the holder's first; a record that names no node is the one producer's.
   */
  private Map<Long, ForgedSlot> kept(List<ForgedSlot> records, ProducerLease now) {
    Map<Long, ForgedSlot> out = new HashMap<>();
    for (ForgedSlot f : records) {
      boolean holders = f.node().isEmpty() || f.node().equals(now.holder());
      if (!holders && !chain.startOfSlot(f.slot()).isBefore(now.since())) {
        continue;
      }
      ForgedSlot before = out.get(f.slot());
      if (before == null || holders && !(before.node().isEmpty() || before.node().equals(now.holder()))) {
        out.put(f.slot(), f);
      }
    }
    return out;
  }

  /** Records one event (on the watch's thread; tests call it directly). */
  void onEvent(ControlEvent ev) throws IOException {
    Reason reason = BY_WIRE.get(ev.reason());
    if (reason == null) {
      return;
    }
    long current = chain.epochOf(chain.slotAt(ev.time()));
    EpochSlots e = epoch(current);
    String what = ev.reason() + (ev.node() == null ? "" : " " + ev.node()) + ": " + ev.message();
    // A switchover's event names the producer it moves forging away from, the holder until it is done.
    if (AFFECTING.contains(reason) && lease.get().holder().equals(ev.node())) {
      e = e.withAction(new ActionSpan(what, ev.time(), null, true));
    } else if (POOL_ACTIONS.contains(reason)) {
      e = e.withAction(new ActionSpan(what, ev.time(), null, false));
    } else if (POOL_ACTIONS_END.contains(reason)) {
      e = e.withActionsEnded(ev.time(), a -> !a.affectsForging());
    }
    store(e);
  }

  /** The epoch as the ledger has it; a new one starts with the previous epoch's last condition and running actions. */
  private EpochSlots epoch(long n) throws IOException {
    EpochSlots e = epochs.get(n);
    if (e == null) {
      e = ledger.epoch(n).orElse(null);
    }
    if (e == null) {
      e = EpochSlots.empty(n);
      EpochSlots before = epochs.get(n - 1);
      if (before == null) {
        before = ledger.epoch(n - 1).orElse(null);
      }
      if (before != null) {
        Instant start = chain.startOfSlot(chain.firstSlotOfEpoch(n));
        ConditionChange last = before.conditionAt(start);
        e = e.withCondition(start, last.condition(), last.detail());
        for (ActionSpan a : before.running()) {
          e = e.withAction(a);
        }
      }
    }
    epochs.put(n, e);
    epochs.keySet().removeIf(k -> k < n - 1);
    return e;
  }

  private void store(EpochSlots e) throws IOException {
    EpochSlots known = epochs.get(e.epoch());
    epochs.put(e.epoch(), e);
    if (!e.equals(known) || !java.nio.file.Files.exists(ledger.fileOf(e.epoch()))) {
      ledger.save(e);
    }
  }

  private void sayOnce(String kind, String line) {
    if (said.add(kind)) {
      progress.accept(line);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
