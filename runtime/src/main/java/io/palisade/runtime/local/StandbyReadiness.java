package io.palisade.runtime.local;

import io.palisade.control.HealthState;
import io.palisade.control.NodeObservation;
import io.palisade.control.lease.LeaseState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the pool judges a producer that may not hold the credentials (the standby, both producers during a move): ready
 * when it runs, is live and synced, because the agent's producer readiness asks for forging, which a standby never
 * does. Pure.
 */
final class StandbyReadiness {
  private StandbyReadiness() {}

  /**
   * The observations as the pool judges them.
   *
   * @param observed the raw observations
   * @param producers the pool's producers
   * @param state the lease's state
   * @return the observations with each keyless producer's readiness and reasons as a standby's
   */
  static Map<String, NodeObservation> judged(Map<String, NodeObservation> observed, List<String> producers,
      LeaseState state) {
    Map<String, NodeObservation> out = new LinkedHashMap<>(observed);
    for (String p : producers) {
      NodeObservation o = observed.get(p);
      if (o == null || state.mayHoldCredentials(p) || !o.processAlive()) {
        continue;
      }
      boolean ready = o.live() && o.state() == HealthState.SYNCED;
      List<String> reasons = new ArrayList<>(o.reasons().stream()
          .filter(r -> !r.startsWith("readiness: not ready")).toList());
      reasons.add(ready ? "standby: synced, without forging credentials (the lease is with " + state.lease().holder()
          + ")" : "readiness: not ready: a standby must be live and synced");
      out.put(p, new NodeObservation(o.node(), o.observedAt(), o.processAlive(), o.started(), o.live(), ready,
          o.state(), o.version(), o.tipSlot(), o.slotGap(), reasons));
    }
    return out;
  }
}
