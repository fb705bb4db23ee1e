package io.palisade.control.lease;

import java.time.Duration;
import java.util.Objects;

/**
 * How a planned stop of a block producer (the operator's restart, a volume deletion) goes in a pool with a standby:
 * one rule for both runtimes. A stop of the producer that forges costs every leader slot its restart-to-forging time
 * overlaps, and that time is only a forecast (a long ledger replay outlasts any learned percentile). With the other
 * producer ready to take over, forging moves to it first (a switchover: fenced, in a free window sized for the
 * promotion, seconds rather than a replay), and the stop then runs on a keyless producer at once, however long it
 * takes. While the other producer is not ready the stop waits for it, for a while; only when forging cannot move does
 * the stop run in place, in a free window between leader slots.
 */
public enum ProducerStopRoute {
  /** The producer forges nothing (not the lease's holder, no move touches it): the stop runs at once. */
  AT_ONCE,
  /** The holder, with the other producer ready: a switchover is asked for first, the stop runs once it is keyless. */
  MOVE_FIRST,
  /**
   * A move of forging is asked for or under way (a switchover waiting for its window, a failover, a rollout's move):
   * the stop waits for it to end, then is judged again (the producer is keyless, or the move was called off).
   */
  AFTER_MOVE,
  /**
   * The holder, the other producer not ready yet (restarting, resyncing): the stop waits for it, up to the policy's
   * standby wait from when it was asked, so that forging can move first.
   */
  AWAIT_STANDBY,
  /**
   * The holder, and forging cannot move (the other producer has not been ready for the standby wait, or there is
   * none): in place, in a free window.
   */
  IN_WINDOW;

  /**
   * The route for a stop of {@code node} now.
   *
   * @param state the lease's state
   * @param node the producer to stop
   * @param otherReady whether the producer that does not hold the lease can take over (its process runs, synced)
   * @param waited how long the stop has waited so far (zero when just asked)
   * @param standbyWait how long a stop of the holder waits for the other producer to be ready
   * @return the route
   */
  public static ProducerStopRoute of(LeaseState state, String node, boolean otherReady, Duration waited,
      Duration standbyWait) {
    Objects.requireNonNull(waited, "waited");
    Objects.requireNonNull(standbyWait, "standbyWait");
    ProducerStopRoute r = inPlace(state, node);
    if (r != IN_WINDOW) {
      return r;
    }
    return otherReady ? MOVE_FIRST : waited.compareTo(standbyWait) < 0 ? AWAIT_STANDBY : IN_WINDOW;
  }

  /**
   * The route for a stop of {@code node} where forging is never moved first (a runtime whose promotion restarts the
   * promoted producer gains nothing by it): at once, after a move under way, or in a free window.
   *
   * @param state the lease's state
   * @param node the producer to stop
   * @return the route
   */
  public static ProducerStopRoute inPlace(LeaseState state, String node) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(node, "node");
    if (!state.mayForge(node)) {
      return AT_ONCE;
    }
    return state.handover() != null || state.switchoverRequestedAt() != null ? AFTER_MOVE : IN_WINDOW;
  }

  /** A pool without a standby: its block producer forges, and forging cannot move. */
  public static ProducerStopRoute withoutStandby(String producer, String node) {
    return producer.equals(node) ? IN_WINDOW : AT_ONCE;
  }

  /** Whether the stop waits for nothing. */
  public boolean atOnce() {
    return this == AT_ONCE;
  }
}
