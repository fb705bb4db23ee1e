package io.palisade.control;

import io.palisade.spec.NodeRole;
import java.util.ArrayList;
import java.util.List;

/**
 * Which pool nodes a node connects to, by the pool's rule: the block producer lists the admitted relays; a relay
 * lists the block producer and its admitted siblings. {@link TopologyPlan} applies it on every pass of
 * {@link PoolController}.
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
    List<String> producers = members.stream().filter(m -> m.ref().isBlockProducer()).map(MemberState::name).toList();
    return peersOf(node.name(), node.ref().isBlockProducer(), producers, relays);
  }

  /**
   * The rule itself.
   *
   * @param node the node's name
   * @param blockProducer whether it is the block producer
   * @param blockProducers the pool's block producer (one)
   * @param admittedRelays the relays in the topologies, in order
   * @return the names of its pool peers, in order
   */
  static List<String> peersOf(String node, boolean blockProducer, List<String> blockProducers,
      List<String> admittedRelays) {
    if (blockProducer) {
      return new ArrayList<>(admittedRelays);
    }
    List<String> peers = new ArrayList<>(blockProducers);
    admittedRelays.stream().filter(r -> !r.equals(node)).forEach(peers::add);
    return peers;
  }
}
