package io.palisade.operator.model;

import io.palisade.control.ControlState;
import io.palisade.control.DesiredPool;
import io.palisade.control.MemberState;
import io.palisade.control.NodeObservation;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The control state of a pool whose pods already run but whose StakePool has no control state (its status was lost,
 * or the StakePool was deleted without its objects and created again). The pods are adopted as they are: each node
 * keeps the version its pod runs, and the pool's version is the block producer's (the last node a rollout touches).
 * If the spec asks for another version, the control logic then rolls it out one pod at a time, as always, instead of
 * moving every StatefulSet at once.
 */
public final class Adoption {
  private Adoption() {}

  /**
   * @param desired what the spec asks for
   * @param observed the pods as observed
   * @param now the time
   * @return the adopted state, or null when no pod runs (a new pool)
   */
  public static ControlState adopt(DesiredPool desired, Map<String, NodeObservation> observed, Instant now) {
    Map<String, NodeVersion> running = new HashMap<>();
    observed.forEach((n, o) -> {
      if (o.version() != null) {
        running.put(n, o.version());
      }
    });
    if (running.isEmpty()) {
      return null;
    }
    NodeVersion pool = running.get(desired.blockProducer().name());
    if (pool == null) {
      Map<NodeVersion, Integer> counts = new HashMap<>();
      running.values().forEach(v -> counts.merge(v, 1, Integer::sum));
      pool = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
    List<MemberState> members = new ArrayList<>();
    for (NodeRef n : desired.nodes()) {
      NodeVersion v = running.get(n.name());
      members.add(v == null ? MemberState.fresh(n, pool, true)
          : new MemberState(n, v, MemberState.Phase.RUNNING, true, null, 0, 0, now, null, null, null));
    }
    return new ControlState(pool, members, null, null, List.of(), List.of(), null);
  }
}
