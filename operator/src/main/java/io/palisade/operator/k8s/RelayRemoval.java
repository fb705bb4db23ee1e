package io.palisade.operator.k8s;

import io.palisade.chain.NetworkRef;
import io.palisade.control.ControlState;
import io.palisade.control.HealthState;
import io.palisade.control.MemberState;
import io.palisade.control.NodeObservation;
import io.palisade.control.PoolChanges;
import io.palisade.control.PoolCommands;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StakePoolActivity;
import io.palisade.operator.model.StakePoolSpec;
import io.palisade.operator.model.StakePoolStatus;
import io.palisade.operator.model.StatusBuilder;
import io.palisade.spec.Names;
import io.palisade.spec.NodeRole;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A relay removal {@link StakePools#removeRelay} may make, decided on a StakePool already read (no cluster I/O): only
 * a region's highest ordinal, never its last relay, and control's guard rails ({@link PoolChanges#removeNode}) on the
 * control state and readiness the status reports.
 *
 * @param pool the pool as read
 * @param group the region whose count goes down by one (null for a node that is not a relay)
 * @param count the region's count before the removal
 * @param region the node's region
 */
record RelayRemoval(StakePool pool, StakePoolSpec.RelayGroup group, int count, String region) {

  /**
   * Decides a relay's removal on the StakePool as read.
   *
   * @param pool the StakePool
   * @param where its namespace/name, for the messages
   * @param node the node to remove
   * @param now the time the status readings count as made
   * @return the removal, when the checks allow it
   * @throws StakePools.RefusedException why they do not
   */
  static RelayRemoval decide(StakePool pool, String where, String node, Instant now) {
    StakePoolStatus s = pool.getStatus();
    ControlState state = StatusBuilder.controlState(s);
    if (s == null || s.nodes == null || state == null) {
      throw new StakePools.RefusedException("the operator has not reported on StakePool " + where
          + " yet; remove a relay once its status lists the nodes");
    }
    MemberState member = state.member(node).orElseThrow(() -> new StakePools.RefusedException("the pool has no node named "
        + node + "; its nodes: " + String.join(", ", state.members().stream().map(MemberState::name).toList())));
    StakePoolSpec spec = pool.getSpec();
    StakePoolSpec.RelayGroup group = null;
    int count = 0;
    if (member.ref().role() == NodeRole.RELAY) {
      String region = member.ref().region();
      group = spec.relays.stream().filter(g -> region.equals(g.region)).findFirst()
          .orElseThrow(() -> new StakePools.RefusedException("the spec has no region " + region + " for " + node));
      count = group.count == null ? 1 : group.count;
      if (member.ref().ordinal() != count - 1) {
        throw new StakePools.RefusedException("a StatefulSet only loses its highest ordinal: of region " + region + " only "
            + Names.relayName(region, count - 1) + " can be removed, not " + node);
      }
    }
    PoolChanges.Outcome outcome = PoolCommands.removeNode(StakePoolActivity.of(pool), state, observations(s, now),
        node, false, NetworkRef.parse(spec.network).isMainnet(), now);
    if (!outcome.accepted()) {
      throw new StakePools.RefusedException(outcome.message());
    }
    String region = member.ref().region();
    if (count == 1) {
      throw new StakePools.RefusedException(node + " is the last relay of region " + region + "; on Kubernetes a region keeps"
          + " its last relay (removing a whole region is not supported): delete the pool and apply a pool.yaml"
          + " without the region instead");
    }
    return new RelayRemoval(pool, group, count, region);
  }

  /** The readiness the status reports, as observations made now (the guard rails count ready relays). */
  private static Map<String, NodeObservation> observations(StakePoolStatus s, Instant now) {
    Map<String, NodeObservation> out = new HashMap<>();
    for (StakePoolStatus.NodeView n : s.nodes) {
      boolean ready = Boolean.TRUE.equals(n.ready);
      out.put(n.name, new NodeObservation(n.name, now, ready, ready, ready, ready,
          ready ? HealthState.SYNCED : HealthState.UNKNOWN, null, null, null,
          n.reason == null ? List.of() : List.of(n.reason)));
    }
    return out;
  }
}
