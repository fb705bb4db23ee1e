package io.palisade.control;

import static io.palisade.control.PoolController.human;

import io.palisade.control.ControlEvent.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The producers' part of a rollout (and its rollback) in a pool with a standby, so that an upgrade loses no leader
 * slot even when the new version replays for long: the producer that does not hold the forging lease is upgraded
 * first (keyless, its restart costs no slot, so it waits for no free window); then forging moves to it
 * ({@link Action.MoveForging}, phase {@link RolloutState.Phase#MOVING_FORGING}); once the observed lease holder is the
 * upgraded producer, the former holder, now keyless, is upgraded. A rollback moves forging only when it must restart
 * the holder and the other producer is ready.
 *
 * <p>A move that does not complete within the node step deadline is given up for the rest of the rollout
 * ({@link RolloutState#forgingFallback()}, event {@code ForgingMoveTimedOut} with why): the holder is then upgraded
 * in place, in a free window between its leader slots, as in a pool without a standby. Without a known lease (the
 * caller passed none) nothing here applies.
 */
final class ProducerHandoverStep {
  private ProducerHandoverStep() {}

  /** What {@link #beforeUpgrade} did with the next step. */
  enum Outcome {
    /** Nothing: the step goes on as usual. */
    PROCEED,
    /** The producers' order was swapped: the producer without the lease goes first. */
    REORDERED,
    /** A move of forging was asked for; the rollout waits for it. */
    MOVING,
    /** The producer forging should move to is not ready: the step waits ({@link #waitingForTarget}). */
    TARGET_NOT_READY
  }

  /** Whether moves apply: a lease is known, the pool has two producers, and no move of this rollout timed out. */
  static boolean applies(Pass p) {
    return p.lease != null && producers(p).size() == 2 && (p.rollout == null
        || p.rollout.forgingFallback() == null);
  }

  /** Whether {@code m} is a producer without the lease, in a pool where moves apply (it holds no credentials). */
  static boolean keyless(Pass p, Member m) {
    return m.ref.isBlockProducer() && applies(p) && !m.name().equals(p.lease.holder());
  }

  /**
   * Before the rollout's next step takes {@code m} down: for the lease holder, the other producer goes first, or
   * forging moves to it once it is upgraded.
   */
  static Outcome beforeUpgrade(Pass p, Member m) {
    if (!m.ref.isBlockProducer() || !applies(p) || !m.name().equals(p.lease.holder())) {
      return Outcome.PROCEED;
    }
    Member other = other(p, m).orElseThrow();
    RolloutState r = p.rollout;
    List<String> remaining = r.order().subList(r.done().size(), r.order().size());
    if (remaining.contains(other.name())) {
      List<String> order = new ArrayList<>(r.order());
      int a = order.indexOf(m.name());
      int b = order.indexOf(other.name());
      order.set(a, other.name());
      order.set(b, m.name());
      p.rollout = r.withOrder(order);
      return Outcome.REORDERED;
    }
    if (!p.ready(other.name())) {
      Duration deadline = p.deadline();
      boolean late = r.waitingSince() != null
          && Duration.between(r.waitingSince(), p.now).compareTo(deadline) > 0;
      if (late && !r.done().contains(other.name())) {
        // Not a node this rollout upgraded (a rollback would judge that one): nothing to wait for any more.
        giveUp(p, m.name() + " is upgraded in place: " + other.name() + ", which forging would move to, has not"
            + " been ready for " + human(deadline));
        return Outcome.PROCEED;
      }
      return Outcome.TARGET_NOT_READY;
    }
    requestMove(p, m, other, "before upgrading " + m.name() + " to " + r.to());
    p.rollout = r.withStep(RolloutState.Phase.MOVING_FORGING, other.name(), p.now, null);
    return Outcome.MOVING;
  }

  /** Why the holder's step waits for the producer forging should move to. */
  static String waitingForTarget(Pass p, Member holder) {
    Member other = other(p, holder).orElseThrow();
    NodeObservation o = p.observed.get(other.name());
    return "waiting for " + other.name() + " to be ready before moving forging to it from " + holder.name() + " ("
        + (o == null ? "no observation yet" : o.reasonText()) + ")";
  }

  /**
   * Before a rollback restores {@code m}: when it holds the lease and the other producer is ready, forging moves
   * first (a producer that failed the new version must not keep the lease). Returns whether a move was asked for.
   */
  static boolean beforeRestore(Pass p, Member m, List<String> queue) {
    if (!m.ref.isBlockProducer() || !applies(p) || !m.name().equals(p.lease.holder())) {
      return false;
    }
    Member other = other(p, m).orElseThrow();
    if (!p.ready(other.name())) {
      return false;
    }
    RolloutState r = p.rollout;
    requestMove(p, m, other, "before restoring " + m.name() + " to "
        + r.previousVersions().getOrDefault(m.name(), r.from()));
    p.rollout = r.withRollbackQueue(queue).withStep(RolloutState.Phase.MOVING_FORGING, other.name(), p.now, null);
    return true;
  }

  /**
   * The move in progress: done once the observed lease holder is its target; given up after the node step deadline.
   * Returns whether the rollout moved on.
   */
  static boolean stepMoving(Pass p) {
    RolloutState r = p.rollout;
    String target = r.current();
    RolloutState.Phase next = r.failure() == null ? RolloutState.Phase.WAITING : RolloutState.Phase.ROLLING_BACK;
    Duration took = Duration.between(r.stepStartedAt(), p.now);
    if (p.lease != null && target.equals(p.lease.holder())) {
      String former = producers(p).stream().map(Member::name).filter(n -> !n.equals(target)).findFirst()
          .orElse("the former holder");
      p.event(Reason.FORGING_MOVED, target, "forging moved to " + target + " (lease token " + p.lease.token()
          + ") after " + human(took) + "; " + former + " is keyless and is " + (r.failure() == null ? "upgraded"
          : "restored") + " next");
      p.rollout = r.betweenSteps(next);
      return true;
    }
    Duration deadline = p.deadline();
    if (took.compareTo(deadline) > 0) {
      String holder = p.lease == null ? "unknown" : p.lease.holder();
      p.rollout = r.betweenSteps(next);
      giveUp(p, "forging did not move to " + target + " within " + human(deadline) + " (the lease is still with "
          + holder + "): " + holder + " is " + (r.failure() == null ? "upgraded" : "restored")
          + " in place, in a free window between its leader slots");
      return true;
    }
    return false;
  }

  private static void requestMove(Pass p, Member holder, Member to, String why) {
    String reason = "moving forging from " + holder.name() + " to " + to.name() + " " + why;
    // Not Pass.act: the target is not restarted, so its observations stay fresh.
    p.actions.add(new Action.MoveForging(to.name(), reason));
    p.event(Reason.FORGING_MOVE_REQUESTED, to.name(), reason + " (lease token " + p.lease.token() + "); it must"
        + " complete within " + human(p.deadline()));
  }

  private static void giveUp(Pass p, String why) {
    p.event(Reason.FORGING_MOVE_TIMED_OUT, p.lease == null ? null : p.lease.holder(), why);
    p.rollout = p.rollout.withForgingFallback(why);
  }

  private static List<Member> producers(Pass p) {
    return p.members.values().stream().filter(x -> x.ref.isBlockProducer()).toList();
  }

  private static Optional<Member> other(Pass p, Member m) {
    return producers(p).stream().filter(x -> x != m).findFirst();
  }
}
