package io.palisade.control;

import io.palisade.spec.NodeRole;
import java.util.ArrayList;
import java.util.List;

/**
 * Which pool nodes a node connects to, by the pool's rule: the block producer lists the admitted relays; a relay
 * lists the block producer and its admitted siblings. {@link PoolController} applies the same rule on every pass.
 */
final class PoolTopology {
  private PoolTopology() {}

  /**
   * @param node a member
   * @param members every member of the pool, in order
   * @return the names of its pool peers, in order
   */
  static List<String> peersOf(MemberState node, List<MemberState> members) {
    List<String> relays = members.stream()
        .filter(m -> m.ref().role() == NodeRole.RELAY && m.admitted())
        .map(MemberState::name)
        .toList();
    if (node.ref().isBlockProducer()) {
      return relays;
    }
    List<String> peers = new ArrayList<>();
    members.stream().filter(m -> m.ref().isBlockProducer()).map(MemberState::name).forEach(peers::add);
    relays.stream().filter(r -> !r.equals(node.name())).forEach(peers::add);
    return peers;
  }
}
