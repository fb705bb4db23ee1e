package io.palisade.control;

import static io.palisade.control.PoolController.human;

import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.MemberState.Phase;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeRole;
import java.time.Duration;
import java.time.Instant;

/**
 * Relay addition: a relay the desired pool names that is not a member yet is started (one at a time, never during a
 * rollout), and joins the other nodes' topologies only once it is ready; one not ready within a step's deadline is
 * stopped and reported FAILED, never having been in a topology.
 */
final class RelayAdmission {
  private RelayAdmission() {}

  /** Starts adding the first desired relay that is not a member, when nothing else runs. */
  static void admitNew(Pass p) {
    if (p.rollout != null || p.relayAddition != null) {
      return;
    }
    for (NodeRef n : p.desired.nodes()) {
      if (!p.members.containsKey(n.name()) && n.role() == NodeRole.RELAY) {
        p.members.put(n.name(), new Member(MemberState.fresh(n, p.poolVersion, false)));
        p.relayAddition = new RelayAddition(n.name(), p.now);
        p.event(Reason.RELAY_ADD_STARTED, n.name(), "adding relay " + n.name() + " in region " + n.region() + " on "
            + p.poolVersion + "; it joins the block producer's topology once ready (deadline "
            + human(p.deadline()) + ")");
        return;
      }
    }
  }

  /** Admits the relay being added once it is ready, or gives up on it after its deadline. */
  static void progress(Pass p) {
    if (p.relayAddition == null) {
      return;
    }
    Member m = p.members.get(p.relayAddition.node());
    if (m == null) {
      p.relayAddition = null;
      return;
    }
    NodeObservation o = p.fresh(m);
    if (o != null && o.ready() && m.phase == Phase.RUNNING) {
      m.admitted = true;
      p.relayAddition = null;
      p.event(Reason.RELAY_ADDED, m.name(), m.name() + " is ready (" + o.reasonText() + "); adding it to the block"
          + " producer's topology");
      return;
    }
    Duration deadline = p.deadline();
    // The deadline counts from the relay's latest start (a restart of the control plane starts it again).
    Instant since = m.lastActionAt != null && m.lastActionAt.isAfter(p.relayAddition.startedAt())
        ? m.lastActionAt : p.relayAddition.startedAt();
    boolean late = Duration.between(since, p.now).compareTo(deadline) > 0;
    if (m.phase == Phase.FAILED || late) {
      String why = m.phase == Phase.FAILED ? m.lastFailure
          : "not ready within " + human(deadline) + ": " + (o == null ? "no observation" : o.reasonText());
      p.fail(m, "relay add failed: " + why);
      p.relayAddition = null;
      p.event(Reason.RELAY_ADD_FAILED, m.name(), "relay " + m.name() + " was not added: " + why + "; it is stopped"
          + " and reported FAILED, and was never put in the block producer's topology");
    }
  }
}
