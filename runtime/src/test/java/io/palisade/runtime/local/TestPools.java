package io.palisade.runtime.local;

import io.palisade.chain.ChainClock;
import io.palisade.control.HealingPolicy;
import io.palisade.control.LeaderCalendar;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.PoolSpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** A small preview pool with short waits, run with simulated nodes as child processes. */
final class TestPools {
  private TestPools() {}

  static final String SPEC = """
      name: test
      network: preview
      node:
        version: 10.5.3
        image: registry.palisade.example/palisade/cardano-node:10.5.3@sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270
      registry:
        host: registry.palisade.example
        private: true
      blockProducer:
        name: block-producer
      relays:
        - region: region-a
          count: 1
          publicAddress: 127.0.0.1
        - region: region-b
          count: 1
          publicAddress: 127.0.0.1
      upgrade:
        deadlinePerNode: 20s
        holdOff: 1s
      """;

  static LoadedPoolSpec spec(Path dir) throws IOException {
    return spec(dir, "");
  }

  /** The test pool with more YAML appended (a {@code keys:} section, for example). */
  static LoadedPoolSpec spec(Path dir, String more) throws IOException {
    Path file = dir.resolve("pool.yaml");
    Files.writeString(file, SPEC + more);
    return new PoolSpecLoader().load(file);
  }

  /** Options with short waits, without hot keys. */
  static LocalPoolOptions options(LoadedPoolSpec spec, Path data) {
    return LocalPoolOptions.of(spec, data, simnode())
        .withTick(Duration.ofMillis(300))
        .withPorts(0, 0)
        .withStopGrace(Duration.ofSeconds(5))
        .withHealing(new HealingPolicy(Duration.ofSeconds(1), Duration.ofSeconds(4), 4, Duration.ofSeconds(30)))
        // Every window free: the tests of other behaviour do not wait for leader slots (LeaderAwareMaintenanceTest
        // moves the schedule, or computes the real one).
        .withLeaderSchedule(now -> new LeaderCalendar(List.of(), now.plus(Duration.ofDays(1))));
  }

  /** The simulated node on the test class path, with a half-second replay. */
  static NodeCommand.Simulated simnode() {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    NodeCommand.Simulated s = NodeCommand.Simulated.onThisJvm("io.palisade.simnode.SimNodeMain", List.of(), "PT0.5S");
    return new NodeCommand.Simulated(s.java(), cp, s.mainClass(), s.prefix(), s.jvmOptions(), s.replay(), null);
  }

  /** Options with short waits and a throwaway DEMO key set for the block producer (as 'palisade up' makes). */
  static LocalPoolOptions options(Path dir) throws IOException {
    return withDemoKeys(spec(dir), dir.resolve("data"));
  }

  /** The test pool with two relays in region-a and one in region-b. */
  static LoadedPoolSpec threeRelays(Path dir) throws IOException {
    Path file = dir.resolve("pool.yaml");
    Files.writeString(file, SPEC.replaceFirst("count: 1", "count: 2"));
    return new PoolSpecLoader().load(file);
  }

  /** Slots in an epoch of {@link #withComputedSchedule}'s custom network (one-second slots, f = 1/2, k = 10). */
  static final long SHORT_EPOCH = 1200;

  /**
   * Options with short waits, a DEMO key set, and the block producer's leader slots computed from its simulated
   * ledger over its socket, as 'palisade up' does. The pool runs on a custom network with short epochs (its own
   * genesis and config.json in {@code dir/net}, Praos from epoch 0) and the pool holds 30 % of the stake: an epoch's
   * schedule is {@value #SHORT_EPOCH} VRF evaluations, not a public network's 86,400, with a leader slot every few
   * seconds.
   */
  static LocalPoolOptions withComputedSchedule(Path dir) throws IOException {
    io.palisade.simnode.testing.NodeFiles.customNetwork(dir.resolve("net"), 42, SHORT_EPOCH, "0.5", 10);
    Path file = dir.resolve("pool.yaml");
    Files.writeString(file, SPEC.replace("network: preview", "network: ./net"));
    LoadedPoolSpec spec = new PoolSpecLoader().load(file);
    Path data = dir.resolve("data");
    HotKeyFiles keys = HotKeySetup.demo(HotKeySetup.directoryFor(data, spec.spec().name()),
        new ChainClock(spec.genesis(), Clock.systemUTC()));
    return LocalPoolOptions.of(spec, data, simnode().withStakeShare("0.3"))
        .withTick(Duration.ofMillis(300))
        .withPorts(0, 0)
        .withStopGrace(Duration.ofSeconds(5))
        .withHotKeys(keys);
  }

  /** Options with short waits and a throwaway DEMO key set (made once per data directory, in RAM). */
  static LocalPoolOptions withDemoKeys(LoadedPoolSpec spec, Path data) throws IOException {
    HotKeyFiles keys = HotKeySetup.demo(HotKeySetup.directoryFor(data, spec.spec().name()),
        new ChainClock(spec.genesis(), Clock.systemUTC()));
    return options(spec, data).withHotKeys(keys);
  }
}
