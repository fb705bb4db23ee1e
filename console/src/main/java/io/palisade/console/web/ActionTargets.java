package io.palisade.console.web;

import io.palisade.gateway.KeyRole;
import io.palisade.gateway.NodeStatus;
import io.palisade.gateway.PoolSnapshot;
import io.palisade.spec.NodeRole;
import io.palisade.spec.NodeVersion;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the action forms offer (pure): only valid targets. "Remove a relay" and "Remove a node" list relays only (a
 * running pool never loses its block producer: every runtime refuses it; its keys are revoked, or the pool deleted);
 * "Delete a volume" lists every node; the keys the console can rotate or revoke are the online ones (the cold key never
 * comes online); an upgrade to an older version than the pool runs is a downgrade, which the operator must confirm.
 *
 * @param nodes every node, block producer first
 * @param relays the relays (what may be removed)
 * @param onlineKeys the keys the console may rotate or revoke
 * @param running the newest version a node of the pool runs, if any reports one
 */
record ActionTargets(List<String> nodes, List<String> relays, List<KeyRole> onlineKeys, Optional<NodeVersion> running) {

  static ActionTargets of(PoolSnapshot s) {
    Optional<NodeVersion> running = s.nodes().stream().map(NodeStatus::version).map(ActionTargets::parsed)
        .flatMap(Optional::stream).max(NodeVersion::compareTo);
    return new ActionTargets(s.nodes().stream().map(NodeStatus::name).toList(),
        s.nodes().stream().filter(n -> n.role() == NodeRole.RELAY).map(NodeStatus::name).toList(),
        Arrays.stream(KeyRole.values()).filter(k -> k != KeyRole.COLD).toList(), running);
  }

  private static Optional<NodeVersion> parsed(String v) {
    try {
      return Optional.of(NodeVersion.parse(Objects.requireNonNullElse(v, "")));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // a node that reports no version (down, not started) says nothing
    }
  }

  /**
   * @param version a version typed into the form
   * @return whether going there is a downgrade for some node of the pool
   * @throws IllegalArgumentException when it is not a version
   */
  boolean downgrade(String version) {
    NodeVersion v = NodeVersion.parse(version);
    return running.isPresent() && v.compareTo(running.get()) < 0;
  }
}
