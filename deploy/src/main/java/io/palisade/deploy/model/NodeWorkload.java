package io.palisade.deploy.model;

import io.palisade.spec.NodeRef;
import io.palisade.spec.PoolSpec;
import io.palisade.spec.RelayGroupSpec;
import io.palisade.spec.ResourcesSpec;
import io.palisade.spec.StorageSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One StatefulSet's worth of nodes: a block producer alone (the main one, or its standby), or every relay of one region (one StatefulSet per
 * region with {@code count} replicas, so pod names are the spec's relay names).
 *
 * @param name the StatefulSet name
 * @param first the node of ordinal 0 (stands for the role, region and labels of all)
 * @param nodes every node, by ordinal
 * @param relayGroup the region's relay group; empty for the block producer
 * @param resources the spec's resources (may be null)
 * @param storage the spec's storage (may be null)
 */
public record NodeWorkload(String name, NodeRef first, List<NodeRef> nodes, Optional<RelayGroupSpec> relayGroup,
    ResourcesSpec resources, StorageSpec storage) {

  /** Copies the node list. */
  public NodeWorkload {
    nodes = List.copyOf(nodes);
  }

  /** Whether this is the block producer's workload. */
  public boolean isBlockProducer() {
    return first.isBlockProducer();
  }

  /** The workloads of a pool: the block producer's first, its standby's if any, then each region's in spec order. */
  public static List<NodeWorkload> of(PoolSpec spec) {
    PoolNames names = new PoolNames(spec);
    List<NodeWorkload> all = new ArrayList<>();
    NodeRef bp = spec.blockProducerRef();
    all.add(new NodeWorkload(names.statefulSet(bp), bp, List.of(bp), Optional.empty(),
        spec.blockProducer().resources(), spec.blockProducer().storage()));
    spec.standbyRef().ifPresent(s -> all.add(new NodeWorkload(names.statefulSet(s), s, List.of(s), Optional.empty(),
        spec.blockProducer().standby().resources(), spec.blockProducer().standby().storage())));
    for (RelayGroupSpec group : spec.relays()) {
      List<NodeRef> relays = spec.relayRefs().stream().filter(r -> r.region().equals(group.region())).toList();
      all.add(new NodeWorkload(names.relayStatefulSet(group.region()), relays.get(0), relays, Optional.of(group),
          group.resources(), group.storage()));
    }
    return all;
  }
}
