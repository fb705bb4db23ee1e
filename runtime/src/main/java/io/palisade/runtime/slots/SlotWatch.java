package io.palisade.runtime.slots;

import io.palisade.chain.ChainClock;
import io.palisade.control.ControlEvent;
import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.NodeObservation;
import io.palisade.control.lease.ProducerLease;
import io.palisade.control.slots.ChainCheck;
import io.palisade.control.slots.CounterAttribution.SlotForge;
import io.palisade.control.slots.EpochSlots;
import io.palisade.control.slots.ForgeOutcome;
import io.palisade.control.slots.ProducerCondition;
import io.palisade.control.slots.SlotClassification;
import io.palisade.control.slots.SlotClassifier;
import io.palisade.control.slots.SlotVerdict;
import io.palisade.runtime.local.DataDir;
import io.palisade.runtime.local.NodeHealth;
import io.palisade.runtime.local.LocalPool;
import io.palisade.spec.LoadedPoolSpec;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import java.util.function.Supplier;

/**
 * Feeds the slot ledger, on its own thread so a schedule's computation never holds up the control loop. Every
 * {@code poll} it records the block producer's condition (from the control loop's latest observations) when it
 * changed, reads the epoch's schedule until it has it, and decides every leader slot that ended {@code settle} ago
 * from its evidence; the pool's events open and close Palisade's actions (the rules: {@link ActionEvents}). Each
 * change is written at once (the epochs it holds and saves: {@link LedgerEpochs}).
 *
 * <p>With a standby, the forging lease decides whose records count for a slot: the holder's for a slot at or after
 * it got the lease (another producer's line for such a slot is stale, or a fence that failed, and is not used); for an
 * earlier slot the holder's first, then the former holder's. A record that comes after its slot was judged
 * {@code unknown} (a node whose clock is behind by more than the settle time records its slot late) replaces that
 * verdict: the evidence explains what nothing did before; any other verdict is final.
 *
 * <p>A slot no record speaks of (a real node whose log says nothing of it) is decided on the forging producer's forge
 * counters when the watch read them before the slot and after it ({@link CounterWindow}); a record, per slot, wins.
 */
public final class SlotWatch implements AutoCloseable {
  private final LedgerEpochs epochs;
  private final ChainClock chain;
  /** The forging lease now: the block producer's for ever, or with a standby the lease's holder and since when. */
  private final Supplier<ProducerLease> lease;
  private final SlotSources sources;
  private final Supplier<Map<String, NodeObservation>> observed;
  private final Clock clock;
  private final Duration settle;
  private final Consumer<String> progress;
  private final SlotClassifier classifier;
  private final Set<String> said = new TreeSet<>();
  private final CounterWindow counters;
  private ChainRechecks rechecks;
  /** Each node's latest forge-counter reading (called on the watch's thread); none until {@link #readingCounters}. */
  private volatile Supplier<Map<String, NodeHealth.ForgeSample>> counterReadings = Map::of;
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
    this.chain = Objects.requireNonNull(chain, "chain");
    this.epochs = new LedgerEpochs(Objects.requireNonNull(ledger, "ledger"), chain);
    this.lease = Objects.requireNonNull(lease, "lease");
    this.sources = Objects.requireNonNull(sources, "sources");
    this.observed = Objects.requireNonNull(observed, "observed");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settle = Objects.requireNonNull(settle, "settle");
    this.progress = progress == null ? s -> { } : progress;
    this.classifier = new SlotClassifier(clock);
    this.counters = new CounterWindow(chain);
    this.rechecks = ChainRechecks.of(chain, sources, classifier);
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
   * @param chainCheckAfter how long after an adopted slot its block is looked for on the relays' chain
   * @param progress receives a line when a source fails
   * @return the running watch
   * @throws IOException if the data directory cannot be used
   */
  public static SlotWatch forPool(LocalPool pool, LoadedPoolSpec loaded, SlotSources sources, Clock clock,
      Duration chainCheckAfter, Consumer<String> progress) throws IOException {
    DataDir data = new DataDir(pool.dataDir());
    SlotWatch w = new SlotWatch(new SlotLedger(data), new ChainClock(loaded.genesis(), clock),
        pool::forgingLease, sources, pool::observations, clock, settle(), progress)
        .readingCounters(pool::forgeCounters).readingNodeLogs(new NodeLogBlocks(data))
        .checkingChainAfter(chainCheckAfter);
    pool.onEvent(w::event);
    pool.whenStopping(w);
    return w.start(POLL);
  }

