package io.palisade.runtime.local;

import io.palisade.control.ControlEvent;
import io.palisade.control.ForgingLease;
import io.palisade.control.ForgingWindow;
import io.palisade.control.HealthState;
import io.palisade.control.NodeObservation;
import io.palisade.control.NodeRuntimeException;
import io.palisade.control.api.ActionResult;
import io.palisade.control.api.ProducerStatus;
import io.palisade.control.lease.Elapsed;
import io.palisade.control.lease.ForgingReading;
import io.palisade.control.lease.LeaseAction;
import io.palisade.control.lease.LeasePolicy;
import io.palisade.control.lease.LeaseState;
import io.palisade.control.lease.ProducerLease;
import io.palisade.control.lease.ProducerFacts;
import io.palisade.control.lease.ProducerLeases;
import io.palisade.control.lease.ProducerStopRoute;
import io.palisade.spec.NodeRef;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The producer lease of a pool with a standby, on the single-host runtime: the {@link LeaseState} in
 * {@code producer-lease.json} (atomic, written before any action it orders), the credentials of each producer in its
 * own RAM directory ({@code KEYS/producers/NODE/}, given only to the lease's holder as links to the installed hot keys,
 * so the keys exist in one plaintext copy), and each pass of control's {@link ProducerLeases} carried out: credentials
 * given or taken with a SIGHUP, a former holder killed when it cannot confirm it is keyless. Every wait (the holder's
 * trouble, the fence) is measured on a monotonic ticker, never by differences of the wall clock, which a host's clock
 * step moves; the wall clock only stamps what is shown and places the leader schedule. Only the control loop's thread
 * calls {@link #pass}; requests come through {@link #switchover}.
 */
final class ProducerLeaseKeeper implements ProducerCredentials {
  private final DataDir dir;
  private final List<String> producers;
  private final ProducerProcesses runtime;
  private final Supplier<Optional<HotKeyFiles>> hotKeys;
  private final ProducerKeyLinks links;
  private final LeasePolicy policy;
  private final Consumer<List<ControlEvent>> events;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private volatile LeaseState state;
  private volatile Map<String, ProducerFacts> facts = Map.of();
  private volatile String status = "";
  /** The ticker's reading when the holder's trouble began; null while it forges. */
  private Long troubleSinceTick;
  /** The ticker's reading once the move in progress had taken the former holder's credentials; null when none. */
  private Long moveStartTick;
  /** Each producer's latest forging sample, with the ticker's reading when this keeper first saw it. */
  private final Map<String, SeenSample> seen = new HashMap<>();
  /** Whether the holder was seen able to forge since this control plane started (a fresh pool is not a failure). */
  private boolean holderForgedOnce;
  private String lastWaiting = "";
  /** Whether this keeper's first pass sent its SIGHUP to each producer. */
  private boolean hungUpOnce;

  /**
   * @param dir the data directory (its {@code producer-lease.json})
   * @param producers the pool's block producer and standby, the block producer first
   * @param runtime the producers' processes
   * @param hotKeys the installed hot keys now, if any
   * @param keysBase the pool's RAM key directory
   * @param policy the timings
   * @param events where events go
   * @param clock the wall clock: for what is shown and the leader schedule only
   * @param nanoTime the monotonic ticker every wait is measured with ({@link System#nanoTime})
   * @throws IOException if the lease file cannot be read or written
   */
  ProducerLeaseKeeper(DataDir dir, List<NodeRef> producers, ProducerProcesses runtime,
      Supplier<Optional<HotKeyFiles>> hotKeys, Path keysBase, LeasePolicy policy,
      Consumer<List<ControlEvent>> events, Clock clock, LongSupplier nanoTime) throws IOException {
    this.dir = dir;
    this.producers = producers.stream().map(NodeRef::name).toList();
    this.runtime = runtime;
    this.hotKeys = hotKeys;
    this.links = new ProducerKeyLinks(keysBase.resolve("producers"));
    this.policy = policy;
    this.events = events;
    this.clock = clock;
    this.nanoTime = nanoTime;
    Optional<LeaseState> saved = dir.read(dir.leaseFile(), LeaseState.class);
    Instant now = clock.instant();
    // A holder no longer in pool.yaml (the standby renamed): the block producer takes the lease, with the next token.
    LeaseState s = saved.map(x -> this.producers.contains(x.lease().holder()) ? x
            : new LeaseState(new ProducerLease(this.producers.get(0), x.lease().token() + 1, now), null, null))
        .orElseGet(() -> LeaseState.first(this.producers.get(0), now));
    if (s.handover() != null && !this.producers.contains(s.handover().to())) {
      s = s.withHandover(null);
    }
    if (saved.isEmpty() || !saved.get().equals(s)) {
      dir.write(dir.leaseFile(), s);
    }
    this.state = s;
    // A move found in progress (a control plane that died mid-move): its fence wait counts again from now.
    this.moveStartTick = s.handover() == null ? null : nanoTime.getAsLong();
  }

  /** The lease now. */
  LeaseState state() {
    return state;
  }

  @Override
  public synchronized Launch forLaunch(NodeRef node) {
    if (!producers.contains(node.name())) {
      return new Launch(Optional.empty(), false);
    }
    Optional<HotKeyFiles> keys = hotKeys.get();
    try {
      if (keys.isEmpty()) {
        links.take(node.name());
        return new Launch(Optional.empty(), false);
      }
      HotKeyFiles at = links.filesOf(node.name(), keys.get());
      if (state.mayHoldCredentials(node.name())) {
        links.give(node.name(), keys.get());
        return new Launch(Optional.of(at), false);
      }
      links.take(node.name());
      return new Launch(Optional.of(at), true);
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare the credentials of " + node.name() + ": " + e.getMessage(), e);
    }
  }

  /** The observations as the pool judges them ({@link StandbyReadiness}). */
  Map<String, NodeObservation> asJudged(Map<String, NodeObservation> observed) {
    return StandbyReadiness.judged(observed, producers, state);
  }

  /**
   * One pass: the facts of both producers, control's decision, the state saved, then the actions.
   *
   * @param observed the loop's raw observations (the holder's readiness is whether it can forge)
   * @param window the leader-aware maintenance rule now
   */
  synchronized void pass(Map<String, NodeObservation> observed, ForgingWindow window) throws IOException {
    Instant now = clock.instant();
    long tick = nanoTime.getAsLong();
    Map<String, ProducerFacts> f = factsOf(observed, tick);
    facts = f;
    ProducerFacts holder = f.get(state.lease().holder());
    holderForgedOnce |= holder != null && holder.canForge();
    // Trouble: the holder cannot forge, after it did once (a whole pool starting is not a failure), or it is dead.
    boolean trouble = holder != null && !holder.canForge() && (holderForgedOnce || !holder.processAlive());
    troubleSinceTick = !trouble ? null : troubleSinceTick == null ? Long.valueOf(tick) : troubleSinceTick;
    Elapsed elapsed = new Elapsed(Optional.ofNullable(troubleSinceTick).map(t -> since(t, tick)),
        moveStartTick == null ? Duration.ZERO : since(moveStartTick, tick));
    ProducerLeases.Decision d = ProducerLeases.decide(state, f, elapsed, window, policy, now);
    boolean moveStarted = state.handover() == null && d.state().handover() != null;
    if (!d.state().equals(state)) {
      dir.write(dir.leaseFile(), d.state());
      if (!d.state().lease().equals(state.lease())) {
        troubleSinceTick = null;
        holderForgedOnce = false;
      }
      state = d.state();
    }
    if (state.handover() == null) {
      moveStartTick = null;
    }
    status = d.status();
    record(d.events());
    for (LeaseAction a : d.actions()) {
      if (a instanceof LeaseAction.GiveCredentials) {
        Optional<HotKeyFiles> keys = hotKeys.get();
        if (keys.isPresent() && state.mayHoldCredentials(a.node())) {
          links.give(a.node(), keys.get());
          runtime.hangUp(a.node());
        }
      } else if (a instanceof LeaseAction.TakeCredentials) {
        links.take(a.node());
        runtime.hangUp(a.node());
      } else {
        runtime.kill(a.node());
      }
    }
    if (!hungUpOnce) {
      // A control plane that starts cannot know which SIGHUPs the one before it sent before it died (between a
      // credential change and its signal): one to each running producer makes each hold what its files say.
      hungUpOnce = true;
      for (String p : producers) {
        runtime.hangUp(p);
      }
    }
    if (moveStarted) {
      // Read after the credentials were taken and the SIGHUP sent: only facts first seen after this confirm a fence.
      moveStartTick = nanoTime.getAsLong();
    }
  }

  /** Time between two readings of the ticker; never negative. */
  private static Duration since(long fromTick, long tick) {
    return Duration.ofNanos(Math.max(0, tick - fromTick));
  }

  /** The operator's switchover: queued for the next free window, or refused with the reason. */
  synchronized ActionResult switchover() throws IOException {
    Map<String, ProducerFacts> f = facts.isEmpty() ? factsOf(Map.of(), nanoTime.getAsLong()) : facts;
    ProducerLeases.SwitchoverAnswer a = ProducerLeases.requestSwitchover(state, f, clock.instant());
    if (a.accepted() && !a.state().equals(state)) {
      dir.write(dir.leaseFile(), a.state());
      state = a.state();
    }
    String target = producers.stream().filter(p -> !p.equals(state.lease().holder())).findFirst().orElse(null);
    return new ActionResult(a.accepted(), a.message(), target);
  }

  /**
   * A key rotation: the holder's credential links pointed at the newly installed keys, then a SIGHUP, so it re-reads
   * them without a restart, as a promotion gives them. Nothing while a move is in progress or the holder is not
   * running: the promotion, or its next start, gives it the new keys.
   *
   * @return whether the holder was given the new keys now
   * @throws IOException if the links cannot be written
   */
  synchronized boolean reloadCredentials() throws IOException {
    String holder = state.lease().holder();
    Optional<HotKeyFiles> keys = hotKeys.get();
    if (keys.isEmpty() || !state.mayHoldCredentials(holder) || !runtime.running(holder)) {
      return false;
    }
    links.give(holder, keys.get());
    runtime.hangUp(holder);
    return true;
  }

  /**
   * How a planned stop of {@code node} goes now (control's {@link ProducerStopRoute}), on the lease and the other
   * producer's facts of the last pass.
   */
  ProducerStopRoute stopRoute(String node, Duration waited, Duration standbyWait) {
    LeaseState s = state;
    ProducerFacts other = producers.stream().filter(p -> !p.equals(s.lease().holder())).findFirst()
        .map(facts::get).orElse(null);
    return ProducerStopRoute.of(s, node, other != null && other.readyToTakeOver(), waited, standbyWait);
  }

  /**
   * A planned stop's move of forging off the holder: the operator's switchover, queued for the next free window, or
   * refused with the reason (the answer names the producer forging moves to).
   */
  ActionResult moveForgingOff() {
    try {
      return switchover();
    } catch (IOException e) {
      return new ActionResult(false, "cannot record the switchover: " + e.getMessage(), null);
    }
  }

  /**
   * A rollout's move of forging to {@code node}: the operator's switchover (queued for the next free window, fenced),
   * nothing when {@code node} holds the lease already.
   *
   * @param node the producer that should hold the lease
   * @throws NodeRuntimeException if the switchover is refused (with the reason) or the lease file cannot be written
   */
  void moveForging(String node) {
    if (node.equals(state.lease().holder())) {
      return;
    }
    if (!producers.contains(node)) {
      throw new NodeRuntimeException(node + " is not a block producer of this pool");
    }
    ActionResult r;
    try {
      r = switchover();
    } catch (IOException e) {
      throw new NodeRuntimeException("cannot record the switchover to " + node + ": " + e.getMessage(), e);
    }
    if (!r.accepted()) {
      throw new NodeRuntimeException(r.message());
    }
  }

  /** The lease as control's rollout takes it: its holder and token. */
  ForgingLease forgingLease() {
    LeaseState s = state;
    return new ForgingLease(s.lease().holder(), s.lease().token());
  }

  /** What status shows. */
  ProducerStatus status() {
    return StatusProjection.producer(state, producers, facts, status);
  }

  private Map<String, ProducerFacts> factsOf(Map<String, NodeObservation> observed, long tick) {
    Map<String, ProducerFacts> out = new LinkedHashMap<>();
    for (String p : producers) {
      NodeObservation o = observed.get(p);
      boolean alive = runtime.running(p);
      Optional<NodeHealth.ForgingSample> sample = runtime.forging(p);
      ForgingReading reading = sample.map(s -> s.enabled() ? ForgingReading.ON : ForgingReading.OFF)
          .orElse(ForgingReading.UNKNOWN);
      // Ordered by the ticker, not by the sample's wall-clock stamp: a sample counts from when it was first seen.
      Long seenTick = null;
      if (sample.isPresent()) {
        SeenSample last = seen.get(p);
        if (last == null || !last.sample().equals(sample.get())) {
          last = new SeenSample(sample.get(), tick);
          seen.put(p, last);
        }
        seenTick = last.tick();
      }
      Long observedTick = alive ? seenTick : Long.valueOf(tick);
      boolean sinceMove = moveStartTick != null && observedTick != null && observedTick > moveStartTick;
      boolean synced = o != null && o.processAlive() && o.live() && o.state() == HealthState.SYNCED;
      boolean canForge = o != null && o.ready() && state.mayHoldCredentials(p);
      out.put(p, new ProducerFacts(p, alive, synced, canForge, links.has(p), reading, state.mayHoldCredentials(p),
          sinceMove));
    }
    return out;
  }

  /** A forging sample and the ticker's reading when it was first seen. */
  private record SeenSample(NodeHealth.ForgingSample sample, long tick) {}

  private void record(List<ControlEvent> list) {
    List<ControlEvent> out = new ArrayList<>();
    for (ControlEvent e : list) {
      boolean waiting = e.reason().equals("SwitchoverWaiting") || e.reason().equals("PromotionRefused");
      if (waiting && e.message().equals(lastWaiting)) {
        continue;
      }
      lastWaiting = waiting ? e.message() : "";
      out.add(e);
    }
    if (!out.isEmpty()) {
      events.accept(out);
    }
  }
}
