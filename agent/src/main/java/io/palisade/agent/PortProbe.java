package io.palisade.agent;

/** Probes a node's node-to-node port; {@link NodeToNodePortProbe} over TCP, or a simulated node in process. */
public interface PortProbe {
  /**
   * Probes once. Never throws for anything the node does: failures are outcomes.
   *
   * @return the result; MUST NOT be null
   */
  PortProbeResult probe();

  /** What is probed, for messages ({@code 127.0.0.1:3001}). */
  String describe();
}
