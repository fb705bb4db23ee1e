package io.palisade.control;

import static io.palisade.control.PoolController.human;

import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.MemberState.Phase;
import io.palisade.spec.NodeRole;
import io.palisade.spec.NodeVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rolling upgrade, forward: a desired version different from the pool's starts one (unless that version failed
 * before); relays go region by region, the block producer last, one node at a time. A step waits while the node is not
 * ready or while taking it down would leave the block producer without a ready relay; the node must be ready on the
 * new version within the deadline, then stay ready for the hold. A miss hands over to {@link Rollback}.
 */
final class Rollout {
  private Rollout() {}

  /** Starts a rollout to the desired version if the pool is asked for another one and nothing else runs. */
  static void startIfWanted(Pass p) {
    NodeVersion target = p.desired.version();
    if (p.rollout != null || p.relayAddition != null || target.equals(p.poolVersion)) {
      if (target.equals(p.poolVersion)) {
        p.refusedTarget = null;
      }
      return;
    }
    var failed = p.failedVersions.stream().filter(f -> f.version().equals(target)).findFirst();
    if (failed.isPresent()) {
      if (!target.equals(p.refusedTarget)) {
        p.refusedTarget = target;
        p.event(Reason.VERSION_NOT_RETRIED, null, "version " + target + " failed on " + failed.get().at() + " ("
            + failed.get().reason() + "); it is not rolled out again automatically. The pool stays on "
            + p.poolVersion + "; retry explicitly to try it again");
      }
      return;
    }
    p.refusedTarget = null;
    List<String> order = upgradeOrder(p).stream()
        .filter(m -> !m.version.equals(target))
        .map(Member::name)
        .toList();
    Map<String, NodeVersion> previous = new LinkedHashMap<>();
    p.members.values().forEach(m -> previous.put(m.name(), m.version));
    p.rollout = new RolloutState(p.poolVersion + "->" + target + "@" + p.now, p.poolVersion, target, p.now, order,
        List.of(), previous, RolloutState.Phase.WAITING, null, null, null, null, null, List.of(), null);
    p.event(Reason.ROLLOUT_STARTED, null, "upgrading " + order.size() + " node(s) from " + p.poolVersion + " to "
        + target + ", one at a time: " + String.join(", ", order) + " (deadline " + human(p.deadline())
        + " per node, then " + human(p.desired.upgrade().holdOff()) + " hold)");
  }

  /** Relays region by region (regions in the order they first appear), ranked by the order; the block producer last. */
  private static List<Member> upgradeOrder(Pass p) {
    List<String> regions = new ArrayList<>();
    for (Member m : p.members.values()) {
      if (m.ref.role() == NodeRole.RELAY && !regions.contains(m.ref.region())) {
        regions.add(m.ref.region());
      }
    }
    List<Member> order = new ArrayList<>(p.members.values().stream()
        .filter(m -> m.ref.role() == NodeRole.RELAY)
        .sorted(Comparator.comparingInt((Member m) -> regions.indexOf(m.ref.region()))
            .thenComparingInt(m -> p.order.relayRank(m.ref.ordinal())))
        .toList());
    p.members.values().stream().filter(m -> m.ref.isBlockProducer()).forEach(order::add);
    return order;
  }

  /** Moves the rollout (or its rollback) on; a finished step can start the next one in the same pass. */
  static void progress(Pass p) {
    // Bounded so a bug cannot spin.
    for (int i = 0; i < 4 * p.members.size() + 4 && p.rollout != null; i++) {
      boolean moved = switch (p.rollout.phase()) {
        case WAITING -> stepWaiting(p);
        case UPGRADING -> stepUpgrading(p);
        case ROLLING_BACK -> Rollback.step(p);
        case MOVING_FORGING -> ProducerHandoverStep.stepMoving(p);
      };
      if (!moved) {
        return;
      }
    }
  }

