package io.palisade.control.api;

import io.palisade.control.KesRotationPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Leader-aware maintenance of the block producer, in {@link PoolStatus}: what its restarts are expected to cost and
 * what waits for a free window between its leader slots.
 *
 * @param node the block producer
 * @param expectedRestartToForging the restart-to-forging time the rule expects (learned, or the default)
 * @param measuredRestarts how many of its restarts were measured
 * @param learned whether the expectation comes from measured restarts (false: the conservative default)
 * @param nextLeaderSlot the start of its next leader slot, or null when none is known
 * @param waiting each action waiting for a window, in words ({@code waiting for a free window: next leader slot in
 *     3m12s, window opens at 14:05:40Z}), empty when nothing waits
 * @param windowOpensAt when the first waiting action may start, or null
 * @param needsOperator whether a wait is beyond the configured limit (an operator should look)
 * @param kesRotation when the next KES rotation is due and the free windows before it, or null (no keys installed)
 */
public record MaintenanceStatus(String node, Duration expectedRestartToForging, int measuredRestarts, boolean learned,
    Instant nextLeaderSlot, List<String> waiting, Instant windowOpensAt, boolean needsOperator,
    KesRotationPlan kesRotation) {
  /** Copies the list. */
  public MaintenanceStatus {
    waiting = waiting == null ? List.of() : List.copyOf(waiting);
  }

  /** Without a KES rotation plan. */
  public MaintenanceStatus(String node, Duration expectedRestartToForging, int measuredRestarts, boolean learned,
      Instant nextLeaderSlot, List<String> waiting, Instant windowOpensAt, boolean needsOperator) {
    this(node, expectedRestartToForging, measuredRestarts, learned, nextLeaderSlot, waiting, windowOpensAt,
        needsOperator, null);
  }
}
