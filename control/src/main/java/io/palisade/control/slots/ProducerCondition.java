package io.palisade.control.slots;

/** The block producer's condition as the runtime observed it, reduced to what explains a missed slot. */
public enum ProducerCondition {
  /** Running, following the chain's tip, with a valid KES key: it forges when it leads. */
  FORGING,
  /** Not running, or neither its metrics nor its port answer. */
  DOWN,
  /** Running but not at the tip: replaying the ledger, syncing or lagging. */
  NOT_SYNCED,
  /** Running and synced, but its KES key or opcert does not let it forge (expired, revoked, not valid yet). */
  KES_INVALID,
  /** Nothing was observed at that time (no runtime was watching). */
  UNOBSERVED
}
