package io.palisade.operator.reconcile;

import io.palisade.control.Action;
import io.palisade.control.ControlEvent;
import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.ControlState;
import io.palisade.control.DesiredPool;
import io.palisade.control.MemberState;
import io.palisade.control.NodeObservation;
import io.palisade.control.PoolChanges;
import io.palisade.deploy.model.PoolNames;
import io.palisade.operator.model.StakePool;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Relay removals on Kubernetes, as {@link StakePoolReconciler} carries them out: the relay the spec no longer declares
 * leaves the control state and every topology before its StatefulSet is scaled down, when {@link PoolChanges}' guard
 * rails allow it; a refusal is recorded once ({@code RelayRemovalWaiting}), not on every pass.
 */
final class RelayRemovals {
  /** Per StakePool (uid): the last reason a relay removal was refused, so it is recorded once, not every pass. */
  private final ConcurrentMap<String, String> refusals = new ConcurrentHashMap<>();

  /**
   * A relay removal this pass: the relay's control state is dropped ({@code next}), its topology and stop actions
   * run first, in that order. A refused removal ({@code next} null) only has a warning event.
   *
   * @param next the control state without the relay, or null when refused
   * @param actions the topology changes, then the stop
   * @param events what to record
   * @param leaving the relay removed, by name (the runtime still needs its StatefulSet)
   */
  record Removal(ControlState next, List<Action> actions, List<ControlEvent> events,
      Map<String, NodeRef> leaving) {}

  /**
   * The relay the spec no longer declares but the control state still runs ({@link
   * io.palisade.operator.k8s.StakePools#removeRelay} lowered its region's count), removed by {@link
   * PoolChanges#removeNode}'s rules; or null when there is none. Only the highest ordinal of a region that stays in
   * the spec is removed (what a StatefulSet can do); anything else is left running, as before.
   */
  Removal removal(StakePool pool, LoadedPoolSpec loaded, DesiredPool desired, ControlState state,
      Map<String, NodeObservation> observed, Instant now) {
    Set<String> regions = new HashSet<>();
    desired.nodes().stream().filter(n -> n.role() == NodeRole.RELAY).forEach(n -> regions.add(n.region()));
    MemberState leaving = state.members().stream()
        .filter(m -> m.ref().role() == NodeRole.RELAY && !desired.nodes().contains(m.ref())
            && regions.contains(m.ref().region()))
        .max(Comparator.comparingInt(m -> m.ref().ordinal()))
        .orElse(null);
    String key = pool.getMetadata().getUid();
    if (leaving == null) {
      refusals.remove(key);
      return null;
    }
    PoolChanges.Outcome o = PoolChanges.removeNode(state, observed, leaving.name(),
        loaded.spec().network().isMainnet(), now);
    if (!o.accepted()) {
      String last = refusals.put(key, o.message());
      List<ControlEvent> events = o.message().equals(last) ? List.of()
          : List.of(ControlEvent.of(now, Reason.RELAY_REMOVAL_WAITING, leaving.name(), "the spec no longer declares "
              + leaving.name() + ", but it is not removed yet: " + o.message()));
      return new Removal(null, List.of(), events, Map.of());
    }
    refusals.remove(key);
    long left = o.decision().state().members().stream()
        .filter(m -> m.ref().role() == NodeRole.RELAY && m.ref().region().equals(leaving.ref().region())).count();
    List<ControlEvent> events = new ArrayList<>(o.decision().events().stream()
        .filter(e -> !Reason.NODE_REMOVED.wire().equals(e.reason())).toList());
    // PoolChanges' NodeRemoved speaks of the single-host runtime (a name never given again); on Kubernetes a relay
    // added again in the region takes the name and the volume claim back.
    events.add(ControlEvent.of(now, Reason.RELAY_REMOVED, leaving.name(), leaving.name()
        + " was removed: it left the block producer's topology and network policy (and its siblings' topologies),"
        + " then StatefulSet " + new PoolNames(loaded.spec()).statefulSet(leaving.ref()) + " was scaled down to "
        + left + "; its volume claim stays"));
    return new Removal(o.decision().state(), o.decision().actions(), events, Map.of(leaving.name(), leaving.ref()));
  }

}
