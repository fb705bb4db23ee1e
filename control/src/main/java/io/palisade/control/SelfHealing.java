package io.palisade.control;

import static io.palisade.control.PoolController.human;

import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.MemberState.Phase;
import java.time.Duration;
import java.time.Instant;

/**
 * Self-healing: a new node is started; a node whose process died or that is not live is restarted (at once the first
 * time, then after a growing backoff); at the {@link HealingPolicy#maxConsecutiveFailures()}-th failure in a row it
 * is stopped and left FAILED for the operator. A failed node that is ready again says so (so the last event on it is
 * not a warning); one that stays ready long enough has its failure count reset.
 */
final class SelfHealing {
  private SelfHealing() {}

  /** Heals every node not acted on yet in this pass. */
  static void heal(Pass p) {
    for (Member m : p.members.values()) {
      if (p.touched.contains(m.name())) {
        continue;
      }
      switch (m.phase) {
        case NEW -> {
          p.act(m, new Action.StartNode(m.ref, m.version, "first start"));
          m.phase = Phase.RUNNING;
          p.event(Reason.NODE_STARTED, m.name(), "starting " + m.name() + " on " + m.version);
        }
        case RESTART_PENDING -> {
          if (!p.now.isBefore(m.nextRestartAt)) {
            restartAfterFailure(p, m);
          }
        }
        case FAILED -> { }
        case RUNNING -> watch(p, m);
      }
    }
  }

  private static void watch(Pass p, Member m) {
    NodeObservation o = p.fresh(m);
    if (o == null) {
      return;
    }
    HealingPolicy healing = p.healing;
    if (o.ready()) {
      if (m.readySince == null) {
        m.readySince = o.observedAt();
        if (m.consecutiveFailures > 0) {
          p.event(Reason.NODE_READY_AGAIN, m.name(), m.name() + " is ready again (failure "
              + m.consecutiveFailures + " of " + healing.maxConsecutiveFailures() + "; the count starts over once it"
              + " stays ready for " + human(healing.resetAfter()) + ")");
        }
      }
      if (m.consecutiveFailures > 0 && Duration.between(m.readySince, p.now).compareTo(healing.resetAfter()) >= 0) {
        p.event(Reason.NODE_RECOVERED, m.name(), m.name() + " stayed ready for " + human(healing.resetAfter())
            + "; its failure count starts over");
        m.consecutiveFailures = 0;
      }
      return;
    }
    m.readySince = null;
    if (o.processAlive() && o.live()) {
      return;
    }
    String why = (o.processAlive() ? "not live: " : "process not running: ") + o.reasonText();
    m.consecutiveFailures++;
    m.lastFailure = why;
    if (m.consecutiveFailures >= healing.maxConsecutiveFailures()) {
      p.fail(m, "failed " + m.consecutiveFailures + " times in a row; last: " + why);
      p.event(Reason.NODE_FAILED, m.name(), m.name() + " failed " + m.consecutiveFailures + " times in a row (" + why
          + "); it is stopped and left for the operator, not restarted again");
      return;
    }
    Duration backoff = healing.backoffBefore(m.consecutiveFailures);
    if (backoff.isZero()) {
      restartAfterFailure(p, m);
      return;
    }
    if (o.processAlive()) {
      p.act(m, new Action.StopNode(m.name(), why));
    }
    m.phase = Phase.RESTART_PENDING;
    m.nextRestartAt = p.now.plus(backoff);
    p.event(Reason.NODE_RESTART_SCHEDULED, m.name(), m.name() + " " + why + "; restarting in " + human(backoff)
        + " (failure " + m.consecutiveFailures + " of " + healing.maxConsecutiveFailures() + ")");
  }

  private static void restartAfterFailure(Pass p, Member m) {
    NodeObservation o = p.observed.get(m.name());
    boolean alive = o != null && o.processAlive()
        && o.observedAt().isAfter(m.lastActionAt == null ? Instant.EPOCH : m.lastActionAt);
    String why = m.lastFailure == null ? "failed" : m.lastFailure;
    p.act(m, alive ? new Action.RestartNode(m.ref, m.version, why) : new Action.StartNode(m.ref, m.version, why));
    m.phase = Phase.RUNNING;
    m.restarts++;
    m.readySince = null;
    p.event(Reason.NODE_RESTARTED, m.name(), "restarting " + m.name() + " on " + m.version + " (" + why
        + "; failure " + m.consecutiveFailures + " of " + p.healing.maxConsecutiveFailures() + ")");
  }
}
