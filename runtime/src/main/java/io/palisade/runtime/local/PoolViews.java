package io.palisade.runtime.local;

import io.palisade.agent.PoolView;
import io.palisade.control.NodeObservation;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The pool's other nodes as the control loop last saw them, for one node's judge: how many have a tip, and the
 * highest. Only the loop sees every node; a node's judge needs this to tell its own stuck process from a pool (or a
 * chain) that stalled ({@link io.palisade.agent.FrozenTip}). Pure.
 */
final class PoolViews {
  private PoolViews() {}

  /**
   * The view from {@code self}.
   *
   * @param observed the loop's last observations, by node
   * @param self the node the view is for (left out)
   * @return the view, or empty when no other node has a tip
   */
  static Optional<PoolView> of(Map<String, NodeObservation> observed, String self) {
    int withTip = 0;
    long highest = Long.MIN_VALUE;
    Instant at = null;
    for (NodeObservation o : observed.values()) {
      if (o.node().equals(self) || o.tipSlot() == null) {
        continue;
      }
      withTip++;
      highest = Math.max(highest, o.tipSlot());
      at = at == null || o.observedAt().isAfter(at) ? o.observedAt() : at;
    }
    return withTip == 0 ? Optional.empty() : Optional.of(new PoolView(at, withTip, OptionalLong.of(highest)));
  }
}
