package io.palisade.bench.runtime;

import io.palisade.control.ControlEvent;
import io.palisade.control.api.PoolStatus;
import io.palisade.runtime.local.LocalPool;
import io.palisade.spec.NodeVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The time a three-node rollout of the demo pool takes against the sum of its configured waits:
 * {@code bench/run.sh io.palisade.bench.runtime.RolloutHarness [pool.yaml]}. Configured waits are the hold after each
 * node is ready ({@code upgrade.holdOff}) and the simulated node's start; the rest is Palisade's overhead (stopping
 * the old process, the JVM start of the new one, observation and decision latency), printed per node against the
 * issue's target of at most 1 s.
 */
public final class RolloutHarness {
  /** What the issue allows per node beyond the configured waits. */
  static final Duration TARGET_OVERHEAD_PER_NODE = Duration.ofSeconds(1);

  private RolloutHarness() {}

  /**
   * @param args [pool.yaml]
   */
  public static void main(String[] args) throws Exception {
    try (LocalPool pool = BenchPool.start(BenchPool.specArg(args))) {
      PoolStatus before = pool.status();
      NodeVersion from = before.version();
      NodeVersion to = new NodeVersion(from.major(), from.minor() + 1, 0, "");
      Duration hold = Duration.ofSeconds(5);
      long start = System.nanoTime();
      Instant begun = Instant.now();
      if (!pool.upgrade(to, false, false).accepted()) {
        throw new IllegalStateException("upgrade refused");
      }
      PoolStatus after = BenchPool.await(pool, s -> s.rollout() == null && s.history().size() == 1,
          Duration.ofMinutes(10));
      long total = (System.nanoTime() - start) / 1_000_000;
      List<ControlEvent> events = pool.events(100);
      for (ControlEvent e : events) {
        if (e.time().isBefore(begun)) {
          continue;
        }
        System.out.printf("  +%6d ms  %-24s %-22s %s%n", Duration.between(begun, e.time()).toMillis(), e.reason(),
            e.node(), e.message());
      }
      // A producer step that waits for a free window of the leader schedule waits by design, not by overhead.
      long gated = 0;
      Instant waitingSince = null;
      for (ControlEvent e : events) {
        if (e.time().isBefore(begun)) {
          continue;
        }
        boolean forWindow = (e.reason().equals("RolloutWaiting") || e.reason().equals("MaintenanceWaiting"))
            && e.message().contains("leader slot");
        if (forWindow && waitingSince == null) {
          waitingSince = e.time();
        } else if (e.reason().equals("NodeUpgrading") && waitingSince != null) {
          gated += Duration.between(waitingSince, e.time()).toMillis();
          waitingSince = null;
        }
      }
      Instant last = null;
      for (ControlEvent e : events) {
        if (e.reason().equals("NodeUpgrading")) {
          last = e.time();
        } else if (e.reason().equals("NodeReady") && last != null) {
          System.out.printf("  %-22s restart to ready: %d ms (configured: %d ms; %s)%n", e.node(),
              Duration.between(last, e.time()).toMillis(), BenchPool.SIMULATED_START.toMillis(),
              NodeTimeline.ofPlannedRestart(pool.dataDir().resolve("nodes").resolve(e.node()), last, e.time()));
        }
      }
      int nodes = after.nodes().size();
      long holds = nodes * hold.toMillis();
      long simulatedStart = nodes * BenchPool.SIMULATED_START.toMillis();
      long overhead = total - holds - simulatedStart - gated;
      System.out.printf("rollout %s -> %s of %d nodes: %s in %d ms%n", from, to, nodes,
          after.history().get(0).outcome(), total);
      System.out.printf("configured waits: holds %d x %d ms = %d ms; simulated node start %d x %d ms = %d ms;"
          + " waited for a free window of the leader schedule %d ms; sum %d ms%n", nodes, hold.toMillis(), holds,
          nodes, BenchPool.SIMULATED_START.toMillis(), simulatedStart, gated, holds + simulatedStart + gated);
      System.out.printf("overhead (ours): %d ms, %d ms per node, target <= %d ms per node: %s%n", overhead,
          overhead / nodes, TARGET_OVERHEAD_PER_NODE.toMillis(),
          overhead / nodes <= TARGET_OVERHEAD_PER_NODE.toMillis() ? "within target" : "OVER TARGET");
    }
  }
}
