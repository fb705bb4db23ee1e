package io.palisade.agent.http;

import io.palisade.agent.HealthReport;
import io.palisade.agent.KesWarning;
import io.palisade.agent.NodeState;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The agent's own {@code /metrics}: {@code palisade_node_*} gauges in the Prometheus text format 0.0.4, so alerts can
 * be written on the verdicts (for example {@code palisade_node_kes_warning{level="WITHIN_5_DAYS"} == 1}). Unknown
 * values are left out rather than exported as 0.
 */
public final class AgentMetricsText {
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
    if (report == null) {
      return t.out.toString();
    }
    t.header("palisade_node_state", "1 for the node's current state.");
    for (NodeState s : NodeState.values()) {
      t.sample("palisade_node_state{state=\"" + s.name() + "\"}", s == report.state() ? 1 : 0);
    }
    t.gauge("palisade_node_started", "Startup probe: 1 once the node serves metrics.", report.started() ? 1 : 0);
    t.gauge("palisade_node_live", "Liveness probe: 0 only when the node is stuck.", report.live() ? 1 : 0);
    t.gauge("palisade_node_ready", "Readiness probe.", report.ready() ? 1 : 0);
    t.gauge("palisade_node_expected_slot", "The slot the chain clock expects.", report.expectedSlot());
    t.optional("palisade_node_tip_slot", "The node's tip slot.", report.tipSlot());
    t.optional("palisade_node_tip_block", "The node's tip block number.", report.tipBlock());
    t.optional("palisade_node_slot_gap", "Expected slot minus tip slot.", report.gap());
    t.optional("palisade_node_hot_peers", "Hot outbound peers.", report.hotPeers());
    t.optional("palisade_node_warm_peers", "Warm outbound peers.", report.warmPeers());
    report.replayProgress().ifPresent(p ->
        t.gauge("palisade_node_replay_progress_percent", "Ledger replay progress while starting.", p));
    report.forgingEnabled().ifPresent(f ->
        t.gauge("palisade_node_forging_enabled", "1 when the node forges.", f ? 1 : 0));
    report.kes().ifPresent(k -> {
      t.gauge("palisade_node_kes_periods_remaining", "KES periods left on the operational certificate.",
          k.periodsRemaining());
      t.gauge("palisade_node_kes_expiry_timestamp_seconds", "When the operational certificate expires.",
          k.expiresAt().getEpochSecond());
      t.gauge("palisade_node_opcert_start_kes_period", "The operational certificate's start KES period.",
          k.opcertStartPeriod());
      t.optional("palisade_node_opcert_counter", "The operational certificate's issue counter.", k.opcertCounter());
      t.header("palisade_node_kes_warning", "1 for the KES expiry warning level (10, 5, 1 days, expired).");
      for (KesWarning w : KesWarning.values()) {
        t.sample("palisade_node_kes_warning{level=\"" + w.name() + "\"}", w == k.warning() ? 1 : 0);
      }
    });
    report.port().ifPresent(p ->
        t.gauge("palisade_node_port_up", "1 when the node-to-node port answered the last probe on our network.",
            p.outcome() == io.palisade.agent.PortProbeResult.Outcome.ANSWERED ? 1 : 0));
    t.gauge("palisade_agent_metrics_failures", "Consecutive failed scrapes of the node's metrics.",
        report.metricsFailures());
    t.gauge("palisade_agent_port_failures", "Consecutive failed probes of the node's port.", report.portFailures());
    t.gauge("palisade_agent_observed_timestamp_seconds", "When the node was last observed.",
        report.observedAt().getEpochSecond());
    return t.out.toString();
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
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
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
