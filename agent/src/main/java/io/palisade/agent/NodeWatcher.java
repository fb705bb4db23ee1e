package io.palisade.agent;

import io.palisade.agent.metrics.MetricsSource;
import io.palisade.agent.metrics.NodeMetrics;
import io.palisade.agent.metrics.ScrapeException;
import io.palisade.chain.ChainClock;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Watches one node: each {@link #poll()} scrapes its metrics, probes its node-to-node port, reads its operational
 * certificate file (when configured), and asks the {@link HealthJudge} for the next {@link HealthReport}. The I/O edge
 * around the pure judge; the HTTP server and the single-host runtime both drive it.
 *
 * <pre>{@code
 * var watcher = new NodeWatcher(new MetricsScraper(uri, Duration.ofSeconds(3)),
 *     Optional.of(new NodeToNodePortProbe(address, magic, Duration.ofSeconds(5))), Optional.empty(),
 *     new HealthJudge(AgentConfig.defaults()), new ChainClock(genesis, Clock.systemUTC()));
 * HealthReport report = watcher.poll();
 * }</pre>
 *
 * <p>Thread-safe: polls are serialised; {@link #latest()} may be read from any thread.
 */
public final class NodeWatcher {
  private final MetricsSource metrics;
  private final Optional<PortProbe> port;
  private final Supplier<Optional<Path>> opcertFile;
  private final HealthJudge judge;
  private final ChainClock clock;
  private final Supplier<Optional<PoolView>> poolView;
  private volatile HealthReport latest;

  /**
   * @param metrics where the node's metrics come from
   * @param port the port probe, or empty not to probe
   * @param opcertFile the node's operational certificate file (block producers), or empty
   * @param judge the verdict rules
   * @param clock the network's chain clock; its {@code instant()} stamps each observation
   */
  public NodeWatcher(
      MetricsSource metrics, Optional<PortProbe> port, Optional<Path> opcertFile, HealthJudge judge,
      ChainClock clock) {
    this(metrics, port, opcertFile, judge, clock, Optional::empty);
  }

  /**
   * A watcher whose judge also sees the other nodes of the pool, as a controller that watches them all provides it:
   * how a frozen tip is told apart from a stall of the pool or of the chain (see {@link FrozenTip}).
   *
   * @param metrics where the node's metrics come from
   * @param port the port probe, or empty not to probe
   * @param opcertFile the node's operational certificate file (block producers), or empty
   * @param judge the verdict rules
   * @param clock the network's chain clock; its {@code instant()} stamps each observation
   * @param poolView the controller's current view of the pool's other nodes, asked once per poll
   */
  public NodeWatcher(
      MetricsSource metrics, Optional<PortProbe> port, Optional<Path> opcertFile, HealthJudge judge,
      ChainClock clock, Supplier<Optional<PoolView>> poolView) {
    this(metrics, port, constant(opcertFile), judge, clock, poolView);
  }

  /**
   * A watcher whose opcert file is asked at each poll: a producer's keys change under it (a rotation that has it
   * re-read its credentials on a SIGHUP instead of restarting it).
   *
   * @param metrics where the node's metrics come from
   * @param port the port probe, or empty not to probe
   * @param opcertFile the node's operational certificate file now (block producers), or empty
   * @param judge the verdict rules
   * @param clock the network's chain clock; its {@code instant()} stamps each observation
   * @param poolView the controller's current view of the pool's other nodes, asked once per poll
   */
  public NodeWatcher(
      MetricsSource metrics, Optional<PortProbe> port, Supplier<Optional<Path>> opcertFile, HealthJudge judge,
      ChainClock clock, Supplier<Optional<PoolView>> poolView) {
    this.poolView = Objects.requireNonNull(poolView, "poolView");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.port = Objects.requireNonNull(port, "port");
    this.opcertFile = Objects.requireNonNull(opcertFile, "opcertFile");
    this.judge = Objects.requireNonNull(judge, "judge");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private static Supplier<Optional<Path>> constant(Optional<Path> file) {
    Objects.requireNonNull(file, "opcertFile");
    return () -> file;
  }

  /**
   * Observes the node once and judges it.
   *
   * @return the new report (also kept as {@link #latest()})
   */
  public synchronized HealthReport poll() {
    NodeObservation obs = observe();
    HealthReport report = judge.judge(Optional.ofNullable(latest), obs, clock);
    latest = report;
    return report;
  }

  /** The last report, or empty before the first poll. */
  public Optional<HealthReport> latest() {
    return Optional.ofNullable(latest);
  }

  /** The chain clock. */
  public ChainClock clock() {
    return clock;
  }

  /** The judge. */
  public HealthJudge judge() {
    return judge;
  }

  /** Where the metrics come from. */
  public String metricsSource() {
    return metrics.describe();
  }

  /** What port is probed, if any. */
  public Optional<String> portTarget() {
    return port.map(PortProbe::describe);
  }

  private NodeObservation observe() {
    var at = clock.instant();
    NodeObservation obs;
    try {
      NodeMetrics scraped = metrics.scrape();
      obs = NodeObservation.scraped(at, scraped, clock.instant());
    } catch (ScrapeException e) {
      obs = NodeObservation.scrapeFailed(at, e.getMessage());
    }
    if (port.isPresent()) {
      obs = obs.withPort(port.get().probe());
    }
    Optional<Path> opcert = opcertFile.get();
    if (opcert.isPresent()) {
      try {
        obs = obs.withOpcert(OperationalCertificate.read(opcert.get()));
      } catch (AgentInputException e) {
        obs = obs.withOpcertError(e.getMessage());
      }
    }
    Optional<PoolView> view = poolView.get();
    if (view.isPresent()) {
      obs = obs.withPool(view.get());
    }
    return obs;
  }
}
