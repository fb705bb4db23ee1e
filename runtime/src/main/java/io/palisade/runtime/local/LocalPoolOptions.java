package io.palisade.runtime.local;

import io.palisade.control.HealingPolicy;
import io.palisade.control.MaintenancePolicy;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.NodeRef;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * How to run a pool on this host. Build with {@link #of(LoadedPoolSpec, Path, NodeCommand)} and adjust with the
 * {@code with...} methods.
 *
 * @param pool the loaded pool spec
 * @param dataDir the data directory
 * @param command how nodes are started
 * @param tick how often the control loop observes and decides
 * @param healing self-healing backoff and give-up rule
 * @param stopGrace how long a node has after SIGTERM before it is killed
 * @param apiPort the control plane's loopback port (0: any free port)
 * @param nodeToNodeBase first node-to-node port (0: any free port)
 * @param metricsBase first metrics port (0: any free port)
 * @param files writes the nodes' config.json and topology.json, or null for the default
 * @param health makes each node's health judge, or null for the default
 * @param hotKeys the block producer's hot-key files, if any
 * @param clock the clock
 * @param progress receives progress lines for people (stderr in the CLI)
 * @param hotKeyPassphraseFile the file holding the passphrase of the spec's hot-key bundle, for a key rotation the
 *     console queued without one
 * @param leaderSchedule where the block producer's leader slots come from; empty: computed from its own node
 *     ({@link NodeLeaderSchedule})
 * @param maintenance how planned maintenance of the block producer is fitted between its leader slots
 */
public record LocalPoolOptions(
    LoadedPoolSpec pool,
    Path dataDir,
    NodeCommand command,
    Duration tick,
    HealingPolicy healing,
    Duration stopGrace,
    int apiPort,
    int nodeToNodeBase,
    int metricsBase,
    NodeFiles files,
    BiFunction<NodeRef, NodePorts, NodeHealth> health,
    Optional<HotKeyFiles> hotKeys,
    Clock clock,
    Consumer<String> progress,
    Optional<Path> hotKeyPassphraseFile,
    Optional<LeaderScheduleSource> leaderSchedule,
    MaintenancePolicy maintenance) {

  /**
   * The maintenance policy for simulated nodes, which replay in seconds, not minutes: 30 s assumed until their own
   * restarts are measured, 10 s of margin, two minutes of waiting for the standby to be ready.
   */
  public static final MaintenancePolicy SIMULATED = new MaintenancePolicy(Duration.ofSeconds(30),
      Duration.ofSeconds(10), MaintenancePolicy.DEFAULT.maxWait(), MaintenancePolicy.DEFAULT.percentile(),
      MaintenancePolicy.DEFAULT.minSamples()).withStandbyWait(Duration.ofMinutes(2));

  /** Checks the required fields. */
  public LocalPoolOptions {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(tick, "tick");
    Objects.requireNonNull(healing, "healing");
    Objects.requireNonNull(stopGrace, "stopGrace");
    Objects.requireNonNull(clock, "clock");
    hotKeys = hotKeys == null ? Optional.empty() : hotKeys;
    progress = progress == null ? s -> { } : progress;
    hotKeyPassphraseFile = hotKeyPassphraseFile == null ? Optional.empty() : hotKeyPassphraseFile;
    leaderSchedule = leaderSchedule == null ? Optional.empty() : leaderSchedule;
    maintenance = maintenance == null ? MaintenancePolicy.DEFAULT : maintenance;
  }

  /**
   * Defaults: a 1 s tick, default healing, 30 s stop grace, ports from the spec, the system clock, the block
   * producer's leader slots computed from its node, {@link MaintenancePolicy#DEFAULT} ({@link #SIMULATED} for
   * simulated nodes) with the margin, wait limit and clock tolerance the spec's {@code blockProducer.maintenance}
   * sets.
   *
   * @param pool the spec
   * @param dataDir the data directory
   * @param command how nodes are started
   * @return the options
   */
  public static LocalPoolOptions of(LoadedPoolSpec pool, Path dataDir, NodeCommand command) {
    int n2n = pool.spec().ports() == null || pool.spec().ports().nodeToNode() == null ? 3001
        : pool.spec().ports().nodeToNode();
    int metrics = pool.spec().ports() == null || pool.spec().ports().metrics() == null ? 12798
        : pool.spec().ports().metrics();
    return new LocalPoolOptions(pool, dataDir, command, Duration.ofSeconds(1), HealingPolicy.DEFAULT,
        Duration.ofSeconds(30), 0, n2n, metrics, null, null, Optional.empty(), Clock.systemUTC(), null,
        Optional.empty(), Optional.empty(), (command instanceof NodeCommand.Simulated ? SIMULATED : MaintenancePolicy
        .DEFAULT).with(pool.spec().blockProducer() == null ? null : pool.spec().blockProducer().maintenance()));
  }

  /** With another control-loop tick. */
  public LocalPoolOptions withTick(Duration t) {
    return new LocalPoolOptions(pool, dataDir, command, t, healing, stopGrace, apiPort, nodeToNodeBase, metricsBase,
        files, health, hotKeys, clock, progress, hotKeyPassphraseFile, leaderSchedule,
        maintenance);
  }

  /** With another healing policy. */
  public LocalPoolOptions withHealing(HealingPolicy h) {
    return new LocalPoolOptions(pool, dataDir, command, tick, h, stopGrace, apiPort, nodeToNodeBase, metricsBase,
        files, health, hotKeys, clock, progress, hotKeyPassphraseFile, leaderSchedule,
        maintenance);
  }

  /** With another stop grace period. */
  public LocalPoolOptions withStopGrace(Duration g) {
    return new LocalPoolOptions(pool, dataDir, command, tick, healing, g, apiPort, nodeToNodeBase, metricsBase,
        files, health, hotKeys, clock, progress, hotKeyPassphraseFile, leaderSchedule,
        maintenance);
  }

  /** With other base ports (0: any free port). */
  public LocalPoolOptions withPorts(int nodeToNode, int metrics) {
    return new LocalPoolOptions(pool, dataDir, command, tick, healing, stopGrace, apiPort, nodeToNode, metrics,
        files, health, hotKeys, clock, progress, hotKeyPassphraseFile, leaderSchedule,
        maintenance);
  }

  /** With a progress receiver. */
  public LocalPoolOptions withProgress(Consumer<String> p) {
    return new LocalPoolOptions(pool, dataDir, command, tick, healing, stopGrace, apiPort, nodeToNodeBase,
        metricsBase, files, health, hotKeys, clock, p, hotKeyPassphraseFile, leaderSchedule,
        maintenance);
  }

  /** With another node-file writer. */
  public LocalPoolOptions withFiles(NodeFiles f) {
    return new LocalPoolOptions(pool, dataDir, command, tick, healing, stopGrace, apiPort, nodeToNodeBase,
        metricsBase, f, health, hotKeys, clock, progress, hotKeyPassphraseFile, leaderSchedule,
        maintenance);
  }

  /** With another health-judge factory. */
  public LocalPoolOptions withHealth(BiFunction<NodeRef, NodePorts, NodeHealth> h) {
    return new LocalPoolOptions(pool, dataDir, command, tick, healing, stopGrace, apiPort, nodeToNodeBase,
        metricsBase, files, h, hotKeys, clock, progress, hotKeyPassphraseFile, leaderSchedule,
        maintenance);
  }

  /** With the block producer's hot keys. */
  public LocalPoolOptions withHotKeys(HotKeyFiles k) {
    return new LocalPoolOptions(pool, dataDir, command, tick, healing, stopGrace, apiPort, nodeToNodeBase,
        metricsBase, files, health, Optional.of(k), clock, progress, hotKeyPassphraseFile, leaderSchedule,
        maintenance);
  }

  /** With the file holding the hot-key bundle's passphrase (for rotations through the console). */
  public LocalPoolOptions withHotKeyPassphraseFile(Path f) {
    return new LocalPoolOptions(pool, dataDir, command, tick, healing, stopGrace, apiPort, nodeToNodeBase,
        metricsBase, files, health, hotKeys, clock, progress, Optional.of(f), leaderSchedule,
        maintenance);
  }

  /** With another source of the block producer's leader slots (tests: a schedule they control). */
  public LocalPoolOptions withLeaderSchedule(LeaderScheduleSource s) {
    return new LocalPoolOptions(pool, dataDir, command, tick, healing, stopGrace, apiPort, nodeToNodeBase,
        metricsBase, files, health, hotKeys, clock, progress, hotKeyPassphraseFile, Optional.of(s), maintenance);
  }

  /** With another maintenance policy (default restart-to-forging time, margin, wait limit). */
  public LocalPoolOptions withMaintenance(MaintenancePolicy m) {
    return new LocalPoolOptions(pool, dataDir, command, tick, healing, stopGrace, apiPort, nodeToNodeBase,
        metricsBase, files, health, hotKeys, clock, progress, hotKeyPassphraseFile, leaderSchedule, m);
  }
}
