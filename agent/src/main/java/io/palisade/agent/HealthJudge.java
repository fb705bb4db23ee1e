package io.palisade.agent;

import io.palisade.agent.metrics.NodeMetric;
import io.palisade.agent.metrics.NodeMetrics;
import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.ouroboros.ChainTip;
import io.palisade.spec.NodeRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Decides a node's state and probes from the previous report, a new observation and the chain clock. Pure: no I/O,
 * no clock of its own (the observation carries its instant), so every rule is tested with recorded data and fake
 * time.
 *
 * <p>The rules, in the operator's words:
 *
 * <ul>
 *   <li><b>State</b> compares the tip slot with the slot the chain clock expects. A node becomes SYNCED within
 *       {@link AgentConfig#syncedWithinSlots()} and stays SYNCED up to {@link AgentConfig#syncedHoldSlots()} (the tip
 *       moves only when a block arrives); LAGGING and SYNCING work the same way with the lagging pair. With no sync
 *       history (a first observation, or the first tip after a start), a gap a node at the tip reaches with a chance
 *       of at least {@link SyncBand#SINGLE_OBSERVATION_TAIL} between two blocks also counts as SYNCED ({@link BlockInterval}),
 *       and the reason says the verdict rests on one observation. A node that serves metrics but has no tip yet
 *       (replaying the ledger, or before its first block after a start) is STARTING. DOWN needs
 *       {@link AgentConfig#failuresBeforeDown()} failures in a row; one failed scrape keeps the previous verdict.
 *   <li><b>Startup</b> passes once the node serves metrics.
 *   <li><b>Liveness</b> fails only when the process is stuck: metrics dead, the port dead on a node past startup, or
 *       the tip frozen longer than {@link AgentConfig#stuckAfter()} while another node of the pool got past it
 *       ({@link FrozenTip}). A frozen tip with no hot peer, or with no node of the pool past it, makes the node not
 *       ready, never dead. A replay, however long, never fails liveness.
 *   <li><b>Readiness</b> needs SYNCED, enough hot peers and the right network; for a block producer also forging
 *       enabled and a KES key that is valid now. The role is configured, or inferred from any forging evidence
 *       ({@link ForgingEvidence}).
 * </ul>
 *
 * <pre>{@code
 * HealthJudge judge = new HealthJudge(AgentConfig.defaults());
 * HealthReport report = judge.judge(previous, observation, clock);
 * }</pre>
 */
public final class HealthJudge {
  /** The GSM state meaning "caught up" ({@code GSM_state_int}: 0 PreSyncing, 1 Syncing, 2 CaughtUp). */
  private static final long GSM_CAUGHT_UP = 2;

  private final AgentConfig config;
  private final SyncBand sync;

  /**
   * @param config the thresholds
   */
  public HealthJudge(AgentConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.sync = new SyncBand(config);
  }

  /** The thresholds. */
  public AgentConfig config() {
    return config;
  }

  /**
   * Judges one observation.
   *
   * @param previous the last report for this node, or empty for the first observation
   * @param obs what was just observed
   * @param clock the chain clock of the node's network (only its genesis arithmetic is used)
   * @return the new report
   */
  public HealthReport judge(Optional<HealthReport> previous, NodeObservation obs, ChainClock clock) {
    Instant at = obs.observedAt();
    GenesisParameters genesis = clock.genesis();
    List<String> reasons = new ArrayList<>();
    boolean beforeStart = at.isBefore(genesis.systemStart());
    long expected = beforeStart ? 0 : clock.slotAt(at);
    int n = config.failuresBeforeDown();

    Optional<NodeMetrics> metrics = obs.metrics();
    int metricsFailures = metrics.isPresent() ? 0 : previous.map(HealthReport::metricsFailures).orElse(0) + 1;
    boolean metricsDead = metricsFailures >= n;
    Optional<PortProbeResult> port = obs.port();
    OptionalLong metricsSlot = metric(metrics, NodeMetric.SLOT_NUM);
    // The port opens only once the chain database is open, which may be a moment after the first tip metric: failed
    // probes count only on a node past startup (its metrics show a tip, or showed one before a failed scrape), so a
    // node whose port opens late is not judged dead by the failures of its replay.
    boolean pastStartup = metricsSlot.isPresent()
        || (metrics.isEmpty() && previous.map(p -> p.tipSlot().isPresent()).orElse(false));
    int portFailures = port.map(p -> p.answered() || !pastStartup ? 0
        : previous.map(HealthReport::portFailures).orElse(0) + 1).orElse(0);
    boolean portDead = portFailures >= n;
    boolean wrongNetwork = port.filter(p -> p.outcome() == PortProbeResult.Outcome.WRONG_NETWORK).isPresent();

    OptionalLong tipSlot = metricsSlot;
    OptionalLong tipBlock = metric(metrics, NodeMetric.BLOCK_NUM);
    Optional<ChainTip> portTip = port.flatMap(PortProbeResult::tip).filter(t -> t.slot().isPresent());
    if (portTip.isPresent()
        && (tipSlot.isEmpty() || portTip.get().slot().getAsLong() > tipSlot.getAsLong())) {
      tipSlot = portTip.get().slot();
      tipBlock = OptionalLong.of(portTip.get().blockNo());
    }
    OptionalLong gap = tipSlot.isPresent() ? OptionalLong.of(expected - tipSlot.getAsLong()) : OptionalLong.empty();
    OptionalDouble replay = metrics.map(m -> m.real(NodeMetric.BLOCK_REPLAY_PROGRESS))
        .orElse(OptionalDouble.empty());
    OptionalLong startTime = metric(metrics, NodeMetric.NODE_START_TIME);
    boolean restarted = startTime.isPresent()
        && previous.map(p -> p.nodeStartTime().isPresent() && p.nodeStartTime().getAsLong() != startTime.getAsLong())
            .orElse(false);
    if (restarted) {
      reasons.add("state: the node restarted at " + Instant.ofEpochSecond(startTime.getAsLong()));
    }
    if (beforeStart) {
      reasons.add("warning: " + at + " is before the system start of " + genesis.networkName() + " ("
          + genesis.systemStart() + "); expected slot taken as 0");
    }

    Optional<TipProgress> progress = tipProgress(previous, tipSlot, metrics.isPresent(), restarted, at);
    boolean grace = metrics.isEmpty() && !metricsDead && tipSlot.isEmpty();
    Optional<NodeState> previousState = previous.map(HealthReport::state);

    // --- state ---
    NodeState state;
    if (metricsDead && tipSlot.isEmpty()) {
      state = NodeState.DOWN;
      reasons.add("state: DOWN: the metrics endpoint failed " + metricsFailures + " times in a row ("
          + obs.metricsError().orElse("") + ")" + portSummary(port));
    } else if (metrics.isPresent() && portDead && metricsSlot.isPresent()) {
      state = NodeState.DOWN;
      reasons.add("state: DOWN: the node-to-node port failed " + portFailures + " probes in a row ("
          + port.map(PortProbeResult::detail).orElse("") + ") although the metrics show a tip");
    } else if (grace) {
      state = previousState.orElse(NodeState.DOWN);
      reasons.add("state: " + state + " (unchanged): the metrics scrape failed (" + metricsFailures + " of " + n
          + " before DOWN): " + obs.metricsError().orElse(""));
    } else if (tipSlot.isEmpty()) {
      state = NodeState.STARTING;
      reasons.add(replay.isPresent()
          ? "state: STARTING: replaying the ledger, " + HumanText.progressPercent(replay.getAsDouble()) + " %"
          : "state: STARTING: the node serves metrics but has no tip yet (slotNum appears once the first block is"
              + " added after a start)");
    } else {
      state = sync.state(gap.getAsLong(), tipSlot.getAsLong(), expected, previousState, genesis, reasons);
      OptionalLong gsm = metric(metrics, NodeMetric.GSM_STATE);
      if (state == NodeState.SYNCED && gsm.isPresent() && gsm.getAsLong() != GSM_CAUGHT_UP) {
        state = NodeState.LAGGING;
        reasons.add("state: LAGGING: the node itself reports GSM state " + gsm.getAsLong()
            + " (not 2, CaughtUp)");
      }
      if (metrics.isEmpty()) {
        reasons.add("state: judged from the port's tip: the metrics scrape failed (" + obs.metricsError().orElse("")
            + ")");
      }
    }

    // --- the facts a verdict needs; during a short scrape outage the last known ones stand ---
    OptionalLong hot = metric(metrics, NodeMetric.HOT_PEERS);
    if (hot.isEmpty()) {
      hot = metric(metrics, NodeMetric.ACTIVE_PEERS);
    }
    OptionalLong warm = metric(metrics, NodeMetric.WARM_PEERS);
    ForgingEvidence evidence = metrics.map(ForgingEvidence::of).orElse(ForgingEvidence.none());
    Optional<Boolean> forgingEnabled = evidence.forgingEnabled();
    Optional<String> version = metrics.flatMap(HealthJudge::nodeVersion);
    ForgeCounters forge = metrics.map(m -> ForgeCounters.of(m, evidence.forgingEnabled().orElse(false)))
        .orElse(ForgeCounters.NONE);
    ScrapeWindow forgeScrape = obs.scrape();
    if (metrics.isEmpty() && previous.isPresent()) {
      forgeScrape = previous.get().forgeScrape();
      hot = previous.get().hotPeers();
      warm = previous.get().warmPeers();
      forgingEnabled = previous.get().forgingEnabled();
      forge = previous.get().forge();
      version = previous.get().nodeVersion();
    }
    // Notes on how the role and forging were judged follow the readiness verdict.
    List<String> notes = new ArrayList<>();
    NodeRole role = ProducerReadiness.role(config.role(), metrics, evidence, obs, previous, notes);
    Optional<KesStatus> kes = beforeStart ? Optional.<KesStatus>empty()
        : KesAssessment.assess(metrics, obs, clock, at, reasons);
    if (kes.isEmpty() && metrics.isEmpty()) {
      kes = previous.flatMap(HealthReport::kes);
    }

    // --- startup ---
    boolean started = metrics.isPresent() || (previous.map(HealthReport::started).orElse(false) && !metricsDead);
    reasons.add(started
        ? "startup: passed: the node serves metrics" + (metrics.isEmpty() ? " (last scrape failed)" : "")
        : "startup: waiting: the node does not serve metrics yet (" + obs.metricsError().orElse("") + ")");

    // --- liveness ---
    List<String> stuck = new ArrayList<>();
    List<String> notReady = new ArrayList<>();
    if (metricsDead) {
      stuck.add("the metrics endpoint failed " + metricsFailures + " times in a row");
    }
    if (portDead && metricsSlot.isPresent()) {
      stuck.add("the node-to-node port failed " + portFailures + " probes in a row on a node past startup");
    }
    Optional<FrozenTip> frozen = tipSlot.isEmpty() ? Optional.empty()
        : progress.flatMap(p -> FrozenTip.judge(p, at, config.stuckAfter(), hot(metrics, previous), obs.pool()));
    frozen.ifPresent(f -> (f.processStuck() ? stuck : notReady).add(f.text()));
    boolean live = stuck.isEmpty();
    reasons.add(live
        ? "liveness: ok" + (state == NodeState.STARTING ? " (starting: a replay never fails liveness)"
            : frozen.isPresent() ? " (the frozen tip is not the process's fault)" : "")
        : "liveness: failing: " + String.join("; ", stuck));

    // --- readiness ---
    List<String> unknown = new ArrayList<>();
    if (!live) {
      notReady.add(0, "not live");
    }
    if (state != NodeState.SYNCED) {
      notReady.add("state is " + state + ", readiness needs SYNCED");
    }
    if (wrongNetwork) {
      notReady.add("the node-to-node port is on another network: " + port.get().detail());
    }
    int minHot = role == NodeRole.BLOCK_PRODUCER ? config.minHotPeersBlockProducer() : config.minHotPeersRelay();
    if (hot.isPresent() && hot.getAsLong() < minHot) {
      notReady.add(hot.getAsLong() + " hot peers, a " + roleName(role) + " needs " + minHot);
    } else if (hot.isEmpty() && minHot > 0) {
      unknown.add("hot peers unknown (" + (metrics.isEmpty() ? "the last scrape failed"
          : exposesPeerSelection(metrics.get())
              ? "the node exposes peerSelection metrics, but not the hot count (peerSelection_Hot or ActivePeers)"
              : "the node exposes no peerSelection metrics") + ")");
    }
    if (role == NodeRole.BLOCK_PRODUCER) {
      ProducerReadiness.check(forgingEnabled, evidence, kes, notReady, notes);
    }
    boolean ready;
    if (grace && previous.isPresent()) {
      ready = previous.get().ready() && live;
      reasons.add("readiness: " + (ready ? "ready" : "not ready") + " (unchanged while the scrape is retried)");
    } else {
      ready = notReady.isEmpty();
      reasons.add(ready ? "readiness: ready" : "readiness: not ready: " + String.join("; ", notReady));
    }
    unknown.forEach(u -> reasons.add("readiness: " + u));
    reasons.addAll(notes);

    int observations = previous.map(p -> p.observations() == Integer.MAX_VALUE ? p.observations()
        : p.observations() + 1).orElse(1);
    return new HealthReport(state, started, live, ready, role, tipSlot, tipBlock, expected, gap, hot, warm,
        state == NodeState.STARTING ? replay : OptionalDouble.empty(), forgingEnabled, forge, kes, port, version,
        reasons, at, progress, metricsFailures, portFailures,
        startTime.isPresent() ? startTime : previous.map(HealthReport::nodeStartTime).orElse(OptionalLong.empty()),
        observations, forgeScrape);
  }

  private static boolean exposesPeerSelection(NodeMetrics m) {
    return m.has(NodeMetric.WARM_PEERS) || m.has(NodeMetric.COLD_PEERS) || m.has(NodeMetric.ESTABLISHED_PEERS)
        || m.has(NodeMetric.KNOWN_PEERS) || m.has(NodeMetric.ROOT_PEERS) || m.has(NodeMetric.ACTIVE_LOCAL_ROOT_PEERS)
        || m.has(NodeMetric.ESTABLISHED_LOCAL_ROOT_PEERS) || m.has(NodeMetric.KNOWN_LOCAL_ROOT_PEERS);
  }

  /** The hot peers for the frozen-tip rule: this scrape's, or the last known during a scrape outage. */
  private static OptionalLong hot(Optional<NodeMetrics> metrics, Optional<HealthReport> previous) {
    if (metrics.isEmpty()) {
      return previous.map(HealthReport::hotPeers).orElse(OptionalLong.empty());
    }
    OptionalLong hot = metrics.get().integer(NodeMetric.HOT_PEERS);
    return hot.isPresent() ? hot : metrics.get().integer(NodeMetric.ACTIVE_PEERS);
  }

  private static Optional<TipProgress> tipProgress(
      Optional<HealthReport> previous, OptionalLong tipSlot, boolean scraped, boolean restarted, Instant at) {
    Optional<TipProgress> last = restarted ? Optional.empty() : previous.flatMap(HealthReport::tipProgress);
    if (tipSlot.isPresent()) {
      long slot = tipSlot.getAsLong();
      return last.filter(p -> p.slot() == slot).or(() -> Optional.of(new TipProgress(slot, at)));
    }
    // No tip: starting (forget it, the frozen clock restarts with the first tip) or a failed scrape (keep it).
    return scraped ? Optional.empty() : last;
  }

  private static Optional<String> nodeVersion(NodeMetrics m) {
    String label = m.labels(NodeMetric.BUILD_INFO).get("version");
    if (label != null && !label.isBlank()) {
      return Optional.of(label);
    }
    OptionalLong major = m.integer(NodeMetric.VERSION_MAJOR);
    OptionalLong minor = m.integer(NodeMetric.VERSION_MINOR);
    OptionalLong patch = m.integer(NodeMetric.VERSION_PATCH);
    if (major.isPresent() && minor.isPresent() && patch.isPresent()) {
      return Optional.of(major.getAsLong() + "." + minor.getAsLong() + "." + patch.getAsLong());
    }
    return Optional.empty();
  }

  private static OptionalLong metric(Optional<NodeMetrics> metrics, NodeMetric metric) {
    return metrics.isPresent() ? metrics.get().integer(metric) : OptionalLong.empty();
  }

  private static String portSummary(Optional<PortProbeResult> port) {
    return port.map(p -> p.answered()
        ? "; the node-to-node port answers but gave no tip" + (p.detail().isEmpty() ? "" : " (" + p.detail() + ")")
        : "; the node-to-node port does not answer either (" + p.detail() + ")").orElse("");
  }

  private static String roleName(NodeRole role) {
    return role == NodeRole.BLOCK_PRODUCER ? "block producer" : "relay";
  }
}
