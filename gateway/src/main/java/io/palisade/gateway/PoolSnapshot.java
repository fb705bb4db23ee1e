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
 */
public record PoolSnapshot(
    Instant observedAt,
    boolean connected,
    List<NodeStatus> nodes,
    Optional<RolloutProgress> rollout,
    List<PoolEvent> recentEvents) {
  /** Copies the lists and rejects nulls. */
  public PoolSnapshot {
    Objects.requireNonNull(observedAt, "observedAt");
    nodes = List.copyOf(nodes);
    rollout = Objects.requireNonNull(rollout, "rollout");
    recentEvents = List.copyOf(recentEvents);
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
