package io.palisade.control;

/**
 * What a node is doing, as judged from its metrics and port against the chain clock. Mirrors the health agent's
 * states so a runtime can map its verdicts one to one.
 */
public enum HealthState {
  /** Nothing is known yet (no observation, or the observer could not decide). */
  UNKNOWN,
  /** The process is not running, or neither its metrics nor its port answer. */
  DOWN,
  /** Running, replaying the ledger or not yet serving a tip. */
  STARTING,
  /** Serving a tip far behind the chain clock. */
  SYNCING,
  /** Serving a tip a little behind the chain clock. */
  LAGGING,
  /** At the chain clock's tip. */
  SYNCED
}
