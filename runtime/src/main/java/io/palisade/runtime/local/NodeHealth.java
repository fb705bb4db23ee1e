package io.palisade.runtime.local;

import io.palisade.control.NodeObservation;
import io.palisade.spec.NodeVersion;
import java.time.Instant;

/**
 * Judges one node's health for the control loop (one instance per node, in-process): the health agent's logic
 * watching the node's metrics and port.
 */
public interface NodeHealth extends AutoCloseable {
  /**
   * Observes the node now.
   *
   * @param processAlive whether its process runs
   * @param processStartedAt when the process started (the startup budget counts from here), or null
   * @param version the version it was started with
   * @return the observation
   */
  NodeObservation observe(boolean processAlive, Instant processStartedAt, NodeVersion version);

  /** Releases connections. */
  @Override
  void close();
}
