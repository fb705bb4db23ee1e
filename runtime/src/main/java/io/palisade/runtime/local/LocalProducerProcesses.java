package io.palisade.runtime.local;

import java.time.Instant;
import java.util.Optional;

/** The producer lease's view of the {@link LocalRuntime}'s node processes: the real {@link ProducerProcesses}. */
final class LocalProducerProcesses implements ProducerProcesses {
  private final LocalRuntime runtime;

  LocalProducerProcesses(LocalRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public boolean running(String node) {
    return runtime.pidOf(node).isPresent();
  }

  /** The latest reading taken from the node's current process (not one carried over from before a restart). */
  @Override
  public Optional<NodeHealth.ForgingSample> forging(String node) {
    ManagedNode m = runtime.node(node);
    if (m == null || !m.alive() || m.health == null) {
      return Optional.empty();
    }
    Instant started = m.processStartedAt;
    return m.health.forging().filter(f -> started == null || f.observedAt().isAfter(started));
  }

  /** SIGHUP, real or simulated node: a block producer re-reads its forging credentials. */
  @Override
  public boolean hangUp(String node) {
    ManagedNode m = runtime.node(node);
    if (m == null || !m.alive()) {
      return false;
    }
    runtime.processes().hangUp(node, m.process);
    return true;
  }

  /**
   * SIGKILL at once: the fence of a producer that did not drop its credentials in time; self-healing starts it again
   * (a producer without the lease starts non-producing).
   */
  @Override
  public void kill(String node) {
    ManagedNode m = runtime.node(node);
    if (m != null && m.alive()) {
      m.process.destroyForcibly();
    }
  }
}
