package io.palisade.gateway;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The pool at a glance, as the gateway last observed it.
 *
 * @param observedAt when the observations were made
 * @param connected whether the gateway reaches a running pool; false when no runtime is attached
 * @param nodes every node, block producer first
 * @param rollout the rollout in progress or the last one, if any
 * @param recentEvents the runtime's recent decisions and events, newest first
 * @param pool which pool this is (name, network, pool id, simulated or real nodes), as far as the gateway knows
 * @param leaderSlots the block producer's leader slots and what waits for a free window between them
 * @param producer which block producer forges (the producer lease), as far as the gateway knows
 */
public record PoolSnapshot(
    Instant observedAt,
    boolean connected,
    List<NodeStatus> nodes,
    Optional<RolloutProgress> rollout,
    List<PoolEvent> recentEvents,
    PoolIdentity pool,
    LeaderSlots leaderSlots,
    ProducerLease producer) {
  /** What a gateway that reports no leader slots says. */
  public static final String NO_SLOTS = "this gateway does not report leader slots";

  /** Copies the lists and rejects nulls. */
  public PoolSnapshot {
    Objects.requireNonNull(observedAt, "observedAt");
    nodes = List.copyOf(nodes);
    rollout = Objects.requireNonNull(rollout, "rollout");
    recentEvents = List.copyOf(recentEvents);
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(leaderSlots, "leaderSlots");
    Objects.requireNonNull(producer, "producer");
  }

  /**
   * A snapshot without the producer lease (a gateway that does not report it).
   *
   * @param observedAt when the observations were made
   * @param connected whether the gateway reaches a running pool
   * @param nodes every node, block producer first
   * @param rollout the rollout, if any
   * @param recentEvents recent events, newest first
   * @param pool which pool this is
   * @param leaderSlots the leader slots
   */
  public PoolSnapshot(Instant observedAt, boolean connected, List<NodeStatus> nodes,
      Optional<RolloutProgress> rollout, List<PoolEvent> recentEvents, PoolIdentity pool, LeaderSlots leaderSlots) {
    this(observedAt, connected, nodes, rollout, recentEvents, pool, leaderSlots,
        ProducerLease.unknown(ProducerLease.NOT_REPORTED));
  }

  /**
   * A snapshot without the pool's identity or leader slots (a gateway that does not know them).
   *
   * @param observedAt when the observations were made
   * @param connected whether the gateway reaches a running pool
   * @param nodes every node, block producer first
   * @param rollout the rollout, if any
   * @param recentEvents recent events, newest first
   */
  public PoolSnapshot(Instant observedAt, boolean connected, List<NodeStatus> nodes,
      Optional<RolloutProgress> rollout, List<PoolEvent> recentEvents) {
    this(observedAt, connected, nodes, rollout, recentEvents, PoolIdentity.unknown(), LeaderSlots.unknown(NO_SLOTS));
  }

  /**
   * @param identity which pool this is
   * @return this snapshot with that identity
   */
  public PoolSnapshot withPool(PoolIdentity identity) {
    return new PoolSnapshot(observedAt, connected, nodes, rollout, recentEvents, identity, leaderSlots, producer);
  }

  /**
   * @param slots the leader slots
   * @return this snapshot with those slots
   */
  public PoolSnapshot withLeaderSlots(LeaderSlots slots) {
    return new PoolSnapshot(observedAt, connected, nodes, rollout, recentEvents, pool, slots, producer);
  }

  /**
   * @param lease the producer lease
   * @return this snapshot with that lease
   */
  public PoolSnapshot withProducer(ProducerLease lease) {
    return new PoolSnapshot(observedAt, connected, nodes, rollout, recentEvents, pool, leaderSlots, lease);
  }

  /**
   * A snapshot of a gateway that reaches no pool.
   *
   * @param at when
   * @param why the reason, shown as an event
   * @return an empty, disconnected snapshot
   */
  public static PoolSnapshot disconnected(Instant at, String why) {
    return new PoolSnapshot(at, false, List.of(), Optional.empty(), List.of(new PoolEvent(at, "", "disconnected", why)));
  }

  /**
   * @param name a node name
   * @return that node's status, if the pool has it
   */
  public Optional<NodeStatus> node(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
  }
}
