package io.palisade.gateway;

import io.palisade.spec.NodeRole;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One node as observed.
 *
 * @param name the node's name ({@code block-producer}, {@code relay-eu-west-0})
 * @param role block producer or relay
 * @param region the relay's region; empty for the block producer
 * @param state the health verdict
 * @param reasons why the node is in that state, one short sentence each; empty when ready
 * @param tipSlot the slot of the node's tip, when known
 * @param slotGap how many slots the tip is behind the slot the chain clock expects now, when known
 * @param peers connected peers
 * @param version the cardano-node version running
 * @param kesPeriodsLeft KES periods before the operational certificate expires (block producer only)
 * @param kesExpiry when the operational certificate expires (block producer only)
 */
public record NodeStatus(
    String name,
    NodeRole role,
    String region,
    NodeState state,
    List<String> reasons,
    OptionalLong tipSlot,
    OptionalLong slotGap,
    int peers,
    String version,
    OptionalLong kesPeriodsLeft,
    Optional<Instant> kesExpiry) {
  /** Copies the reasons and rejects nulls. */
  public NodeStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    region = region == null ? "" : region;
    Objects.requireNonNull(state, "state");
    reasons = List.copyOf(reasons);
    Objects.requireNonNull(tipSlot, "tipSlot");
    Objects.requireNonNull(slotGap, "slotGap");
    version = version == null ? "" : version;
    Objects.requireNonNull(kesPeriodsLeft, "kesPeriodsLeft");
    Objects.requireNonNull(kesExpiry, "kesExpiry");
  }
}
