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
 * node is ready ({@code upgrade.holdOff}) and the simulated node's start (replay 5 s + first block 1.5 s); the rest
 * is Palisade's overhead (JVM start, observation and decision latency).
 */
public final class RolloutHarness {
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
      if (!pool.upgrade(to, false, false).accepted()) {
        throw new IllegalStateException("upgrade refused");
      }
      PoolStatus after = BenchPool.await(pool, s -> s.rollout() == null && s.history().size() == 1,
          Duration.ofMinutes(10));
      long total = (System.nanoTime() - start) / 1_000_000;
      List<ControlEvent> events = pool.events(100);
      Instant last = null;
      for (ControlEvent e : events) {
        if (e.reason().equals("NodeUpgrading")) {
          last = e.time();
        } else if (e.reason().equals("NodeReady") && last != null) {
          System.out.printf("  %-18s restart to ready: %d ms%n", e.node(), Duration.between(last, e.time()).toMillis());
        }
      }
      int nodes = after.nodes().size();
      long holds = nodes * 5_000L;
      long simulatedStart = nodes * 6_500L;
      System.out.printf("rollout %s -> %s of %d nodes: %s in %d ms%n", from, to, nodes,
          after.history().get(0).outcome(), total);
      System.out.printf("configured waits: holds %d x %d ms = %d ms; simulated node start %d x 6500 ms = %d ms;"
          + " sum %d ms%n", nodes, hold.toMillis(), holds, nodes, simulatedStart, holds + simulatedStart);
      System.out.printf("overhead (ours): %d ms, %d ms per node%n", total - holds - simulatedStart,
          (total - holds - simulatedStart) / nodes);
    }
  }
}
