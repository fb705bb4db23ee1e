package io.palisade.deploy.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.spec.PoolSpec;
import java.nio.charset.StandardCharsets;

/**
 * The pool's Grafana dashboard (JSON model, schema 39), on the same series as {@link AlertRules}: the verdict per
 * node, tip gap and hot peers over time, the KES countdown, ready relays against the block producer's topology, the
 * agents' scrapes and failed rollouts; and the leader slots: the time to the next one and each epoch's count (the
 * control plane's series, and on Kubernetes the block producer's agent's under the same names, aggregated per pool so
 * either runtime fills the same panel), the slot ledger's verdicts, and the node's forge counters (agents only). Its
 * data source is a variable, so it imports into any Grafana with a Prometheus; its uid is stable
 * ({@code palisade-POOL}), so a re-import replaces it.
 */
public final class GrafanaDashboard {
  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final String DS = "${datasource}";

  private final ObjectNode root = JSON.createObjectNode();
  private final ArrayNode panels;
  private int id;
  private int y;

  private GrafanaDashboard(PoolSpec spec) {
    root.put("uid", uid(spec));
    root.put("title", "Palisade pool " + spec.name());
    root.put("description", "Pool " + spec.name() + " on " + spec.network() + ": rendered by palisade render;"
        + " alerts in the rules file beside it.");
    root.putArray("tags").add("palisade").add("cardano");
    root.put("timezone", "utc");
    root.put("schemaVersion", 39);
    root.put("version", 1);
    root.put("refresh", "30s");
    root.putObject("time").put("from", "now-6h").put("to", "now");
    ArrayNode vars = root.putObject("templating").putArray("list");
    ObjectNode ds = vars.addObject();
    ds.put("name", "datasource");
    ds.put("label", "Prometheus");
    ds.put("type", "datasource");
    ds.put("query", "prometheus");
    panels = root.putArray("panels");
  }

  /** The dashboard's uid. */
  public static String uid(PoolSpec spec) {
    return "palisade-" + spec.name();
  }

  /**
   * The dashboard as JSON bytes (the same spec, the same bytes).
   *
   * @param spec the pool
   * @return UTF-8 JSON
   */
  public static byte[] json(PoolSpec spec) {
    GrafanaDashboard d = new GrafanaDashboard(spec);
    d.build(spec);
    try {
      return (JSON.writeValueAsString(d.root) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the dashboard", e);
    }
  }

  private void build(PoolSpec spec) {
    String pool = "pool=\"" + spec.name() + "\"";
    long relays = spec.nodes().stream().filter(n -> !n.isBlockProducer()).count();
    stat("Ready nodes", "sum(palisade_node_ready{" + pool + "})", "of " + spec.nodes().size(), 0, 6);
    stat("Ready relays (topology asks for " + relays + ")", "count(palisade_node_ready{" + pool
        + ",role=\"relay\"} == 1) or vector(0)", "relays", 6, 6);
    stat("KES expires in (days)", "min((palisade_node_kes_expiry_timestamp_seconds{" + pool
        + "} - time()) / 86400)", "days", 12, 6);
    stat("Failed rollouts", "sum(palisade_pool_rollout_failed{" + pool + "}) or vector(0)", "", 18, 6);
    y += 5;
    series("Ready (1) per node", "palisade_node_ready{" + pool + "}", "{{node}}", 0, 12);
    series("Agent scrapes up (1) per node", "up{job=\"" + AlertRules.JOB_AGENTS + "\"," + pool + "}", "{{node}}", 12,
        12);
    y += 8;
    series("Tip gap to the chain clock (slots)", "palisade_node_slot_gap{" + pool + "}", "{{node}}", 0, 12);
    series("Hot peers", "palisade_node_hot_peers{" + pool + "}", "{{node}}", 12, 12);
    y += 8;
    series("KES periods remaining", "palisade_node_kes_periods_remaining{" + pool + "}", "{{node}}", 0, 12);
    series("Health state (1 = current)", "palisade_node_state{" + pool + "} == 1", "{{node}} {{state}}", 12, 12);
    y += 8;
    stat("Next leader slot in", "min(palisade_pool_next_leader_slot_seconds{" + pool + "})", "", 0, 6).putObject(
        "fieldConfig").putObject("defaults").put("unit", "s");
    stat("Leader slots this epoch and the next", "max by (epoch) (palisade_pool_leader_slots_scheduled{" + pool + "})",
        "epoch {{epoch}}", 6, 6);
    series("Leader slots by verdict (slot ledger)", "max by (epoch, verdict) (palisade_pool_leader_slots{" + pool
        + "}) > 0", "epoch {{epoch}} {{verdict}}", 12, 12);
    y += 8;
    series("Forge outcomes per hour (the node's Forge_* counters)", "sum by (node, outcome) (increase("
        + "palisade_node_forge_total{" + pool + "}[1h]))", "{{node}} {{outcome}}", 0, 24);
    y += 8;
  }

  private ObjectNode panel(String type, String title, int x, int w, int h) {
    ObjectNode p = panels.addObject();
    p.put("id", ++id);
    p.put("type", type);
    p.put("title", title);
    p.putObject("datasource").put("type", "prometheus").put("uid", DS);
    p.putObject("gridPos").put("x", x).put("y", y).put("w", w).put("h", h);
    return p;
  }

  private ObjectNode stat(String title, String expr, String unitText, int x, int w) {
    ObjectNode p = panel("stat", title, x, w, 5);
    target(p, expr, unitText);
    p.putObject("options").putObject("reduceOptions").putArray("calcs").add("lastNotNull");
    return p;
  }

  private void series(String title, String expr, String legend, int x, int w) {
    ObjectNode p = panel("timeseries", title, x, w, 8);
    target(p, expr, legend);
  }

  private static void target(ObjectNode panel, String expr, String legend) {
    ObjectNode t = panel.putArray("targets").addObject();
    t.put("refId", "A");
    t.putObject("datasource").put("type", "prometheus").put("uid", DS);
    t.put("expr", expr);
    t.put("legendFormat", legend);
  }
}
