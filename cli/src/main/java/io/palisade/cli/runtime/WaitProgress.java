package io.palisade.cli.runtime;

import io.palisade.cli.CliTime;
import io.palisade.control.MemberState;
import io.palisade.control.RolloutState;
import io.palisade.control.api.NodeStatus;
import io.palisade.control.api.PoolStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The progress lines of {@code --wait}: what is being waited for, its health now, how long it has taken. Pure. */
final class WaitProgress {
  private WaitProgress() {}

  /**
   * During a rollout: the node of the current step, or why the next step waits.
   *
   * @param s the status
   * @param now the time
   * @return the line, or empty between steps
   */
  static Optional<String> rollout(PoolStatus s, Instant now) {
    RolloutState r = s.rollout();
    if (r == null) {
      return Optional.empty();
    }
    if (r.current() == null) {
      return Optional.ofNullable(r.waitingFor()).map(w -> "rollout to " + r.to() + " waits: " + w);
    }
    if (r.phase() == RolloutState.Phase.MOVING_FORGING) {
      return Optional.of(movingForging(r, now));
    }
    boolean back = r.phase() == RolloutState.Phase.ROLLING_BACK;
    String step = back ? "rolling back to " + r.previousVersions().get(r.current())
        : "upgrading to " + r.to() + ", step " + (r.done().size() + 1) + " of " + r.order().size();
    String since = r.stepStartedAt() == null ? ""
        : ", " + CliTime.duration(Duration.between(r.stepStartedAt(), now)) + " so far";
    String hold = r.readySince() == null ? "" : ", ready since " + CliTime.format(r.readySince()) + " (holding)";
    return find(s, r.current()).map(n -> "waiting for " + r.current() + " (" + step + "): " + health(n) + since
        + hold);
  }

  /**
   * A rollout of a pool with a standby moving forging to {@code r.current()} before the holder's step.
   *
   * @param r the rollout, in {@link RolloutState.Phase#MOVING_FORGING}
   * @param now the time
   * @return "moving forging to block-producer-standby before upgrading the lease holder to 10.6.0, 4s so far"
   */
  static String movingForging(RolloutState r, Instant now) {
    String why = r.failure() == null ? "before upgrading the lease holder to " + r.to()
        : "before restoring the lease holder (rolling back)";
    return "moving forging to " + r.current() + " " + why + (r.stepStartedAt() == null ? ""
        : ", " + CliTime.duration(Duration.between(r.stepStartedAt(), now)) + " so far");
  }

  /**
   * One node's health, while waiting for it.
   *
   * @param s the status
   * @param node the node's name
   * @param since when the wait began
   * @param now the time
   * @return the line, or empty when the pool has no such node
   */
  static Optional<String> node(PoolStatus s, String node, Instant since, Instant now) {
    return find(s, node).map(n -> "waiting for " + node + ": " + health(n) + ", "
        + CliTime.duration(Duration.between(since, now)) + " so far");
  }

  private static Optional<NodeStatus> find(PoolStatus s, String name) {
    return s.nodes().stream().filter(n -> n.name().equals(name)).findFirst();
  }

  /** "SYNCING, 1200 slots behind, not ready" */
  static String health(NodeStatus n) {
    String gap = n.slotGap() == null ? "no tip yet" : n.slotGap() + " slots behind";
    return (n.phase() == MemberState.Phase.FAILED ? "FAILED" : String.valueOf(n.state())) + ", " + gap + ", "
        + (n.ready() ? "ready" : "not ready");
  }
}
