package io.palisade.control.lease;

import java.util.Objects;

/**
 * How a planned stop of a block producer (the operator's restart, a volume deletion) goes in a pool with a standby:
 * one rule for both runtimes. A stop of the producer that forges costs every leader slot its restart-to-forging time
 * overlaps, and that time is only a forecast (a long ledger replay outlasts any learned percentile). With the other
 * producer ready to take over, forging moves to it first (a switchover: fenced, in a free window sized for the
 * promotion, seconds rather than a replay), and the stop then runs on a keyless producer at once, however long it
 * takes. Only when forging cannot move does the stop run in place, in a free window between leader slots.
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
  /** The holder, and forging cannot move (the other producer is not ready, or there is none): in a free window. */
  IN_WINDOW;

  /**
   * The route for a stop of {@code node} now.
   *
   * @param state the lease's state
   * @param node the producer to stop
   * @param otherReady whether the producer that does not hold the lease can take over (its process runs, synced)
   * @return the route
   */
  public static ProducerStopRoute of(LeaseState state, String node, boolean otherReady) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(node, "node");
    if (!state.mayForge(node)) {
      return AT_ONCE;
    }
    if (state.handover() != null || state.switchoverRequestedAt() != null) {
      return AFTER_MOVE;
    }
    return otherReady ? MOVE_FIRST : IN_WINDOW;
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