  /** Starts the next step if it is safe. Returns whether the rollout moved on. */
  private static boolean stepWaiting(Pass p) {
    RolloutState r = p.rollout;
    if (r.done().size() >= r.order().size()) {
      finishSucceeded(p);
      return false;
    }
    Member m = p.members.get(r.order().get(r.done().size()));
    if (m.version.equals(r.to()) && m.phase != Phase.FAILED) {
      // The step was interrupted (the pool was stopped mid-step): the node already starts on the new version, so
      // the step resumes with a fresh deadline instead of waiting for a readiness it may never reach.
      p.event(Reason.NODE_UPGRADING, m.name(), "resuming the upgrade of " + m.name() + " to " + r.to() + " (step "
          + (r.done().size() + 1) + " of " + r.order().size() + ")");
      p.rollout = r.withStep(RolloutState.Phase.UPGRADING, m.name(), p.now, null);
      return false;
    }
    ProducerHandoverStep.Outcome handover = ProducerHandoverStep.beforeUpgrade(p, m);
    if (handover == ProducerHandoverStep.Outcome.REORDERED) {
      return true;
    }
    if (handover == ProducerHandoverStep.Outcome.MOVING) {
      return false;
    }
    String blocker = handover == ProducerHandoverStep.Outcome.TARGET_NOT_READY
        ? ProducerHandoverStep.waitingForTarget(p, m) : p.takeDownBlocker(m, false);
    if (blocker != null) {
      if (!blocker.equals(r.waitingFor())) {
        p.event(Reason.ROLLOUT_WAITING, m.name(), blocker);
      }
      p.rollout = r.waitingFor(blocker, p.now);
      // A node already on the new version that stops being ready holds the rollout up: if that lasts longer than a
      // step's deadline, the version is judged failed (otherwise the rollout would wait forever).
      Duration deadline = p.deadline();
      if (Duration.between(p.rollout.waitingSince(), p.now).compareTo(deadline) > 0) {
        for (String n : p.rollout.done()) {
          NodeObservation o = p.observed.get(n);
          if (o == null || !o.ready()) {
            Rollback.start(p, p.members.get(n), n + " runs " + p.rollout.to() + " but has not been ready for "
                + human(deadline) + " while the rollout waited (" + (o == null ? "no observation"
                : o.reasonText()) + ")");
            return true;
          }
        }
      }
      return false;
    }
    NodeVersion to = r.to();
    p.act(m, new Action.RestartNode(m.ref, to, "rolling upgrade to " + to));
    m.restartedOn(to);
    p.event(Reason.NODE_UPGRADING, m.name(), "upgrading " + m.name() + " to " + to + " (step "
        + (r.done().size() + 1) + " of " + r.order().size() + "); it must be ready within " + human(p.deadline()));
    p.rollout = r.withStep(RolloutState.Phase.UPGRADING, m.name(), p.now, null);
    return false;
  }

  /** Waits for the stepped node to be ready on the new version, then holds; a miss starts the rollback. */
  private static boolean stepUpgrading(Pass p) {
    RolloutState r = p.rollout;
    Member m = p.members.get(r.current());
    NodeVersion to = r.to();
    NodeObservation o = p.fresh(m);
    if (m.phase == Phase.FAILED) {
      Rollback.start(p, m, m.name() + " failed on " + to + ": " + m.lastFailure);
      return true;
    }
    Duration holdOff = p.desired.upgrade().holdOff();
    if (o != null && o.ready() && (o.version() == null || o.version().equals(to))) {
      Instant readySince = r.readySince();
      if (readySince == null) {
        readySince = p.now;
        p.event(Reason.NODE_READY, m.name(), m.name() + " is ready on " + to + " after "
            + human(Duration.between(r.stepStartedAt(), p.now)) + "; holding " + human(holdOff));
      }
      if (Duration.between(readySince, p.now).compareTo(holdOff) >= 0) {
        List<String> done = new ArrayList<>(r.done());
        done.add(m.name());
        p.event(Reason.NODE_UPGRADED, m.name(), m.name() + " runs " + to + " and stayed ready for " + human(holdOff));
        p.rollout = r.withDone(done).betweenSteps(RolloutState.Phase.WAITING);
        return true;
      }
      p.rollout = r.withStep(RolloutState.Phase.UPGRADING, m.name(), r.stepStartedAt(), readySince);
      return false;
    }
    if (r.readySince() != null) {
      p.rollout = r.withStep(RolloutState.Phase.UPGRADING, m.name(), r.stepStartedAt(), null);
    }
    Duration deadline = p.deadline();
    if (Duration.between(p.rollout.stepStartedAt(), p.now).compareTo(deadline) > 0) {
      String seen = o == null ? "no observation since the restart"
          : o.ready() ? "ready but reports version " + o.version() : o.reasonText();
      Rollback.start(p, m, m.name() + " was not ready on " + to + " within " + human(deadline) + " (" + seen + ")");
      return true;
    }
    return false;
  }

  private static void finishSucceeded(Pass p) {
    RolloutState r = p.rollout;
    p.history.add(new RolloutRecord(r.id(), r.from(), r.to(), r.startedAt(), p.now, RolloutRecord.Outcome.SUCCEEDED,
        "every node runs " + r.to(), r.done()));
    p.event(Reason.ROLLOUT_SUCCEEDED, null, "every node runs " + r.to() + " (took "
        + human(Duration.between(r.startedAt(), p.now)) + ")");
    p.poolVersion = r.to();
    p.rollout = null;
    trimHistory(p);
  }

  static void trimHistory(Pass p) {
    while (p.history.size() > ControlState.MAX_HISTORY) {
      p.history.remove(0);
    }
  }
}
