package io.palisade.control.slots;

import io.palisade.control.NodeObservation;
import java.util.Locale;

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
  UNOBSERVED;

  /**
   * The condition an observation of the block producer shows: down when its process is not running or it is judged
   * down; not synced while it starts, syncs or lags; KES invalid when synced but not ready because of its forging
   * credentials (expired KES key, opcert not valid yet, forging not enabled); forging when synced otherwise.
   *
   * @param o the observation, or null when there is none
   */
  public static ProducerCondition of(NodeObservation o) {
    if (o == null) {
      return UNOBSERVED;
    }
    if (!o.processAlive()) {
      return DOWN;
    }
    return switch (o.state()) {
      case DOWN -> DOWN;
      case STARTING, SYNCING, LAGGING -> NOT_SYNCED;
      case UNKNOWN -> UNOBSERVED;
      case SYNCED -> !o.ready() && o.reasons().stream().map(r -> r.toLowerCase(Locale.ROOT))
          .filter(r -> r.startsWith("readiness: not ready"))
          .anyMatch(r -> r.contains("kes") || r.contains("forging") || r.contains("operational certificate"))
          ? KES_INVALID : FORGING;
    };
  }
}
