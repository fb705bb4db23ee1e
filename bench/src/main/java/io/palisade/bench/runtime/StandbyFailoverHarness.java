package io.palisade.bench.runtime;

import io.palisade.runtime.local.HotKeySetup;
import io.palisade.runtime.local.StandbyFailoverWorld;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.PoolSpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Failover of a standby block producer over many injected failures (issue 18): the real producer lease keeper and its
 * files against simulated producers on a virtual clock ({@link StandbyFailoverWorld}); prints the time from each
 * failure to the standby forging (median, p99, max), the leader slots lost and the double-forged slots.
 *
 * <p>Arguments: {@code [pool.yaml] [failures] [seed]} (the demo pool, 1,000, a fresh seed).
 */
public final class StandbyFailoverHarness {
  private StandbyFailoverHarness() {}

  /**
   * @param args see the class
   * @throws Exception if the world cannot be built
   */
  public static void main(String[] args) throws Exception {
    Path specFile = BenchPool.specArg(args);
    int failures = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : System.nanoTime();
    LoadedPoolSpec spec = new PoolSpecLoader().load(specFile);
    if (spec.spec().standbyRef().isEmpty()) {
      throw new IllegalArgumentException(specFile + " declares no standby (blockProducer.standby)");
    }
    Path data = Files.createTempDirectory("palisade-failover-bench");
    Path ram = HotKeySetup.directoryFor(data, spec.spec().name());
    try {
      StandbyFailoverWorld world = new StandbyFailoverWorld(spec, data, BenchPool.SIMULATED_START, 0.05, seed);
      String[] kinds = {"kill -9", "SIGSTOP", "hang"};
      List<Duration> times = new ArrayList<>();
      java.util.Map<String, List<Duration>> byKind = new java.util.LinkedHashMap<>();
      int lost = 0;
      int doubled = 0;
      int missed = 0;
      long started = System.nanoTime();
      for (int i = 0; i < failures; i++) {
        StandbyFailoverWorld.Outcome o = world.fail(kinds[i % kinds.length], Duration.ofMinutes(5));
        if (o.failureToStandbyForging() == null) {
          missed++;
        } else {
          times.add(o.failureToStandbyForging());
          byKind.computeIfAbsent(o.kind(), k -> new ArrayList<>()).add(o.failureToStandbyForging());
        }
        lost += o.slotsLost();
        doubled += o.doubleForged();
      }
      times.sort(null);
      System.out.printf(Locale.ROOT, "pool %s: failoverAfter %s, fence %s, simulated node start %s (%s); seed %d%n",
          spec.spec().name(), spec.spec().blockProducer().standby().failoverAfter(), Duration.ofSeconds(15),
          BenchPool.SIMULATED_START, BenchPool.SIMULATED_START_WHAT, seed);
      System.out.printf(Locale.ROOT, "%d failures (kill -9 of the holder with its host down, SIGSTOP, hang; in turn),"
          + " %.1f s of real time%n", failures, (System.nanoTime() - started) / 1e9);
      System.out.printf(Locale.ROOT, "failure to standby forging: median %.1f s, p99 %.1f s, max %.1f s (target"
          + " <= 60 s); no failover within 5 min: %d%n", secs(pct(times, 0.5)), secs(pct(times, 0.99)),
          secs(times.isEmpty() ? Duration.ZERO : times.get(times.size() - 1)), missed);
      byKind.forEach((kind, list) -> {
        list.sort(null);
        System.out.printf(Locale.ROOT, "  %s: median %.1f s, p99 %.1f s (%d)%n", kind, secs(pct(list, 0.5)),
            secs(pct(list, 0.99)), list.size());
      });
      System.out.printf(Locale.ROOT, "leader slots lost (f = 0.05): %d; double-forged slots: %d (target 0)%n", lost,
          doubled);
    } finally {
      HotKeySetup.remove(ram);
      try (var all = Files.walk(data)) {
        all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Duration pct(List<Duration> sorted, double q) {
    if (sorted.isEmpty()) {
      return Duration.ZERO;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
  }

  private static double secs(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
