package io.palisade.agent;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the pool's controller sees of the <em>other</em> nodes of the pool: how many have a tip and the highest. The
 * agent beside one node cannot see the others; the single-host runtime's control loop (or, on Kubernetes, the operator)
 * can, and hands this to each node's judge. It is how a frozen tip is told apart: if another node of the pool is past
 * it, this node's process is stuck (liveness fails); if none is, the whole pool, or the chain, has stalled, and a
 * restart would fix nothing (the node is not ready, but live).
 *
 * @param observedAt when the controller assembled the view
 * @param nodesWithTip how many other nodes of the pool have a known tip
 * @param highestTip the highest tip slot among them, empty when none has one
 */
public record PoolView(Instant observedAt, int nodesWithTip, OptionalLong highestTip) {
  /** Requires the values and a tip whenever a node has one. */
  public PoolView {
    Objects.requireNonNull(observedAt, "observedAt");
    Objects.requireNonNull(highestTip, "highestTip");
    if (nodesWithTip < 0 || (nodesWithTip > 0) != highestTip.isPresent()) {
      throw new IllegalArgumentException("a pool view needs a highest tip exactly when some node has a tip, was: "
          + nodesWithTip + " nodes, highest " + highestTip);
    }
  }

  /** Whether the view says anything about tips. */
  public boolean informative() {
    return nodesWithTip > 0;
  }
}