  private static Duration settle() {
    String value = System.getProperty(TEST_SETTLE_PROPERTY);
    return value == null || value.isBlank() ? SETTLE : Duration.parse(value.strip());
  }

  /**
   * Reads the nodes' forge counters too (before {@link #start}): a leader slot the forge records say nothing of is
   * decided on the forging producer's counters bracketing it, when the watch has such readings ({@link CounterWindow}).
   *
   * @param readings each node's latest reading, by name (called on the watch's thread)
   * @return this watch
   */
  public SlotWatch readingCounters(Supplier<Map<String, NodeHealth.ForgeSample>> readings) {
    this.counterReadings = Objects.requireNonNull(readings, "readings");
    return this;
  }

  /** Looks for adopted blocks on the relays' chain {@code after} their slot instead of an hour (before start). */
  SlotWatch checkingChainAfter(Duration after) {
    this.rechecks = rechecks.after(after);
    return this;
  }

  /** Finds the block a slot decided on the counters was adopted with in the forging producer's log (before start). */
  public SlotWatch readingNodeLogs(NodeLogBlocks logs) {
    // Only the forger's log names our block (another node logs whatever block won the slot): a slot from before the
    // holder took the lease was forged elsewhere, and goes unchecked rather than be looked up in the wrong log.
    this.rechecks = rechecks.reading(slot -> {
      ProducerLease now = lease.get();
      return chain.startOfSlot(slot).isBefore(now.since()) ? Optional.empty() : logs.extendedAt(now.holder(), slot);
    });
    return this;
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
    String holder = lease.get().holder();
    NodeObservation o = observed.get().get(holder);
    NodeHealth.ForgeSample reading = counterReadings.get().get(holder);
    if (reading != null) {
      counters.add(holder, reading.from(), reading.to(), reading.counters());
    }
    ProducerCondition condition = ProducerCondition.of(o);
    Instant at = o == null ? now : o.observedAt();
    EpochSlots e = epochs.epoch(current);
    e = e.withCondition(at, condition, o == null ? "" : o.reasonText());
    if (condition == ProducerCondition.FORGING) {
      e = ActionEvents.forgingAgain(e, at);
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
    epochs.store(e);
    long previous = chain.epochOf(chain.slotAt(now.minus(settle)));
    if (previous != current) {
      epochs.store(decide(epochs.epoch(previous), now));
    }
    epochs.store(decide(epochs.held(current), now));
    // An adopted block is looked for on the relays' chain an hour after its slot: in this epoch or the one before.
    for (long n = Math.max(0, current - 1); n <= current; n++) {
      EpochSlots held = epochs.held(n) != null ? epochs.held(n) : epochs.epoch(n);
      EpochSlots checked = rechecks.recheck(held, now);
      if (checked != held) {
        epochs.store(checked);
      }
    }
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
      // A record of the forge loop (a simulated node's files, a real node's log line) is per slot: it wins. Without
      // one, the forging producer's counters read before and after the slot say what they can; without such
      // readings (none taken, or lost with a restart of the control plane) the condition alone decides.
      ForgeOutcome outcome = ForgeOutcome.NONE;
      List<String> why = List.of("nothing recorded for the slot");
      if (f != null) {
        outcome = f.outcome();
        why = f.sources();
      } else {
        Optional<SlotForge> counted = counters.forge(slot, e.scheduled());
        if (counted.isPresent()) {
          SlotForge c = counted.get().given(e.conditionAt(start).condition());
          outcome = c.forge();
          why = c.sources();
        }
      }
      e = e.withVerdict(classifier.classify(e.evidence(slot, start, outcome, why, f == null ? "" : f.trace(),
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
    Optional<Reason> reason = ActionEvents.reasonOf(ev);
    if (reason.isEmpty()) {
      return;
    }
    EpochSlots e = epochs.epoch(chain.epochOf(chain.slotAt(ev.time())));
    epochs.store(ActionEvents.apply(e, ev, reason.get(), lease.get().holder()));
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
