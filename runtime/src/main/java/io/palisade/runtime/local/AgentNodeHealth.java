package io.palisade.runtime.local;

import io.palisade.agent.AgentConfig;
import io.palisade.agent.ForgeCounters;
import io.palisade.agent.ForgeCounters.Outcome;
import io.palisade.agent.HealthJudge;
import io.palisade.agent.HealthReport;
import io.palisade.agent.NodeToNodePortProbe;
import io.palisade.agent.NodeWatcher;
import io.palisade.agent.PollCadence;
import io.palisade.agent.PoolView;
import io.palisade.agent.metrics.MetricsScraper;
import io.palisade.chain.ChainClock;
import io.palisade.control.HealthState;
import io.palisade.control.NodeObservation;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeRole;
import io.palisade.spec.NodeVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The health agent's logic watching one node, in-process: a {@link NodeWatcher} (metrics scrape, node-to-node
 * handshake probe, the opcert file of a block producer) polled once a second on its own thread (every 0.2 s while the
 * node starts: until it first answers and while it replays, {@link #STARTING_POLL}), its {@link HealthReport} mapped to the control logic's
 * {@link NodeObservation}. A verdict that changes (started, state, live, ready) is signalled at once, so the control
 * loop acts on it without waiting for its next tick; the judge sees the loop's view of the pool's other nodes.
 *
 * <p>Like a Kubernetes startup probe, the node's startup budget (the rollout deadline per node) shields a starting
 * node from liveness: until it serves metrics it counts as live, unless the budget is spent.
 */
public final class AgentNodeHealth implements NodeHealth {
  /** How often the watcher polls a node that runs (the agent scrapes a node at most once a second). */
  static final Duration POLL = Duration.ofSeconds(1);
  /**
   * How often it looks while the node starts: until the node first answers, and while it replays (it answers but has
   * no tip yet). The moment the replay ends is the moment a restarted node can be ready; looking once a second would
   * find it half a second late on average. Five scrapes a second over one keep-alive connection on loopback stay
   * within cardano-node's limits (3 connections a second, 4 per client), and last only while the node starts.
   */
  static final Duration STARTING_POLL = MetricsScraper.FASTEST_PACE;

  private final NodeRef node;
  private final ChainClock clock;
  private final Duration startupBudget;
  private final MetricsScraper scraper;
  private final NodeWatcher watcher;
  private final ScheduledExecutorService poller;
  private final PollCadence cadence = new PollCadence(POLL, STARTING_POLL);
  private final Runnable changed;

  /**
   * Starts watching a node.
   *
   * @param node the node
   * @param ports its loopback ports
   * @param clock the network's chain clock
   * @param startupBudget how long it may take to serve metrics before it counts as stuck
   * @param opcertFile the block producer's operational certificate file, if it has one
   * @param config the agent's thresholds (the role is set from {@code node})
   */
  public AgentNodeHealth(NodeRef node, NodePorts ports, ChainClock clock, Duration startupBudget,
      Optional<Path> opcertFile, AgentConfig config) {
    this(node, ports, clock, startupBudget, () -> opcertFile, config, Optional::empty, () -> { });
  }

  /**
   * Starts watching a node for a control loop.
   *
   * @param node the node
   * @param ports its loopback ports
   * @param clock the network's chain clock
   * @param startupBudget how long it may take to serve metrics before it counts as stuck
   * @param opcertFile the block producer's operational certificate file now, if it has one (asked at each poll)
   * @param config the agent's thresholds (the role is set from {@code node})
   * @param poolView the loop's view of the pool's other nodes, asked at each poll
   * @param changed run (on the poller's thread) when the verdict changes
   */
  public AgentNodeHealth(NodeRef node, NodePorts ports, ChainClock clock, Duration startupBudget,
      Supplier<Optional<Path>> opcertFile, AgentConfig config, Supplier<Optional<PoolView>> poolView,
      Runnable changed) {
    this.changed = changed;
    this.node = node;
    this.clock = clock;
    this.startupBudget = startupBudget;
    this.scraper = new MetricsScraper(URI.create("http://127.0.0.1:" + ports.metrics() + "/metrics"),
        Duration.ofSeconds(2), STARTING_POLL);
    NodeToNodePortProbe probe = new NodeToNodePortProbe(new InetSocketAddress("127.0.0.1", ports.nodeToNode()),
        clock.genesis().networkMagic(), Duration.ofSeconds(2));
    this.watcher = new NodeWatcher(scraper, Optional.of(probe), opcertFile,
        new HealthJudge(config.withRole(Optional.of(node.role()))), clock, poolView);
    this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "health-" + node.name());
      t.setDaemon(true);
      return t;
    });
    poller.execute(this::pollAndReschedule);
  }

  private void pollAndReschedule() {
    Optional<HealthReport> before = watcher.latest();
    try {
      HealthReport after = watcher.poll();
      if (before.isEmpty() || verdictChanged(before.get(), after)) {
        changed.run();
      }
    } catch (RuntimeException e) {
      // A bug in one poll must not stop the watching; the next poll tries again.
    }
    try {
      poller.schedule(this::pollAndReschedule, nextPoll(watcher.latest()).toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closed.
    }
  }

  /** Soon while the node starts (not answering yet, or replaying with no tip), else once a second. */
  private Duration nextPoll(Optional<HealthReport> latest) {
    boolean replaying = latest.filter(HealthReport::started).map(r -> r.tipSlot().isEmpty()).orElse(false);
    return replaying ? STARTING_POLL : cadence.next(latest);
  }

  private static boolean verdictChanged(HealthReport a, HealthReport b) {
    return a.started() != b.started() || a.state() != b.state() || a.live() != b.live() || a.ready() != b.ready();
  }

  @Override
  public NodeObservation observe(boolean processAlive, Instant processStartedAt, NodeVersion version) {
    Instant now = clock.instant();
    if (!processAlive) {
      return NodeObservation.down(node.name(), now, "process not running");
    }
    Optional<HealthReport> latest = watcher.latest()
        .filter(r -> processStartedAt == null || !r.observedAt().isBefore(processStartedAt));
    boolean inBudget = processStartedAt == null
        || Duration.between(processStartedAt, now).compareTo(startupBudget) <= 0;
    if (latest.isEmpty()) {
      return new NodeObservation(node.name(), now, true, false, inBudget, false, HealthState.STARTING, null, null,
          null, List.of(inBudget ? "starting: not observed yet" : "not observed within the startup budget of "
          + startupBudget.toSeconds() + "s"));
    }
    HealthReport r = latest.get();
    boolean live = r.started() ? r.live() : inBudget;
    List<String> reasons = new ArrayList<>();
    for (String line : r.reasons()) {
      if (line.startsWith("state:") || line.startsWith("readiness: not ready") || line.startsWith("liveness: failing")
          || line.startsWith("startup: waiting") || line.startsWith("kes:")) {
        reasons.add(line);
      }
    }
    if (!r.started() && !inBudget) {
      reasons.add("liveness: failing: no metrics within the startup budget of " + startupBudget.toSeconds() + "s");
    }
    NodeVersion running = r.nodeVersion().flatMap(AgentNodeHealth::parse).orElse(null);
    return new NodeObservation(node.name(), r.observedAt(), true, r.started(), live, r.ready() && live,
        HealthState.valueOf(r.state().name()), running,
        r.tipSlot().isPresent() ? r.tipSlot().getAsLong() : null,
        r.gap().isPresent() ? r.gap().getAsLong() : null, reasons);
  }

  @Override
  public Optional<ForgingSample> forging() {
    return watcher.latest().filter(r -> r.metricsFailures() == 0)
        .flatMap(r -> r.forgingEnabled().map(e -> new ForgingSample(e, r.observedAt())));
  }

  @Override
  public Optional<ForgeSample> forgeCounters() {
    return watcher.latest().filter(r -> r.metricsFailures() == 0 && !r.forge().isEmpty())
        .map(r -> new ForgeSample(counters(r.forge()), r.forgeScrape().start(), r.forgeScrape().end()));
  }

  /** The agent's counters as control's record: a counter the node does not expose stays unknown (null). */
  static io.palisade.control.slots.ForgeCounters counters(ForgeCounters f) {
    return new io.palisade.control.slots.ForgeCounters(value(f, Outcome.ADOPTED), value(f, Outcome.DIDNT_ADOPT),
        value(f, Outcome.FORGED_INVALID), value(f, Outcome.COULD_NOT_FORGE), value(f, Outcome.BLOCK_FROM_FUTURE),
        value(f, Outcome.NODE_IS_LEADER));
  }

  private static Long value(ForgeCounters f, Outcome o) {
    OptionalLong v = f.get(o);
    return v.isPresent() ? v.getAsLong() : null;
  }

  private static Optional<NodeVersion> parse(String text) {
    try {
      return Optional.of(NodeVersion.parse(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The role judged, for tests. */
  NodeRole role() {
    return node.role();
  }

  @Override
  public void close() {
    poller.shutdownNow();
    scraper.close();
  }
}
