package io.palisade.runtime.local;

import io.palisade.control.HealthState;
import io.palisade.control.NodeObservation;
import io.palisade.spec.NodeRef;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two block-producer processes simulated in memory for {@link ProducerLeaseKeeper}: each reads its credential files
 * (real files, the keeper's links) when it starts and on SIGHUP, holds them in memory until the next one, can be
 * killed or stopped (a stopped process keeps a SIGHUP pending), and forges in every slot it holds keys. Every change
 * checks the invariant that counts: never two processes with keys in memory. A power cut of the control plane is a
 * countdown of calls after which every call throws {@link PowerCut}, as if the keeper's process had died there.
 */
final class SimulatedProducers implements ProducerProcesses {
  /** Thrown from any call once the countdown ran out: the control plane died at this point. */
  static final class PowerCut extends RuntimeException {
    PowerCut() {
      super("power cut", null, false, false);
    }
  }

  /** One simulated process. */
  static final class Proc {
    final NodeRef ref;
    boolean alive;
    boolean stopped;
    boolean synced = true;
    boolean keysInMemory;
    boolean pendingHup;
    Optional<HotKeyFiles> paths = Optional.empty();
    long scrapes;

    Proc(NodeRef ref) {
      this.ref = ref;
    }
  }

  final Map<String, Proc> procs = new LinkedHashMap<>();
  final Clock clock;
  /** Slots in which two processes had keys: must stay empty. */
  final List<String> violations = new ArrayList<>();
  private int countdown = -1;
  private ProducerLeaseKeeper keeper;

  SimulatedProducers(Clock clock, NodeRef... refs) {
    this.clock = clock;
    for (NodeRef r : refs) {
      procs.put(r.name(), new Proc(r));
    }
  }

  /** The keeper that decides each launch's credentials. */
  void launchWith(ProducerLeaseKeeper k) {
    this.keeper = k;
  }

  /** The control plane dies after {@code calls} more calls (-1: never). */
  void powerCutAfter(int calls) {
    countdown = calls;
  }

  private void call() {
    if (countdown == 0) {
      throw new PowerCut();
    }
    if (countdown > 0) {
      countdown--;
    }
  }

  /** Starts a dead process the way the runtime does: with what the lease's keeper gives a launch. */
  void start(String node) {
    Proc p = procs.get(node);
    if (p.alive) {
      return;
    }
    ProducerCredentials.Launch l = keeper.forLaunch(p.ref);
    p.alive = true;
    p.stopped = false;
    p.pendingHup = false;
    p.paths = l.keys();
    p.keysInMemory = !l.nonProducing() && readable(p);
    check("start of " + node);
  }

  void die(String node) {
    Proc p = procs.get(node);
    p.alive = false;
    p.stopped = false;
    p.keysInMemory = false;
    p.pendingHup = false;
  }

  void stop(String node) {
    procs.get(node).stopped = procs.get(node).alive;
  }

  void resume(String node) {
    Proc p = procs.get(node);
    p.stopped = false;
    if (p.pendingHup && p.alive) {
      p.pendingHup = false;
      p.keysInMemory = readable(p);
      check("SIGCONT of " + node);
    }
  }

  /** The loop's observations: a running, unstopped, synced process is live; the holder is ready when it forges. */
  Map<String, NodeObservation> observed() {
    Map<String, NodeObservation> out = new LinkedHashMap<>();
    Instant now = clock.instant();
    for (Proc p : procs.values()) {
      boolean live = p.alive && !p.stopped;
      out.put(p.ref.name(), new NodeObservation(p.ref.name(), now, p.alive, p.alive, live,
          live && p.synced && p.keysInMemory, live ? (p.synced ? HealthState.SYNCED : HealthState.SYNCING)
              : HealthState.DOWN, null, null, null, List.of()));
    }
    return out;
  }

  /** Who forges in {@code slot}; records a violation if two do. */
  List<String> forge(long slot) {
    List<String> forgers = procs.values().stream().filter(p -> p.alive && !p.stopped && p.keysInMemory)
        .map(p -> p.ref.name()).toList();
    if (forgers.size() > 1) {
      violations.add("slot " + slot + ": " + forgers);
    }
    return forgers;
  }

  @Override
  public boolean running(String node) {
    call();
    return procs.get(node).alive;
  }

  @Override
  public Optional<NodeHealth.ForgingSample> forging(String node) {
    call();
    Proc p = procs.get(node);
    if (!p.alive || p.stopped) {
      return Optional.empty();
    }
    // Each read is a new scrape, stamped with the wall clock (which a test may step).
    return Optional.of(new NodeHealth.ForgingSample(p.keysInMemory, clock.instant().plusNanos(++p.scrapes)));
  }

  @Override
  public boolean hangUp(String node) {
    call();
    Proc p = procs.get(node);
    if (!p.alive) {
      return false;
    }
    if (p.stopped) {
      p.pendingHup = true;
    } else {
      p.keysInMemory = readable(p);
      check("SIGHUP of " + node);
    }
    return true;
  }

  @Override
  public void kill(String node) {
    call();
    die(node);
  }

  private static boolean readable(Proc p) {
    return p.paths.map(k -> Files.exists(k.kesKey()) && Files.exists(k.operationalCertificate())).orElse(false);
  }

  private void check(String when) {
    long n = procs.values().stream().filter(p -> p.alive && p.keysInMemory).count();
    if (n > 1) {
      violations.add("two processes with keys in memory after the " + when);
    }
  }
}
