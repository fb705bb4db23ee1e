package io.palisade.agent;

/** What a node is doing, from worst to best. */
public enum NodeState {
  /** Neither metrics nor the node-to-node port answer (or the port is dead on a node past startup). */
  DOWN,
  /** The process serves metrics but has no tip yet: replaying the ledger, or waiting for its first block. */
  STARTING,
  /** Far behind the chain clock (more than the lagging threshold, 600 slots by default). */
  SYNCING,
  /** Somewhat behind (between the synced and lagging thresholds). */
  LAGGING,
  /** At the tip: within the synced threshold (20 slots by default), held with hysteresis. */
  SYNCED
}
