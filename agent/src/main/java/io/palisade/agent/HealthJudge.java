package io.palisade.agent;

import io.palisade.agent.metrics.NodeMetric;
import io.palisade.agent.metrics.NodeMetrics;
import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.ouroboros.ChainTip;
import io.palisade.spec.NodeRole;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 *       moves only when a block arrives); LAGGING and SYNCING work the same way with the lagging pair. A node that
 *       serves metrics but has no tip yet (replaying the ledger, or before its first block after a start) is
 *       STARTING. DOWN needs {@link AgentConfig#failuresBeforeDown()} failures in a row; one failed scrape keeps the
 *       previous verdict.
 *   <li><b>Startup</b> passes once the node serves metrics.
 *   <li><b>Liveness</b> fails only when the process is stuck: metrics dead, the port dead on a node past startup, or
 *       the tip frozen longer than {@link AgentConfig#stuckAfter()} outside startup. A replay, however long, never
 *       fails liveness.
 *   <li><b>Readiness</b> needs SYNCED, enough hot peers and the right network; for a block producer also forging
 *       enabled and a KES key that has not expired.
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

  /**
   * @param config the thresholds
   */
  public HealthJudge(AgentConfig config) {
    this.config = Objects.requireNonNull(config, "config");
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

    OptionalLong metricsBlock = metric(metrics, NodeMetric.BLOCK_NUM);
    Optional<ChainTip> portTip = port.flatMap(PortProbeResult::tip).filter(t -> t.slot().isPresent());
    OptionalLong tipSlot = metricsSlot;
    OptionalLong tipBlock = metricsBlock;
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
      if (replay.isPresent()) {
        reasons.add(String.format(Locale.ROOT, "state: STARTING: replaying the ledger, %.2f %%",
            replay.getAsDouble()));
      } else {
        reasons.add("state: STARTING: the node serves metrics but has no tip yet (slotNum appears once the first"
            + " block is added after a start)");
      }
    } else {
      long g = gap.getAsLong();
      state = band(Math.max(0, g), previousState.orElse(NodeState.STARTING));
      reasons.add("state: " + state + ": tip slot " + tipSlot.getAsLong() + " is " + describeGap(g)
          + " the expected slot " + expected + " (SYNCED within " + config.syncedWithinSlots() + ", held to "
          + config.syncedHoldSlots() + "; LAGGING within " + config.laggingWithinSlots() + ", held to "
          + config.laggingHoldSlots() + ")");
      OptionalLong gsm = metric(metrics, NodeMetric.GSM_STATE);
      if (state == NodeState.SYNCED && gsm.isPresent() && gsm.getAsLong() != GSM_CAUGHT_UP) {
        state = NodeState.LAGGING;
        reasons.add("state: LAGGING: the node itself reports GSM state " + gsm.getAsLong()
            + " (not 2, CaughtUp)");
      }
      if (g < -config.syncedWithinSlots()) {
        reasons.add("warning: the tip is " + (-g) + " slots ahead of this machine's clock: check the clock (NTP)");
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
    OptionalLong forging = metric(metrics, NodeMetric.FORGING_ENABLED);
    Optional<Boolean> forgingEnabled = forging.isPresent() ? Optional.of(forging.getAsLong() == 1) : Optional.empty();
    Optional<String> version = metrics.flatMap(HealthJudge::nodeVersion);
    if (metrics.isEmpty() && previous.isPresent()) {
      hot = previous.get().hotPeers();
      warm = previous.get().warmPeers();
      forgingEnabled = previous.get().forgingEnabled();
      version = previous.get().nodeVersion();
    }
    NodeRole role = config.role().orElseGet(() -> inferRole(metrics, obs, previous));
    Optional<KesStatus> kes = kes(metrics, obs, clock, at, beforeStart, reasons)
        .or(() -> metrics.isEmpty() ? previous.flatMap(HealthReport::kes) : Optional.empty());

    // --- startup ---
    boolean started = metrics.isPresent() || (previous.map(HealthReport::started).orElse(false) && !metricsDead);
    reasons.add(started
        ? "startup: passed: the node serves metrics" + (metrics.isEmpty() ? " (last scrape failed)" : "")
        : "startup: waiting: the node does not serve metrics yet (" + obs.metricsError().orElse("") + ")");

    // --- liveness ---
    List<String> stuck = new ArrayList<>();
    if (metricsDead) {
      stuck.add("the metrics endpoint failed " + metricsFailures + " times in a row");
    }
    if (portDead && metricsSlot.isPresent()) {
      stuck.add("the node-to-node port failed " + portFailures + " probes in a row on a node past startup");
    }
    if (progress.isPresent() && tipSlot.isPresent()) {
      Duration frozen = Duration.between(progress.get().since(), at);
      if (frozen.compareTo(config.stuckAfter()) > 0) {
        stuck.add("the tip has stayed at slot " + progress.get().slot() + " since " + progress.get().since() + " ("
            + minutes(frozen) + ", longer than " + minutes(config.stuckAfter()) + ")");
      }
    }
    boolean live = stuck.isEmpty();
    reasons.add(live
        ? "liveness: ok" + (state == NodeState.STARTING ? " (starting: a replay never fails liveness)" : "")
        : "liveness: failing: " + String.join("; ", stuck));

    // --- readiness ---
    List<String> notReady = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    if (!live) {
      notReady.add("not live");
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
      unknown.add("hot peers unknown (the node exposes no peerSelection metrics)");
    }
    if (role == NodeRole.BLOCK_PRODUCER) {
      if (forgingEnabled.isEmpty()) {
        notReady.add("forging state unknown (the node does not report forging_enabled)");
      } else if (!forgingEnabled.get()) {
        notReady.add("forging is not enabled (the node has no forging credentials loaded)");
      }
      if (kes.isEmpty()) {
        notReady.add("no KES information (no opcert metrics and no opcert file)");
      } else if (kes.get().periodsRemaining() <= 0) {
        notReady.add("the KES key has expired");
      } else if (kes.get().opcertStartPeriod() > kes.get().currentPeriod()) {
        notReady.add("the operational certificate starts at KES period " + kes.get().opcertStartPeriod()
            + ", after the current period " + kes.get().currentPeriod());
      }
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

    return new HealthReport(state, started, live, ready, role, tipSlot, tipBlock, expected, gap, hot, warm,
        state == NodeState.STARTING ? replay : OptionalDouble.empty(), forgingEnabled, kes, port, version, reasons,
        at, progress, metricsFailures, portFailures,
        startTime.isPresent() ? startTime : previous.map(HealthReport::nodeStartTime).orElse(OptionalLong.empty()));
  }

  /** The sync band of a gap, with hysteresis: a better state is entered strictly, left only past its hold. */
  private NodeState band(long gap, NodeState previous) {
    if (gap <= config.syncedWithinSlots()) {
      return NodeState.SYNCED;
    }
    if (previous == NodeState.SYNCED && gap <= config.syncedHoldSlots()) {
      return NodeState.SYNCED;
    }
    if (gap <= config.laggingWithinSlots()) {
      return NodeState.LAGGING;
    }
    if ((previous == NodeState.SYNCED || previous == NodeState.LAGGING) && gap <= config.laggingHoldSlots()) {
      return NodeState.LAGGING;
    }
    return NodeState.SYNCING;
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

  private Optional<KesStatus> kes(
      Optional<NodeMetrics> metrics, NodeObservation obs, ChainClock clock, Instant at, boolean beforeStart,
      List<String> reasons) {
    obs.opcertError().ifPresent(e -> reasons.add("kes: cannot read the operational certificate: " + e));
    OptionalLong metricStart = metric(metrics, NodeMetric.OPCERT_START_KES_PERIOD);
    Optional<OperationalCertificate> cert = obs.opcert();
    OptionalLong start = metricStart.isPresent() ? metricStart
        : cert.map(c -> OptionalLong.of(c.kesPeriod())).orElse(OptionalLong.empty());
    if (start.isEmpty() || beforeStart) {
      return Optional.empty();
    }
    long s = start.getAsLong();
    long current = clock.kesPeriodAt(at);
    long remaining = clock.kesPeriodsRemaining(s, at);
    Instant expires = clock.opcertExpiry(s);
    KesWarning warning = KesWarning.of(Duration.between(at, expires));
    OptionalLong counter = cert.map(c -> OptionalLong.of(c.issueCounter())).orElse(OptionalLong.empty());
    OptionalLong nodeRemaining = metric(metrics, NodeMetric.REMAINING_KES_PERIODS);
    KesStatus status = new KesStatus(current, remaining, expires, s, s + clock.genesis().maxKesEvolutions(), counter,
        nodeRemaining, warning);
    reasons.add("kes: " + Math.max(0, remaining) + " of " + clock.genesis().maxKesEvolutions()
        + " KES periods left (current period " + current + ", opcert start " + s
        + counter.stream().mapToObj(c -> ", counter " + c).findFirst().orElse("") + "), expires " + expires
        + (remaining > 0 ? " (in " + days(Duration.between(at, expires)) + ")" : ""));
    if (warning != KesWarning.NONE) {
      reasons.add("warning: " + (warning == KesWarning.EXPIRED
          ? "the KES key has expired: the node cannot forge; issue a new operational certificate"
          : "the KES key expires " + describe(warning) + ": rotate the KES key and issue a new operational"
              + " certificate"));
    }
    if (metricStart.isPresent() && cert.isPresent() && cert.get().kesPeriod() != metricStart.getAsLong()) {
      reasons.add("warning: the node runs an opcert starting at KES period " + metricStart.getAsLong()
          + " but the opcert file starts at " + cert.get().kesPeriod()
          + ": restart the node to load the new certificate");
    }
    if (s > current) {
      reasons.add("warning: the opcert starts at KES period " + s + ", after the current period " + current
          + ": the node cannot forge until then");
    }
    return Optional.of(status);
  }

  private static NodeRole inferRole(
      Optional<NodeMetrics> metrics, NodeObservation obs, Optional<HealthReport> previous) {
    if (metrics.isEmpty()) {
      return previous.map(HealthReport::role).orElse(obs.opcert().isPresent() ? NodeRole.BLOCK_PRODUCER
          : NodeRole.RELAY);
    }
    NodeMetrics m = metrics.get();
    boolean forging = m.integer(NodeMetric.FORGING_ENABLED).orElse(0) == 1;
    boolean opcert = m.has(NodeMetric.OPCERT_START_KES_PERIOD) || obs.opcert().isPresent();
    return forging || opcert ? NodeRole.BLOCK_PRODUCER : NodeRole.RELAY;
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

  private static String describeGap(long gap) {
    if (gap >= 0) {
      return gap + (gap == 1 ? " slot behind" : " slots behind");
    }
    return (-gap) + (gap == -1 ? " slot ahead of" : " slots ahead of");
  }

  private static String describe(KesWarning w) {
    return switch (w) {
      case WITHIN_1_DAY -> "within 1 day";
      case WITHIN_5_DAYS -> "within 5 days";
      case WITHIN_10_DAYS -> "within 10 days";
      default -> "";
    };
  }

  private static String roleName(NodeRole role) {
    return role == NodeRole.BLOCK_PRODUCER ? "block producer" : "relay";
  }

  private static String minutes(Duration d) {
    return d.toMinutes() + " min";
  }

  private static String days(Duration d) {
    long hours = d.toHours();
    return hours >= 48 ? hours / 24 + " days" : hours + " h";
  }
}
