package io.palisade.runtime.local;

import io.palisade.control.NodeObservation;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeVersion;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A node {@link LocalRuntime} manages: its process (if started or adopted), its version and its health judge. */
final class ManagedNode {
  final NodeRef ref;
  volatile ProcessHandle process;
  volatile NodeVersion version;
  volatile Instant processStartedAt;
  volatile NodeHealth health;

  ManagedNode(NodeRef ref) {
    this.ref = ref;
  }

  boolean alive() {
    ProcessHandle p = process;
    return p != null && ProcessLiveness.isAlive(p);
  }

  /** What the node's health judge sees now; a node whose process does not run is down. */
  NodeObservation observe(Clock clock) {
    boolean alive = alive();
    NodeHealth h = health;
    if (!alive) {
      return NodeObservation.down(ref.name(), clock.instant(), process == null ? "not started"
          : "process " + process.pid() + " is not running");
    }
    if (h == null) {
      throw new IllegalStateException("node " + ref.name() + " runs without a health judge");
    }
    return h.observe(true, processStartedAt, version);
  }

  /** Replaces the node's health judge (a new process gets a fresh one). */
  void judgeWith(NodeHealth judge) {
    if (health != null) {
      health.close();
    }
    health = judge;
  }

  /**
   * Observes every node in parallel, so one hung node cannot delay the others' verdicts (each gets 10 s).
   *
   * @param nodes the nodes
   * @param clock the clock
   * @return each node's observation, by name
   */
  static Map<String, NodeObservation> observeAll(Collection<ManagedNode> nodes, Clock clock) {
    Map<String, CompletableFuture<NodeObservation>> pending = new LinkedHashMap<>();
    for (ManagedNode m : nodes) {
      pending.put(m.ref.name(), CompletableFuture.supplyAsync(() -> m.observe(clock)));
    }
    Map<String, NodeObservation> out = new LinkedHashMap<>();
    pending.forEach((name, f) -> {
      try {
        out.put(name, f.get(10, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        out.put(name, NodeObservation.down(name, clock.instant(), "observation failed: " + e));
      }
    });
    return out;
  }
}
