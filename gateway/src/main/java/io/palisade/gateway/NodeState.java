package io.palisade.gateway;

/** A node's health verdict, as the runtime reports it. */
public enum NodeState {
  /** Started, not yet answering. */
  STARTING,
  /** Replaying or catching up with the chain. */
  SYNCING,
  /** At the tip and serving. */
  READY,
  /** Running but failing a check (behind the tip, few peers, KES near expiry). */
  DEGRADED,
  /** The process or container is not running. */
  DOWN,
  /** Stopped on purpose. */
  STOPPED,
  /** No recent observation. */
  UNKNOWN
}
