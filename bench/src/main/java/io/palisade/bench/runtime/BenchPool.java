package io.palisade.bench.runtime;

import io.palisade.chain.ChainClock;
import io.palisade.control.HealingPolicy;
import io.palisade.control.api.PoolStatus;
import io.palisade.runtime.local.HotKeySetup;
import io.palisade.runtime.local.LocalPool;
import io.palisade.runtime.local.LocalPoolOptions;
import io.palisade.runtime.local.NodeCommand;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.PoolSpecLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The demo pool as 'palisade up' runs it (simulated nodes, default replay, 1 s tick), in a throwaway data dir. */
final class BenchPool {
  /**
   * The simulated node's configured start, as the issue counts it: its default ledger replay and the time to its first
   * block after it. Whatever a restart takes beyond this is Palisade's.
   */
  static final Duration SIMULATED_START = Duration.ofMillis(6500);
  /** What {@link #SIMULATED_START} is made of. */
  static final String SIMULATED_START_WHAT = "5 s ledger replay and 1.5 s to the first block";

  private BenchPool() {}

  static LocalPool start(Path spec) throws Exception {
    return start(spec, HealingPolicy.DEFAULT);
  }

  static LocalPool start(Path spec, HealingPolicy healing) throws Exception {
    LoadedPoolSpec loaded = new PoolSpecLoader().load(spec);
    Path data = Files.createTempDirectory("palisade-bench");
    // The harness closes the pool (its nodes stop) before it exits; then the throwaway data directory goes too.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> removeQuietly(data), "bench-cleanup"));
    var keys = HotKeySetup.demo(HotKeySetup.directoryFor(data, loaded.spec().name()),
        new ChainClock(loaded.genesis(), Clock.systemUTC()));
    LocalPoolOptions options = LocalPoolOptions.of(loaded, data,
            NodeCommand.Simulated.onThisJvm("io.palisade.simnode.SimNodeMain", List.of(), null))
        .withPorts(0, 0).withStopGrace(Duration.ofSeconds(10)).withHotKeys(keys)
        .withHealing(healing);
    LocalPool pool = LocalPool.start(options);
    await(pool, PoolStatus::healthy, Duration.ofMinutes(3));
    return pool;
  }

  static PoolStatus await(LocalPool pool, Predicate<PoolStatus> done, Duration limit) throws InterruptedException {
    Instant end = Instant.now().plus(limit);
    while (Instant.now().isBefore(end)) {
      PoolStatus s = pool.status();
      if (done.test(s)) {
        return s;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("not reached within " + limit);
  }

  private static void removeQuietly(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      System.err.println("could not remove " + dir + ": " + e.getMessage());
    }
  }

  static Path specArg(String[] args) {
    return Path.of(args.length > 0 ? args[0] : "examples/demo-pool.yaml");
  }
}
