package io.palisade.control;

import static io.palisade.control.PoolController.human;

import io.palisade.control.ControlEvent.Reason;
import io.palisade.spec.NodeVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A rollout's rollback: the version that missed is marked failed (never rolled out again by itself), and every node
 * it touched is restored to its previous version, the failed node first, then in the order the {@link RolloutOrder}
 * gives ({@link RollbackOrder#restoreAfter}), one at a time and never at the cost of the block producer's last ready
 * relay. In a pool with a standby, a producer that holds the lease is restored only after forging moved to the other
 * one, when that one is ready ({@link ProducerHandoverStep#beforeRestore}).
 */
final class Rollback {
  private Rollback() {}

  /** Marks the version failed and starts restoring, {@code failedNode} first. */
  static void start(Pass p, Member failedNode, String reason) {
    RolloutState r = p.rollout;
    NodeVersion to = r.to();
    p.failedVersions.removeIf(f -> f.version().equals(to));
    p.failedVersions.add(new FailedVersion(to, p.now, failedNode.name(), reason));
    p.refusedTarget = to;
    List<String> queue = new ArrayList<>();
    queue.add(failedNode.name());
    queue.addAll(p.order.restoreAfter(r.done(), failedNode, p.members));
    p.event(Reason.VERSION_FAILED, failedNode.name(), reason + "; version " + to + " is marked failed and will not be"
        + " rolled out again automatically");
    p.event(Reason.ROLLBACK_STARTED, null, "rolling back " + String.join(", ", queue) + " to their previous version,"
        + " one at a time");
    p.rollout = r.rollingBack(reason, queue);
  }

  /** Restores the next node, or waits for the one being restored. Returns whether the rollback moved on. */
  static boolean step(Pass p) {
    RolloutState r = p.rollout;
    List<String> queue = new ArrayList<>(r.rollbackQueue());
    if (queue.isEmpty()) {
      finish(p);
      return false;
    }
    if (r.current() == null && p.order.restoresNotReadyFirst()) {
      // A node that is not ready costs nothing to restore: take it first. Otherwise a ready relay at the head could
      // wait forever for a not-ready relay behind it in the queue.
      String next = queue.stream().filter(n -> !p.ready(n)).findFirst().orElse(queue.get(0));
      queue.remove(next);
      queue.add(0, next);
    }
    Member m = p.members.get(queue.get(0));
    NodeVersion previous = r.previousVersions().getOrDefault(m.name(), r.from());
    if (r.current() == null) {
      if (ProducerHandoverStep.beforeRestore(p, m, queue)) {
        return false;
      }
      // A node that is not ready (the failed one, for a start) cannot cost the block producer a ready relay.
      boolean notReady = m.name().equals(failedNodeName(p)) || !p.ready(m.name());
      String blocker = notReady ? null : p.takeDownBlocker(m, true);
      if (blocker != null) {
        if (!blocker.equals(r.waitingFor())) {
          p.event(Reason.ROLLBACK_WAITING, m.name(), blocker);
        }
        p.rollout = r.withRollbackQueue(queue).waitingFor(blocker, p.now);
        return false;
      }
      p.act(m, new Action.RestartNode(m.ref, previous, "rollback to " + previous));
      m.restartedOn(previous);
      p.event(Reason.NODE_ROLLING_BACK, m.name(), "restoring " + m.name() + " to " + previous);
      p.rollout = r.withRollbackQueue(queue).withStep(RolloutState.Phase.ROLLING_BACK, m.name(), p.now, null);
      return false;
    }
    NodeObservation o = p.fresh(m);
    boolean ready = o != null && o.ready() && (o.version() == null || o.version().equals(previous));
    boolean late = Duration.between(r.stepStartedAt(), p.now).compareTo(p.deadline()) > 0;
    if (ready) {
      p.event(Reason.NODE_ROLLED_BACK, m.name(), m.name() + " is ready again on " + previous);
    } else if (late) {
      p.event(Reason.ROLLBACK_STUCK, m.name(), m.name() + " was not ready on " + previous + " within "
          + human(p.deadline()) + " after its rollback (" + (o == null ? "no observation" : o.reasonText())
          + "); self-healing keeps watching it");
    } else {
      return false;
    }
    queue.remove(0);
    p.rollout = r.withRollbackQueue(queue).betweenSteps(RolloutState.Phase.ROLLING_BACK);
    return true;
  }

  private static String failedNodeName(Pass p) {
    return p.failedVersions.stream().filter(f -> f.version().equals(p.rollout.to())).map(FailedVersion::node)
        .findFirst().orElse(null);
  }

  private static void finish(Pass p) {
    RolloutState r = p.rollout;
    List<String> touchedNodes = new ArrayList<>(r.done());
    String failedNode = failedNodeName(p);
    if (failedNode != null && !touchedNodes.contains(failedNode)) {
      touchedNodes.add(failedNode);
    }
    p.history.add(new RolloutRecord(r.id(), r.from(), r.to(), r.startedAt(), p.now,
        RolloutRecord.Outcome.ROLLED_BACK, r.failure(), touchedNodes));
    p.event(Reason.ROLLOUT_ROLLED_BACK, null, "the upgrade to " + r.to() + " was rolled back: " + r.failure()
        + ". The pool runs " + r.from() + " again");
    p.rollout = null;
    Rollout.trimHistory(p);
  }
}
