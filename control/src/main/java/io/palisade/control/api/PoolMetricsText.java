package io.palisade.control.api;

import io.palisade.control.RolloutRecord;
import java.util.Locale;

/**
 * A pool's status as Prometheus gauges (text format 0.0.4), what a control plane serves on {@code /metrics}: the
 * pool-level facts no single node's agent knows ({@code palisade_pool_*}: healthy, failed versions, whether the last
 * rollout was rolled back) and, for runtimes without an agent endpoint per node (the single-host runtime judges its
 * nodes in-process), the per-node gauges under the agent's names and with the labels the rendered alerting rules
 * use: {@code pool}, {@code node}, {@code role} ({@code block-producer} or {@code relay}). Unknown values are left
 * out, never exported as 0. Pure: a function of the status.
 */
public final class PoolMetricsText {
  private final StringBuilder out = new StringBuilder(2048);
  private final String pool;

  private PoolMetricsText(String pool) {
    this.pool = pool;
  }

  /**
   * Renders a status.
   *
   * @param s the pool's status
   * @return the exposition text
   */
  public static String render(PoolStatus s) {
    PoolMetricsText t = new PoolMetricsText(s.pool());
    t.header("palisade_pool_healthy", "1 when every node is ready and nothing is in progress.");
    t.sample("palisade_pool_healthy", "", s.healthy() ? 1 : 0);
    t.header("palisade_pool_failed_versions", "Versions that failed a rollout and are never retried by themselves.");
    t.sample("palisade_pool_failed_versions", "", s.failedVersions().size());
    t.header("palisade_pool_rollout_in_progress", "1 while a rollout runs.");
    t.sample("palisade_pool_rollout_in_progress", "", s.rollout() == null ? 0 : 1);
    if (!s.history().isEmpty()) {
      RolloutRecord last = s.history().get(s.history().size() - 1);
      t.header("palisade_pool_rollout_failed", "1 when the last rollout (to version) was rolled back.");
      t.sample("palisade_pool_rollout_failed", "version=\"" + escape(String.valueOf(last.to())) + "\"",
          last.outcome() == RolloutRecord.Outcome.SUCCEEDED ? 0 : 1);
    }
    t.header("palisade_node_ready", "Readiness probe.");
    for (NodeStatus n : s.nodes()) {
      t.sample("palisade_node_ready", t.node(n), n.ready() ? 1 : 0);
    }
    t.header("palisade_node_slot_gap", "Expected slot minus tip slot.");
    for (NodeStatus n : s.nodes()) {
      if (n.slotGap() != null) {
        t.sample("palisade_node_slot_gap", t.node(n), n.slotGap());
      }
    }
    t.header("palisade_node_restarts", "Restarts by self-healing.");
    for (NodeStatus n : s.nodes()) {
      t.sample("palisade_node_restarts", t.node(n), n.restarts());
    }
    HotKeyStatus keys = s.keys();
    if (keys != null && keys.kesExpiry() != null) {
      s.nodes().stream().filter(PoolMetricsText::producer).findFirst().ifPresent(bp -> {
        t.header("palisade_node_kes_expiry_timestamp_seconds", "When the operational certificate expires.");
        t.sample("palisade_node_kes_expiry_timestamp_seconds", t.node(bp), keys.kesExpiry().getEpochSecond());
      });
    }
    return t.out.toString();
  }

  private static boolean producer(NodeStatus n) {
    return String.valueOf(n.role()).equals("BLOCK_PRODUCER");
  }

  private String node(NodeStatus n) {
    return "node=\"" + escape(n.name()) + "\",role=\"" + (producer(n) ? "block-producer" : "relay") + "\"";
  }

  private void header(String name, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
  }

  private void sample(String name, String labels, double value) {
    out.append(name).append("{pool=\"").append(escape(pool)).append('"');
    if (!labels.isEmpty()) {
      out.append(',').append(labels);
    }
    out.append("} ");
    out.append(value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value));
    out.append('\n');
  }

  /** The text format's label value escapes: backslash, double quote, line feed. */
  static String escape(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
