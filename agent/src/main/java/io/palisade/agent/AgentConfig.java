package io.palisade.agent;

import io.palisade.spec.NodeRole;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent's thresholds. Sync thresholds come in pairs for hysteresis: a node becomes SYNCED within
 * {@code syncedWithinSlots} of the chain clock and stays SYNCED until it falls more than {@code syncedHoldSlots}
 * behind; likewise LAGGING between {@code laggingWithinSlots} and {@code laggingHoldSlots}. The hold values matter
 * because a node's tip only moves when a block arrives (every 20 s on average at f = 0.05): on the recorded 6-node
 * network healthy nodes were up to 138 slots behind between blocks, and the chance of no block for 300 slots is
 * about 2 in 10 million.
 *
 * @param role the node's role, or empty to infer it (block producer when the node reports forging or an opcert)
 * @param syncedWithinSlots gap at or under which a node becomes SYNCED (gLiveView and nview use 20)
 * @param syncedHoldSlots gap at or under which a SYNCED node stays SYNCED
 * @param laggingWithinSlots gap at or under which a node is LAGGING rather than SYNCING (nview uses 600)
 * @param laggingHoldSlots gap at or under which a SYNCED or LAGGING node stays at least LAGGING
 * @param minHotPeersRelay hot peers a relay needs to be ready
 * @param minHotPeersBlockProducer hot peers (its relays) a block producer needs to be ready
 * @param failuresBeforeDown consecutive failed observations before metrics or port count as dead
 * @param stuckAfter how long a tip may stay on one slot, outside startup, before liveness fails
 */
public record AgentConfig(
    Optional<NodeRole> role,
    long syncedWithinSlots,
    long syncedHoldSlots,
    long laggingWithinSlots,
    long laggingHoldSlots,
    int minHotPeersRelay,
    int minHotPeersBlockProducer,
    int failuresBeforeDown,
    Duration stuckAfter) {

  /** Checks that the thresholds are ordered and positive. */
  public AgentConfig {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(stuckAfter, "stuckAfter");
    if (syncedWithinSlots < 0) {
      throw new AgentInputException("synced threshold must be >= 0 slots, was: " + syncedWithinSlots);
    }
    if (syncedHoldSlots < syncedWithinSlots) {
      throw new AgentInputException("synced hold (" + syncedHoldSlots + ") must be >= the synced threshold ("
          + syncedWithinSlots + ")");
    }
    if (laggingWithinSlots < syncedWithinSlots) {
      throw new AgentInputException("lagging threshold (" + laggingWithinSlots + ") must be >= the synced threshold ("
          + syncedWithinSlots + ")");
    }
    if (laggingHoldSlots < Math.max(laggingWithinSlots, syncedHoldSlots)) {
      throw new AgentInputException("lagging hold (" + laggingHoldSlots + ") must be >= the lagging threshold ("
          + laggingWithinSlots + ") and the synced hold (" + syncedHoldSlots + ")");
    }
    if (minHotPeersRelay < 0 || minHotPeersBlockProducer < 0) {
      throw new AgentInputException("minimum hot peers must be >= 0");
    }
    if (failuresBeforeDown < 1) {
      throw new AgentInputException("failures before DOWN must be >= 1, was: " + failuresBeforeDown);
    }
    if (stuckAfter.isNegative() || stuckAfter.isZero()) {
      throw new AgentInputException("stuck-after must be positive, was: " + stuckAfter);
    }
  }

  /** The defaults: role inferred, 20/300 and 600/900 slots, 2 hot peers for a relay, 1 for a BP, 3 failures, 30 min. */
  public static AgentConfig defaults() {
    return new AgentConfig(Optional.empty(), 20, 300, 600, 900, 2, 1, 3, Duration.ofMinutes(30));
  }

  /** A copy with the given role (empty: infer). */
  public AgentConfig withRole(Optional<NodeRole> newRole) {
    return new AgentConfig(newRole, syncedWithinSlots, syncedHoldSlots, laggingWithinSlots, laggingHoldSlots,
        minHotPeersRelay, minHotPeersBlockProducer, failuresBeforeDown, stuckAfter);
  }

  /** A copy with other sync thresholds. */
  public AgentConfig withSyncThresholds(long syncedWithin, long syncedHold, long laggingWithin, long laggingHold) {
    return new AgentConfig(role, syncedWithin, syncedHold, laggingWithin, laggingHold, minHotPeersRelay,
        minHotPeersBlockProducer, failuresBeforeDown, stuckAfter);
  }

  /** A copy with other hot-peer minimums. */
  public AgentConfig withMinHotPeers(int relay, int blockProducer) {
    return new AgentConfig(role, syncedWithinSlots, syncedHoldSlots, laggingWithinSlots, laggingHoldSlots, relay,
        blockProducer, failuresBeforeDown, stuckAfter);
  }

  /** A copy with other liveness limits. */
  public AgentConfig withLiveness(int failures, Duration stuck) {
    return new AgentConfig(role, syncedWithinSlots, syncedHoldSlots, laggingWithinSlots, laggingHoldSlots,
        minHotPeersRelay, minHotPeersBlockProducer, failures, stuck);
  }
}
