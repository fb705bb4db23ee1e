package io.palisade.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.palisade.deploy.Fixtures;
import io.palisade.spec.NodeRef;
import io.palisade.spec.PoolSpec;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every alerting rule, run by Prometheus' own {@code promtool test rules} against synthetic series: each fires when it
 * should (with its labels and its annotations as Prometheus expands them) and stays silent when it should not.
 * Skipped, with a message, where promtool is not installed ({@code ./test.sh} installs Debian's prometheus package).
 */
class AlertRulesPromtoolTest {
  private static final PoolSpec SPEC = Fixtures.mainnet().spec();
  private static final String POOL = SPEC.name();
  private static final String BP = SPEC.blockProducer().name();
  private static final String AGENTS = AlertRules.JOB_AGENTS;
  private static final long DAY = 86_400;

  @TempDir Path tmp;

  private static Optional<Path> promtool() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path p = Path.of(dir, "promtool");
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static List<NodeRef> relays() {
    return SPEC.nodes().stream().filter(n -> !n.isBlockProducer()).toList();
  }

  @Test
  void rulesFile_isValid_withTheLeaderSlotAlertsInTheirOwnGroup() throws Exception {
    List<Map<String, Object>> groups = AlertRules.groups(SPEC);
    assertThat(groups).extracting(g -> g.get("name")).containsExactly("palisade-" + POOL,
        "palisade-" + POOL + "-leader-slots");
    assertThat(((List<?>) groups.get(1).get("rules")).stream().map(r -> String.valueOf(((Map<?, ?>) r).get("alert")))
        .toList())
        .containsExactly(AlertRules.MISSED_DURING_ACTION, AlertRules.MISSED_LEADER_SLOT,
            AlertRules.NOT_READY_BEFORE_LEADER_SLOT);
    Path promtool = requirePromtool();
    Path rules = tmp.resolve("rules.yml");
    Files.writeString(rules, PlainYaml.write(AlertRules.file(SPEC)));
    assertThat(run(promtool, "check", "rules", rules.toString())).contains("SUCCESS: 14 rules found");
  }

  @Test
  void everyRule_firesWhenItShould_andNotOtherwise() throws Exception {
    Path promtool = requirePromtool();
    Files.writeString(tmp.resolve("rules.yml"), PlainYaml.write(AlertRules.file(SPEC)));
    List<Object> tests = List.of(mostRules(), noRelayReady(), noAgentScraped(), missedLeaderSlots(),
        notReadyBeforeALeaderSlot_asTheAgentExportsIt(), notReadyBeforeALeaderSlot_asTheControlPlaneExportsIt());
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("rule_files", List.of("rules.yml"));
    file.put("evaluation_interval", "1m");
    file.put("tests", tests);
    Path testFile = tmp.resolve("rules-test.yml");
    Files.writeString(testFile, PlainYaml.write(file));
    String out = run(promtool, "test", "rules", testFile.toString());
    assertThat(out).contains("SUCCESS");
  }

  /** A pool with something wrong everywhere, each rule checked before, during and after its condition. */
  private static Map<String, Object> mostRules() {
    List<Object> series = new ArrayList<>();
    String first = relays().get(0).name();
    String second = relays().get(1).name();
    series.add(series(node("palisade_node_ready", BP, "block-producer"), "0x9 1x50"));
    for (NodeRef r : relays()) {
      series.add(series(node("palisade_node_ready", r.name(), "relay"), r.name().equals(second) ? "0x60" : "1x60"));
      series.add(series(node("up", r.name(), "relay"), r.name().equals(second) ? "0x60" : "1x60"));
    }
    series.add(series(node("up", BP, "block-producer"), "1x60"));
    series.add(series(node("palisade_node_kes_expiry_timestamp_seconds", BP, "block-producer"), (8 * DAY) + "x60"));
    series.add(series(node("palisade_node_kes_expiry_timestamp_seconds", "bp-5d", "block-producer"), (3 * DAY)
        + "x60"));
    series.add(series(node("palisade_node_kes_expiry_timestamp_seconds", "bp-1d", "block-producer"), (DAY / 2)
        + "x60"));
    series.add(series(node("palisade_node_kes_expiry_timestamp_seconds", "bp-fine", "block-producer"), (20 * DAY)
        + "x60"));
    series.add(series(node("palisade_node_slot_gap", first, "relay"), "400x60"));
    series.add(series(node("palisade_node_slot_gap", BP, "block-producer"), "5x60"));
    series.add(series("palisade_pool_rollout_failed{job=\"" + AlertRules.JOB_CONTROL_PLANE + "\",pool=\"" + POOL
        + "\",version=\"10.7.0\"}", "1x60"));

    int ready = relays().size() - 1;
    List<Object> checks = new ArrayList<>();
    // Block producer not ready: pending under 5 minutes, firing after, resolved once ready.
    checks.add(check("4m", AlertRules.PRODUCER_NOT_READY));
    checks.add(check("7m", AlertRules.PRODUCER_NOT_READY, alert(nodeLabels(BP, "block-producer"), "0")));
    checks.add(check("15m", AlertRules.PRODUCER_NOT_READY));
    checks.add(check("10m", AlertRules.RELAY_NOT_READY));
    checks.add(check("20m", AlertRules.RELAY_NOT_READY, alert(nodeLabels(second, "relay"), "0")));
    checks.add(check("20m", AlertRules.RELAYS_BELOW_POLICY, alert(Map.of("pool", POOL), String.valueOf(ready))));
    checks.add(check("20m", AlertRules.NO_READY_RELAY));
    // KES: each band fires for its certificate only; 20 days left fires nothing.
    checks.add(check("5m", AlertRules.KES_10_DAYS));
    checks.add(check("30m", AlertRules.KES_10_DAYS, alert(nodeLabels(BP, "block-producer"),
        humanizeDuration(8 * DAY - 1800))));
    checks.add(check("30m", AlertRules.KES_5_DAYS, alert(nodeLabels("bp-5d", "block-producer"),
        humanizeDuration(3 * DAY - 1800))));
    checks.add(check("30m", AlertRules.KES_1_DAY, alert(nodeLabels("bp-1d", "block-producer"),
        humanizeDuration(DAY / 2 - 1800))));
    checks.add(check("5m", AlertRules.TIP_LAGGING));
    checks.add(check("15m", AlertRules.TIP_LAGGING, alert(nodeLabels(first, "relay"), "400")));
    Map<String, String> rollout = new TreeMap<>(Map.of("job", AlertRules.JOB_CONTROL_PLANE, "pool", POOL,
        "version", "10.7.0"));
    checks.add(check("1m", AlertRules.ROLLOUT_FAILED, alert(rollout, "1")));
    checks.add(check("2m", AlertRules.AGENT_UNREACHABLE));
    checks.add(check("5m", AlertRules.AGENT_UNREACHABLE, alert(nodeLabels(second, "relay"), "0")));
    checks.add(check("30m", AlertRules.AGENTS_ABSENT));
    return group(series, checks);
  }

  /** Every relay down: the block producer has no way to the network. */
  private static Map<String, Object> noRelayReady() {
    List<Object> series = new ArrayList<>();
    series.add(series(node("palisade_node_ready", BP, "block-producer"), "1x30"));
    for (NodeRef r : relays()) {
      series.add(series(node("palisade_node_ready", r.name(), "relay"), "0x30"));
    }
    List<Object> checks = List.of(
        check("1m", AlertRules.NO_READY_RELAY),
        check("10m", AlertRules.NO_READY_RELAY, alert(Map.of("pool", POOL), "0")),
        check("10m", AlertRules.RELAYS_BELOW_POLICY, alert(Map.of("pool", POOL), "0")));
    return group(series, checks);
  }

  /** No agent scraped at all (a missing PodMonitor or scrape job). */
  private static Map<String, Object> noAgentScraped() {
    List<Object> series = List.of(series("palisade_pool_rollout_failed{job=\"" + AlertRules.JOB_CONTROL_PLANE
        + "\",pool=\"" + POOL + "\",version=\"10.6.0\"}", "0x30"));
    List<Object> checks = List.of(
        check("10m", AlertRules.AGENTS_ABSENT),
        check("20m", AlertRules.AGENTS_ABSENT, alert(Map.of("job", AGENTS, "pool", POOL), "1")),
        check("20m", AlertRules.ROLLOUT_FAILED));
    return group(series, checks);
  }

  /**
   * The slot ledger's counts as the control plane exports them: each missed slot alerts for an hour after its count
   * rose (critical during a Palisade action, warning otherwise), adopted slots never, and a new epoch's series that
   * appears already above 0 alerts too.
   */
  private static Map<String, Object> missedLeaderSlots() {
    List<Object> series = List.of(
        series(slots("612", "missed_palisade_action"), "0x10 1x100"),
        series(slots("612", "missed_node_down"), "0x20 2x100"),
        series(slots("612", "adopted"), "0x5 3x100"),
        series(slots("613", "missed_not_synced"), "_x40 1x80"));
    List<Object> checks = List.of(
        check("5m", AlertRules.MISSED_DURING_ACTION),
        check("15m", AlertRules.MISSED_DURING_ACTION, alert(slotLabels("612", "missed_palisade_action"), "1")),
        check("15m", AlertRules.MISSED_LEADER_SLOT),
        check("69m", AlertRules.MISSED_DURING_ACTION, alert(slotLabels("612", "missed_palisade_action"), "1")),
        check("75m", AlertRules.MISSED_DURING_ACTION),
        check("30m", AlertRules.MISSED_LEADER_SLOT, alert(slotLabels("612", "missed_node_down"), "2")),
        check("45m", AlertRules.MISSED_LEADER_SLOT, alert(slotLabels("612", "missed_node_down"), "2"),
            alert(slotLabels("613", "missed_not_synced"), "1")),
        check("95m", AlertRules.MISSED_LEADER_SLOT, alert(slotLabels("613", "missed_not_synced"), "1")),
        check("105m", AlertRules.MISSED_LEADER_SLOT),
        check("105m", AlertRules.MISSED_DURING_ACTION));
    return group(series, checks);
  }

  /**
   * The Kubernetes agent of the block producer exports the time to the next leader slot beside its readiness: a
   * producer not ready is an emergency only once the slot is near, and a ready one never is.
   */
  private static Map<String, Object> notReadyBeforeALeaderSlot_asTheAgentExportsIt() {
    // Not ready from minute 20; the next leader slot 3000 s away at first, 60 s nearer each minute: under 900 s from
    // minute 36 on.
    List<Object> series = List.of(
        series(node("palisade_node_ready", BP, "block-producer"), "1x19 0x40"),
        series(node("palisade_pool_next_leader_slot_seconds", BP, "block-producer"), "3000-60x60"),
        series(node("palisade_node_ready", relays().get(0).name(), "relay"), "0x60"));
    List<Object> checks = List.of(
        check("15m", AlertRules.NOT_READY_BEFORE_LEADER_SLOT),
        check("30m", AlertRules.NOT_READY_BEFORE_LEADER_SLOT),
        check("36m", AlertRules.NOT_READY_BEFORE_LEADER_SLOT),
        check("38m", AlertRules.NOT_READY_BEFORE_LEADER_SLOT, alert(nodeLabels(BP, "block-producer"), "0")));
    return group(series, checks);
  }

  /** The same alert on the single-host control plane's series: the slot's series has the pool label only. */
  private static Map<String, Object> notReadyBeforeALeaderSlot_asTheControlPlaneExportsIt() {
    String cp = "job=\"" + AlertRules.JOB_CONTROL_PLANE + "\",pool=\"" + POOL + "\"";
    List<Object> series = List.of(
        series("palisade_node_ready{" + cp + ",node=\"" + BP + "\",role=\"block-producer\"}", "0x30"),
        series("palisade_pool_next_leader_slot_seconds{" + cp + "}", "600x30"));
    Map<String, String> labels = new TreeMap<>(Map.of("job", AlertRules.JOB_CONTROL_PLANE, "node", BP, "pool", POOL,
        "role", "block-producer"));
    List<Object> checks = List.of(
        check("0m", AlertRules.NOT_READY_BEFORE_LEADER_SLOT),
        check("2m", AlertRules.NOT_READY_BEFORE_LEADER_SLOT, alert(labels, "0")));
    return group(series, checks);
  }

  private static String slots(String epoch, String verdict) {
    return "palisade_pool_leader_slots{epoch=\"" + epoch + "\",job=\"" + AlertRules.JOB_CONTROL_PLANE + "\",pool=\""
        + POOL + "\",verdict=\"" + verdict + "\"}";
  }

  private static Map<String, String> slotLabels(String epoch, String verdict) {
    return new TreeMap<>(Map.of("epoch", epoch, "job", AlertRules.JOB_CONTROL_PLANE, "pool", POOL, "verdict",
        verdict));
  }

  private static Map<String, Object> group(List<Object> series, List<Object> checks) {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("interval", "1m");
    g.put("input_series", series);
    g.put("alert_rule_test", checks);
    return g;
  }

  private static String node(String metric, String node, String role) {
    return metric + "{job=\"" + AGENTS + "\",node=\"" + node + "\",pool=\"" + POOL + "\",role=\"" + role + "\"}";
  }

  private static Map<String, String> nodeLabels(String node, String role) {
    return new TreeMap<>(Map.of("job", AGENTS, "node", node, "pool", POOL, "role", role));
  }

  private static Map<String, Object> series(String series, String values) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("series", series);
    s.put("values", values);
    return s;
  }

  /** An expected alert: the series' labels; the rule's labels and annotations are added by {@link #check}. */
  private record Expected(Map<String, String> labels, String value) {}

  private static Expected alert(Map<String, String> labels, String value) {
    return new Expected(labels, value);
  }

  private static Map<String, Object> check(String at, String alertName, Expected... expected) {
    Map<String, Object> rule = rule(alertName);
    List<Object> alerts = new ArrayList<>();
    for (Expected e : expected) {
      Map<String, String> labels = new TreeMap<>(e.labels());
      @SuppressWarnings("unchecked")
      Map<String, String> ruleLabels = (Map<String, String>) rule.get("labels");
      labels.putAll(ruleLabels);
      Map<String, String> annotations = new LinkedHashMap<>();
      @SuppressWarnings("unchecked")
      Map<String, String> templates = (Map<String, String>) rule.get("annotations");
      templates.forEach((k, v) -> annotations.put(k, expand(v, labels, e.value())));
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("exp_labels", labels);
      a.put("exp_annotations", annotations);
      alerts.add(a);
    }
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("eval_time", at);
    c.put("alertname", alertName);
    c.put("exp_alerts", alerts);
    return c;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> rule(String alertName) {
    for (Map<String, Object> g : AlertRules.groups(SPEC)) {
      for (Map<String, Object> r : (List<Map<String, Object>>) g.get("rules")) {
        if (r.get("alert").equals(alertName)) {
          return r;
        }
      }
    }
    throw new AssertionError("no rule " + alertName);
  }

  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{ \\$(labels\\.(\\w+)|value \\| humanizeDuration|value)"
      + " }}");

  /** Prometheus' template expansion, for the three forms the rules use. */
  private static String expand(String template, Map<String, String> labels, String value) {
    Matcher m = TEMPLATE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement = m.group(2) != null ? labels.get(m.group(2)) : value;
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Go's humanizeDuration for whole seconds of at least a minute: "7d 23h 30m 0s". */
  private static String humanizeDuration(long seconds) {
    long d = seconds / DAY;
    long h = seconds / 3600 % 24;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    return d != 0 ? String.format(Locale.ROOT, "%dd %dh %dm %ds", d, h, m, s)
        : h != 0 ? String.format(Locale.ROOT, "%dh %dm %ds", h, m, s) : String.format(Locale.ROOT, "%dm %ds", m, s);
  }

  private static Path requirePromtool() {
    Optional<Path> p = promtool();
    if (p.isEmpty()) {
      System.err.println("SKIPPED: promtool is not installed (Debian's prometheus package; ./test.sh installs it):"
          + " the alerting rules are not tested");
    }
    assumeTrue(p.isPresent(), "promtool is not installed: the alerting rules are not tested");
    return p.get();
  }

  private String run(Path promtool, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(promtool.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("promtool %s:%n%s", String.join(" ", args), out).isZero();
    return out;
  }
}
