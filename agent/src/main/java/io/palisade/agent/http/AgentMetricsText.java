package io.palisade.agent.http;

import io.palisade.agent.ForgeCounters;
import io.palisade.agent.HealthReport;
import io.palisade.agent.KesWarning;
import io.palisade.agent.NodeState;
import io.palisade.agent.PortProbeResult;
import io.palisade.chain.ChainClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The agent's own {@code /metrics}: {@code palisade_node_*} gauges in the Prometheus text format 0.0.4, so alerts can
 * be written on the verdicts (for example {@code palisade_node_kes_warning{level="WITHIN_5_DAYS"} == 1}), the node's
 * forge counters ({@code palisade_node_forge_total{outcome}}) and, on a block producer's agent that serves the
 * schedule sidecar's files, the pool's leader slots per epoch and the time to the next one. Unknown values are left
 * out rather than exported as 0.
 *
 * <p>The leader-slot series carry the names and the help text of the single-host control plane's
 * ({@code PoolMetricsText} in {@code control}) and mean the same, so one alert or dashboard reads either runtime:
 * {@value #SCHEDULED} (the epoch's leader slots, from its whole schedule) and {@value #NEXT_SLOT_SECONDS}. They are
 * written here, not shared: the agent must not depend on {@code control} (its pom bans it: the sidecar stays small),
 * and what would be shared is two names and two help lines, which a test in {@code cli} (which sees both modules)
 * holds equal.
 */
public final class AgentMetricsText {
  /** The epoch's leader slots, as the control plane names them. */
  public static final String SCHEDULED = "palisade_pool_leader_slots_scheduled";
  /** Its help, the control plane's words. */
  public static final String SCHEDULED_HELP = "Leader slots of the epoch, when its whole schedule is known.";
  /** Seconds to the next leader slot, as the control plane names them. */
  public static final String NEXT_SLOT_SECONDS = "palisade_pool_next_leader_slot_seconds";
  /** Its help, the control plane's words. */
  public static final String NEXT_SLOT_HELP = "Seconds to the start of the next leader slot.";
  /** The node's forge counters, by {@code outcome}. */
  public static final String FORGE = "palisade_node_forge_total";

  private final StringBuilder out = new StringBuilder(2048);

  private AgentMetricsText() {}

  /**
   * Renders a report, or only the agent's up gauge before the first observation.
   *
   * @param report the latest report, or null
   * @return the text
   */
  public static String render(HealthReport report) {
    AgentMetricsText t = new AgentMetricsText();
    t.gauge("palisade_agent_up", "1 while the agent runs.", 1);
    if (report != null) {
      t.report(report);
    }
    return t.out.toString();
  }

  /**
   * Renders a report and the leader slots of the schedule files served (also before the first observation: they do
   * not depend on the node).
   *
   * @param report the latest report, or null
   * @param schedule the served epochs ({@link ServedSchedules#epochs()}), oldest first
   * @param chain the agent's chain clock: its time is now, its genesis says which epoch now is in
   * @return the text
   */
  public static String render(HealthReport report, List<ServedEpoch> schedule, ChainClock chain) {
    AgentMetricsText t = new AgentMetricsText();
    t.out.append(render(report));
    t.schedule(schedule, chain);
    return t.out.toString();
  }

  private void schedule(List<ServedEpoch> schedule, ChainClock chain) {
    if (!schedule.isEmpty()) {
      header(SCHEDULED, SCHEDULED_HELP);
      for (ServedEpoch e : schedule) {
        sample(SCHEDULED + "{epoch=\"" + e.epoch() + "\"}", e.leaderSlots());
      }
    }
    Instant now = chain.instant();
    // Before the chain starts, its first epoch is the one to come.
    long current = now.isBefore(chain.genesis().systemStart()) ? 0 : chain.epochOf(chain.slotAt(now));
    ServedEpoch.nextLeaderSlot(schedule, current, now).ifPresent(next ->
        gauge(NEXT_SLOT_SECONDS, NEXT_SLOT_HELP, Duration.between(now, next).toMillis() / 1000.0));
  }

  private void forge(ForgeCounters forge) {
    if (forge.isEmpty()) {
      return;
    }
    header(FORGE, "The node's forge-loop counters since it started (its Forge_* metrics), by outcome.", "counter");
    forge.values().forEach((outcome, value) ->
        sample(FORGE + "{outcome=\"" + outcome.label() + "\"}", value));
  }

  private void report(HealthReport report) {
    header("palisade_node_state", "1 for the node's current state.");
    for (NodeState s : NodeState.values()) {
      sample("palisade_node_state{state=\"" + s.name() + "\"}", s == report.state() ? 1 : 0);
    }
    gauge("palisade_node_started", "Startup probe: 1 once the node serves metrics.", report.started() ? 1 : 0);
    gauge("palisade_node_live", "Liveness probe: 0 only when the node is stuck.", report.live() ? 1 : 0);
    gauge("palisade_node_ready", "Readiness probe.", report.ready() ? 1 : 0);
    gauge("palisade_node_expected_slot", "The slot the chain clock expects.", report.expectedSlot());
    optional("palisade_node_tip_slot", "The node's tip slot.", report.tipSlot());
    optional("palisade_node_tip_block", "The node's tip block number.", report.tipBlock());
    optional("palisade_node_slot_gap", "Expected slot minus tip slot.", report.gap());
    optional("palisade_node_hot_peers", "Hot outbound peers.", report.hotPeers());
    optional("palisade_node_warm_peers", "Warm outbound peers.", report.warmPeers());
    report.replayProgress().ifPresent(p ->
        gauge("palisade_node_replay_progress_percent", "Ledger replay progress while starting.", p));
    report.forgingEnabled().ifPresent(f ->
        gauge("palisade_node_forging_enabled", "1 when the node forges.", f ? 1 : 0));
    report.kes().ifPresent(k -> {
      gauge("palisade_node_kes_periods_remaining", "KES periods left on the operational certificate.",
          k.periodsRemaining());
      gauge("palisade_node_kes_expiry_timestamp_seconds", "When the operational certificate expires.",
          k.expiresAt().getEpochSecond());
      gauge("palisade_node_opcert_start_kes_period", "The operational certificate's start KES period.",
          k.opcertStartPeriod());
      optional("palisade_node_opcert_counter", "The operational certificate's issue counter.", k.opcertCounter());
      header("palisade_node_kes_warning", "1 for the KES expiry warning level (10, 5, 1 days, expired).");
      for (KesWarning w : KesWarning.values()) {
        sample("palisade_node_kes_warning{level=\"" + w.name() + "\"}", w == k.warning() ? 1 : 0);
      }
    });
    report.port().ifPresent(p ->
        gauge("palisade_node_port_up", "1 when the node-to-node port answered the last probe on our network.",
            p.outcome() == PortProbeResult.Outcome.ANSWERED ? 1 : 0));
    gauge("palisade_agent_metrics_failures", "Consecutive failed scrapes of the node's metrics.",
        report.metricsFailures());
    gauge("palisade_agent_port_failures", "Consecutive failed probes of the node's port.", report.portFailures());
    gauge("palisade_agent_observed_timestamp_seconds", "When the node was last observed.",
        report.observedAt().getEpochSecond());
    forge(report.forge());
  }

  private void optional(String name, String help, OptionalLong value) {
    if (value.isPresent()) {
      gauge(name, help, value.getAsLong());
    }
  }

  private void gauge(String name, String help, double value) {
    header(name, help);
    sample(name, value);
  }

  private void header(String name, String help) {
    header(name, help, "gauge");
  }

  private void header(String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private void sample(String name, double value) {
    out.append(name).append(' ');
    if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
      out.append((long) value);
    } else {
      out.append(String.format(Locale.ROOT, "%s", value));
    }
    out.append('\n');
  }
}
