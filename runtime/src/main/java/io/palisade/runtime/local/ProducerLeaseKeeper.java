package io.palisade.runtime.local;

import io.palisade.control.ControlEvent;
import io.palisade.control.ForgingWindow;
import io.palisade.control.HealthState;
import io.palisade.control.NodeObservation;
import io.palisade.control.api.ActionResult;
import io.palisade.control.api.ProducerStatus;
import io.palisade.control.lease.ForgingReading;
import io.palisade.control.lease.LeaseAction;
import io.palisade.control.lease.LeasePolicy;
import io.palisade.control.lease.LeaseState;
import io.palisade.control.lease.ProducerLease;
import io.palisade.control.lease.ProducerFacts;
import io.palisade.control.lease.ProducerLeases;
import io.palisade.spec.AtomicFile;
import io.palisade.spec.NodeRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The producer lease of a pool with a standby, on the single-host runtime: the {@link LeaseState} in
 * {@code producer-lease.json} (atomic, written before any action it orders), the credentials of each producer in its
 * own RAM directory ({@code KEYS/producers/NODE/}, given only to the lease's holder), and each pass of control's
 * {@link ProducerLeases} carried out: credentials given or taken with a SIGHUP, a former holder killed when it cannot
 * confirm it is keyless. Only the control loop's thread calls {@link #pass}; requests come through {@link
 * #switchover}.
 */
final class ProducerLeaseKeeper implements ProducerCredentials {
  private final DataDir dir;
  private final List<String> producers;
  private final LocalRuntime runtime;
  private final Supplier<Optional<HotKeyFiles>> hotKeys;
  private final Path keysBase;
  private final LeasePolicy policy;
  private final Consumer<List<ControlEvent>> events;
  private final Clock clock;
  private volatile LeaseState state;
  private volatile Map<String, ProducerFacts> facts = Map.of();
  private volatile String status = "";
  private Instant holderTroubleSince;
  /** Whether the holder was seen able to forge since this control plane started (a fresh pool is not a failure). */
  private boolean holderForgedOnce;
  private String lastWaiting = "";

  ProducerLeaseKeeper(DataDir dir, List<NodeRef> producers, LocalRuntime runtime,
      Supplier<Optional<HotKeyFiles>> hotKeys, Path keysBase, LeasePolicy policy,
      Consumer<List<ControlEvent>> events, Clock clock) throws IOException {
    this.dir = dir;
    this.producers = producers.stream().map(NodeRef::name).toList();
    this.runtime = runtime;
    this.hotKeys = hotKeys;
    this.keysBase = keysBase.resolve("producers");
    this.policy = policy;
    this.events = events;
    this.clock = clock;
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
        take(node.name());
        return new Launch(Optional.empty(), false);
      }
      HotKeyFiles at = filesOf(node.name(), keys.get());
      if (state.mayHoldCredentials(node.name())) {
        give(node.name(), keys.get());
        return new Launch(Optional.of(at), false);
      }
      take(node.name());
      return new Launch(Optional.of(at), true);
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare the credentials of " + node.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The observations as the pool judges them: a producer that may not hold the credentials is ready when it runs,
   * is live and synced (the agent's producer readiness asks for forging, which a standby never does).
   */
  Map<String, NodeObservation> asJudged(Map<String, NodeObservation> observed) {
    Map<String, NodeObservation> out = new LinkedHashMap<>(observed);
    for (String p : producers) {
      NodeObservation o = observed.get(p);
      if (o == null || state.mayHoldCredentials(p) || !o.processAlive()) {
        continue;
      }
      boolean ready = o.live() && o.state() == HealthState.SYNCED;
      List<String> reasons = new ArrayList<>(o.reasons().stream()
          .filter(r -> !r.startsWith("readiness: not ready")).toList());
      reasons.add(ready ? "standby: synced, without forging credentials (the lease is with " + state.lease().holder()
          + ")" : "readiness: not ready: a standby must be live and synced");
      out.put(p, new NodeObservation(o.node(), o.observedAt(), o.processAlive(), o.started(), o.live(), ready,
          o.state(), o.version(), o.tipSlot(), o.slotGap(), reasons));
    }
    return out;
  }

  /**
   * One pass: the facts of both producers, control's decision, the state saved, then the actions.
   *
   * @param observed the loop's raw observations (the holder's readiness is whether it can forge)
   * @param window the leader-aware maintenance rule now
   */
  synchronized void pass(Map<String, NodeObservation> observed, ForgingWindow window) throws IOException {
    Instant now = clock.instant();
    Map<String, ProducerFacts> f = factsOf(observed, now);
    facts = f;
    ProducerFacts holder = f.get(state.lease().holder());
    holderForgedOnce |= holder != null && holder.canForge();
    // Trouble: the holder cannot forge, after it did once (a whole pool starting is not a failure), or it is dead.
    boolean trouble = holder != null && !holder.canForge() && (holderForgedOnce || !holder.processAlive());
    holderTroubleSince = !trouble ? null : holderTroubleSince == null ? now : holderTroubleSince;
    ProducerLeases.Decision d = ProducerLeases.decide(state, f, Optional.ofNullable(holderTroubleSince), window,
        policy, now);
    if (!d.state().equals(state)) {
      dir.write(dir.leaseFile(), d.state());
      if (!d.state().lease().equals(state.lease())) {
        holderTroubleSince = null;
        holderForgedOnce = false;
      }
      state = d.state();
    }
    status = d.status();
    record(d.events());
    for (LeaseAction a : d.actions()) {
      if (a instanceof LeaseAction.GiveCredentials) {
        Optional<HotKeyFiles> keys = hotKeys.get();
        if (keys.isPresent() && state.mayHoldCredentials(a.node())) {
          give(a.node(), keys.get());
          runtime.hangUp(a.node());
        }
      } else if (a instanceof LeaseAction.TakeCredentials) {
        take(a.node());
        runtime.hangUp(a.node());
      } else {
        runtime.kill(a.node());
      }
    }
  }

  /** The operator's switchover: queued for the next free window, or refused with the reason. */
  synchronized ActionResult switchover() throws IOException {
    Map<String, ProducerFacts> f = facts.isEmpty() ? factsOf(Map.of(), clock.instant()) : facts;
    ProducerLeases.SwitchoverAnswer a = ProducerLeases.requestSwitchover(state, f, clock.instant());
    if (a.accepted() && !a.state().equals(state)) {
      dir.write(dir.leaseFile(), a.state());
      state = a.state();
    }
    String target = producers.stream().filter(p -> !p.equals(state.lease().holder())).findFirst().orElse(null);
    return new ActionResult(a.accepted(), a.message(), target);
  }

  /** What status shows. */
  ProducerStatus status() {
    LeaseState s = state;
    String standby = producers.stream().filter(p -> !p.equals(s.lease().holder())).findFirst().orElse(null);
    Map<String, Boolean> forging = new LinkedHashMap<>();
    facts.forEach((n, x) -> {
      if (x.forging() != ForgingReading.UNKNOWN) {
        forging.put(n, x.forging() == ForgingReading.ON);
      }
    });
    return new ProducerStatus(s.lease().holder(), s.lease().token(), s.lease().since(), standby,
        s.handover() == null ? null : s.handover().kind().name().toLowerCase(java.util.Locale.ROOT) + " from "
            + s.handover().from() + " to " + s.handover().to() + " since " + s.handover().startedAt(),
        s.switchoverRequestedAt(), forging, status);
  }

  private Map<String, ProducerFacts> factsOf(Map<String, NodeObservation> observed, Instant now) {
    Map<String, ProducerFacts> out = new LinkedHashMap<>();
    for (String p : producers) {
      NodeObservation o = observed.get(p);
      boolean alive = runtime.pidOf(p).isPresent();
      Optional<NodeHealth.ForgingSample> sample = runtime.forging(p);
      ForgingReading reading = sample.map(s -> s.enabled() ? ForgingReading.ON : ForgingReading.OFF)
          .orElse(ForgingReading.UNKNOWN);
      Instant at = alive ? sample.map(NodeHealth.ForgingSample::observedAt).orElse(Instant.EPOCH) : now;
      boolean synced = o != null && o.processAlive() && o.live() && o.state() == HealthState.SYNCED;
      boolean canForge = o != null && o.ready() && state.mayHoldCredentials(p);
      out.put(p, new ProducerFacts(p, alive, synced, canForge, hasFiles(p), reading, state.mayHoldCredentials(p),
          at));
    }
    return out;
  }

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

  private Path dirOf(String node) {
    return keysBase.resolve(node);
  }

  private HotKeyFiles filesOf(String node, HotKeyFiles keys) {
    Path d = dirOf(node);
    return new HotKeyFiles(d.resolve(keys.kesKey().getFileName()), d.resolve(keys.vrfKey().getFileName()),
        d.resolve(keys.operationalCertificate().getFileName()), keys.header());
  }

  private boolean hasFiles(String node) {
    try (var s = Files.list(dirOf(node))) {
      return s.findAny().isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  /** Copies the hot keys into the node's directory (0700, files 0600); RAM to RAM, like the keys themselves. */
  private void give(String node, HotKeyFiles keys) throws IOException {
    Path d = dirOf(node);
    Files.createDirectories(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    HotKeyFiles at = filesOf(node, keys);
    copy(keys.kesKey(), at.kesKey());
    copy(keys.vrfKey(), at.vrfKey());
    copy(keys.operationalCertificate(), at.operationalCertificate());
  }

  private static void copy(Path from, Path to) throws IOException {
    byte[] bytes = Files.readAllBytes(from);
    try {
      AtomicFile.write(to, bytes, true);
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
  }


  /** Overwrites and removes the node's credential files. */
  private void take(String node) throws IOException {
    HotKeySetup.remove(dirOf(node));
  }
}
