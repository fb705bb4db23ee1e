package io.palisade.control;

import io.palisade.control.ControlEvent.Reason;
import io.palisade.spec.NodeRole;
import java.util.List;

/**
 * Topologies, by {@link PoolTopology}'s rule: every node whose pool peers changed is sent its new topology, before any
 * start in the same pass (the decision puts topology actions first).
 */
final class TopologyPlan {
  private TopologyPlan() {}

  /** Sends every node whose pool peers changed its new topology. */
  static void update(Pass p) {
    List<String> admittedRelays = p.members.values().stream()
        .filter(m -> m.ref.role() == NodeRole.RELAY && m.admitted)
        .map(Member::name)
        .toList();
    List<String> producers = p.members.values().stream().filter(m -> m.ref.isBlockProducer()).map(Member::name)
        .limit(1).toList();
    for (Member m : p.members.values()) {
      List<String> peers = PoolTopology.peersOf(m.name(), m.ref.isBlockProducer(), producers, admittedRelays);
      if (peers.equals(m.topology)) {
        continue;
      }
      boolean initial = m.topology == null;
      List<String> added = peers.stream().filter(x -> m.topology == null || !m.topology.contains(x)).toList();
      String reason = initial ? "initial topology" : "pool peers changed" + (added.isEmpty() ? ""
          : ": " + String.join(", ", added) + " added");
      p.topologyActions.add(new Action.SetTopology(m.name(), peers, reason));
      if (!initial) {
        p.event(Reason.TOPOLOGY_UPDATED, m.name(), m.name() + " now connects to " + String.join(", ", peers) + " ("
            + reason + ")");
      }
      m.topology = peers;
    }
  }
}
