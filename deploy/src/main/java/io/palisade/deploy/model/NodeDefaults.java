package io.palisade.deploy.model;

import io.palisade.chain.KnownNetwork;
import io.palisade.spec.PoolSpec;
import io.palisade.spec.Quantity;
import java.time.Duration;

/**
 * What a node gets when the spec does not say: CPU and memory per network, the start-up budget (a ledger replay
 * after an unclean stop or a version change can take hours on mainnet), and the grace period a node gets to flush its
 * databases on shutdown.
 *
 * @param cpuRequest CPU request
 * @param cpuLimit CPU limit
 * @param memory memory request and limit (equal, so the node is never the first evicted)
 * @param startupBudget how long a node may take to start before the kubelet restarts it
 * @param terminationGrace how long a stopping node gets before SIGKILL
 */
public record NodeDefaults(
    Quantity cpuRequest, Quantity cpuLimit, Quantity memory, Duration startupBudget, Duration terminationGrace) {

  /** The defaults for the pool's network; the start-up budget is never shorter than the upgrade deadline. */
  public static NodeDefaults forSpec(PoolSpec spec) {
    KnownNetwork network = spec.network().known().orElse(KnownNetwork.PREVIEW);
    NodeDefaults base = switch (network) {
      // Mainnet: 24 GiB is the working set of a current node with the in-memory ledger (V2InMemory).
      case MAINNET -> new NodeDefaults(Quantity.parse("2"), Quantity.parse("4"), Quantity.parse("24Gi"),
          Duration.ofHours(12), Duration.ofMinutes(10));
      case PREPROD -> new NodeDefaults(Quantity.parse("1"), Quantity.parse("2"), Quantity.parse("8Gi"),
          Duration.ofHours(4), Duration.ofMinutes(5));
      case PREVIEW -> new NodeDefaults(Quantity.parse("1"), Quantity.parse("2"), Quantity.parse("6Gi"),
          Duration.ofHours(2), Duration.ofMinutes(5));
    };
    Duration deadline = spec.upgrade() == null || spec.upgrade().deadlinePerNode() == null ? Duration.ZERO
        : spec.upgrade().deadlinePerNode();
    return deadline.compareTo(base.startupBudget()) > 0
        ? new NodeDefaults(base.cpuRequest(), base.cpuLimit(), base.memory(), deadline, base.terminationGrace())
        : base;
  }
}
