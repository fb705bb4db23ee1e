package io.palisade.deploy.monitoring;

import io.palisade.spec.PoolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pool's Prometheus alerting rules, one group per pool, written on the series Palisade exports: the health agent's
 * {@code palisade_node_*} gauges (one agent per node, scraped as job {@value #JOB_AGENTS} with the labels
 * {@code pool}, {@code node} and {@code role} that {@link ScrapeTargets} attaches), the same gauges from the control
 * plane of {@code palisade up} (job {@value #JOB_CONTROL_PLANE}), and its {@code palisade_pool_*} gauges (the slot
 * ledger's among them, which on Kubernetes the operator serves, job {@value #JOB_OPERATOR}).
 *
 * <p>Names follow Prometheus' conventions: {@code Palisade} + what is wrong, in CamelCase; {@code severity} is
 * {@code warning} (look today) or {@code critical} (look now); {@code summary} and {@code description} say what and
 * what to do. Every rule is tested by {@code promtool test rules} against synthetic series, firing and not.
 */
public final class AlertRules {
  /** The job that scrapes the agents. */
  public static final String JOB_AGENTS = "palisade-agents";
  /** The job that scrapes the single-host control plane. */
  public static final String JOB_CONTROL_PLANE = "palisade-control-plane";
  /** The job that scrapes the Kubernetes operator (the slot ledger's {@code palisade_pool_*} series of its pools). */
  public static final String JOB_OPERATOR = "palisade-operator";

  /** KES expires within 10 days (and more than 5). */
  public static final String KES_10_DAYS = "PalisadeKesExpiresWithin10Days";
  /** KES expires within 5 days (and more than 1). */
  public static final String KES_5_DAYS = "PalisadeKesExpiresWithin5Days";
  /** KES expires within a day, or has expired. */
  public static final String KES_1_DAY = "PalisadeKesExpiresWithin1Day";
  /** The block producer is not ready. */
  public static final String PRODUCER_NOT_READY = "PalisadeBlockProducerNotReady";
  /** A relay is not ready. */
  public static final String RELAY_NOT_READY = "PalisadeRelayNotReady";
  /** Fewer ready relays than the block producer's topology asks for. */
  public static final String RELAYS_BELOW_POLICY = "PalisadeBlockProducerRelaysBelowPolicy";
  /** No ready relay at all. */
  public static final String NO_READY_RELAY = "PalisadeBlockProducerWithoutReadyRelay";
  /** A node's tip lags the chain clock. */
  public static final String TIP_LAGGING = "PalisadeNodeTipLagging";
  /** The last rollout was rolled back: its version is marked failed. */
  public static final String ROLLOUT_FAILED = "PalisadeRolloutFailed";
  /** An agent does not answer its scrape. */
  public static final String AGENT_UNREACHABLE = "PalisadeAgentUnreachable";
  /** No agent of the pool is scraped at all. */
  public static final String AGENTS_ABSENT = "PalisadeAgentsAbsent";

  /** A leader slot was missed while Palisade itself acted on the block producer: must never happen. */
  public static final String MISSED_DURING_ACTION = "PalisadeMissedLeaderSlotDuringAction";
  /** A leader slot was missed for another cause (node down, not synced, KES or opcert, block from the future). */
  public static final String MISSED_LEADER_SLOT = "PalisadeMissedLeaderSlot";
  /** The block producer is not ready and the pool's next leader slot is near. */
  public static final String NOT_READY_BEFORE_LEADER_SLOT = "PalisadeBlockProducerNotReadyBeforeLeaderSlot";
  /** How near (seconds) a leader slot makes a block producer that is not ready an emergency. */
  static final long LEADER_SLOT_NEAR = 900;
  /** The ledger's verdict label of a slot missed during a Palisade action. */
  static final String VERDICT_DURING_ACTION = "missed_palisade_action";
  /** How long a newly missed slot keeps its alert firing. */
  static final String MISSED_WINDOW = "1h";

  /** Slots behind the chain clock past which a tip lags: the agent's SYNCED hold (docs/agent.md). */
  static final int LAGGING_SLOTS = 300;

  private static final long DAY = 86_400;

  private AlertRules() {}

  /**
   * The rules file Prometheus loads ({@code rule_files}); the same groups go into the {@code PrometheusRule}.
   *
   * @param spec the pool
   * @return {@code {groups: [...]}}
   */
  public static Map<String, Object> file(PoolSpec spec) {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("groups", groups(spec));
    return file;
  }

  /**
   * The rule groups: the pool's alerts, and the leader-slot alerts (a group of their own, for silences and routes).
   *
   * @param spec the pool
   * @return the groups
   */
  public static List<Map<String, Object>> groups(PoolSpec spec) {
    return List.of(group("palisade-" + spec.name(), poolRules(spec)),
        group("palisade-" + spec.name() + "-leader-slots", leaderSlotRules(spec)));
  }

  /**
   * The leader-slot alerts. On the slot ledger's {@code palisade_pool_leader_slots{epoch, verdict}} (the control
   * plane's or, on Kubernetes, the operator's counts of the previous and the current epoch):
   * {@value #MISSED_DURING_ACTION} (critical) when a slot was missed during one of Palisade's own actions,
   * {@value #MISSED_LEADER_SLOT} (warning) when one was missed for another cause. Each fires for the
   * {@value #MISSED_WINDOW} after its count rose, one alert per epoch and verdict, so a missed slot notifies once and
   * does not stay firing for the rest of the epoch (the ledger keeps the evidence: {@code palisade slots --epoch N}).
   * A count first seen above 0 (a new epoch's series, a restarted Prometheus) counts as risen.
   *
   * <p>On {@code palisade_pool_next_leader_slot_seconds}, which the control plane exports and, on Kubernetes, the
   * operator and the block producer's agent from its schedule sidecar's files, under the same name and meaning:
   * {@value #NOT_READY_BEFORE_LEADER_SLOT} (critical) when a block producer is not ready while the pool's next leader
   * slot is less than {@value #LEADER_SLOT_NEAR} s away, after a minute rather than {@value #PRODUCER_NOT_READY}'s
   * five (that slot is about to be missed). The pool's smallest value counts: one per pool, whichever runtime or
   * producer's agent exports it (with a standby, the producer holding the keys; its schedule is the pool's).
   *
   * @param spec the pool
   * @return the rules
   */
  static List<Map<String, Object>> leaderSlotRules(PoolSpec spec) {
    String pool = "pool=\"" + spec.name() + "\"";
    String slotsHelp = " 'palisade slots --epoch {{ $labels.epoch }}' shows each slot's verdict and its evidence.";
    return List.of(
        rule(MISSED_DURING_ACTION, risen("palisade_pool_leader_slots{" + pool + ",verdict=\"" + VERDICT_DURING_ACTION
            + "\"}"), "0s", "critical",
            "Pool " + spec.name() + " missed a leader slot during a Palisade action",
            "{{ $value }} leader slot(s) of epoch {{ $labels.epoch }} fell inside an action Palisade took on the block"
                + " producer (an upgrade step, a restart, a key change): leader-aware gating must prevent this, so"
                + " it is a bug to report." + slotsHelp),
        rule(MISSED_LEADER_SLOT, risen("palisade_pool_leader_slots{" + pool + ",verdict=~\"missed_.*\",verdict!=\""
            + VERDICT_DURING_ACTION + "\"}"), "0s", "warning",
            "Pool " + spec.name() + " missed a leader slot ({{ $labels.verdict }})",
            "{{ $value }} leader slot(s) of epoch {{ $labels.epoch }} of pool " + spec.name() + " were missed:"
                + " {{ $labels.verdict }} (node down, not synced, KES or opcert invalid, or a block from the"
                + " future: the host's clock or load)." + slotsHelp),
        rule(NOT_READY_BEFORE_LEADER_SLOT, "(palisade_node_ready{" + pool + ",role=\"block-producer\"} == 0)"
            + " and on (pool) (min by (pool) (palisade_pool_next_leader_slot_seconds{" + pool + "}) < "
            + LEADER_SLOT_NEAR + ")", "1m", "critical",
            "Block producer {{ $labels.node }} is not ready before a leader slot",
            "The block producer {{ $labels.node }} of pool " + spec.name() + " is not ready and the pool's next"
                + " leader slot starts in less than " + (LEADER_SLOT_NEAR / 60) + " minutes: it will be missed unless"
                + " the producer recovers. 'palisade status' (or 'palisade k8s status') shows why it is not ready."));
  }

  /** The series' rise over {@value #MISSED_WINDOW}, or its value when it was not there then and is above 0 now. */
  private static String risen(String series) {
    return "(" + series + " - " + series + " offset " + MISSED_WINDOW + ") > 0 or (" + series + " > 0 unless "
        + series + " offset " + MISSED_WINDOW + ")";
  }

  private static List<Map<String, Object>> poolRules(PoolSpec spec) {
    String pool = "pool=\"" + spec.name() + "\"";
    long relays = spec.nodes().stream().filter(n -> !n.isBlockProducer()).count();
    String expiry = "(palisade_node_kes_expiry_timestamp_seconds{" + pool + "} - time())";
    String kesHelp = " Rotate now: 'palisade keys rotation-request' online, 'palisade keys rotate' offline, then"
        + " install the bundle (docs/keys.md, rotation).";
    String readyRelays = "count(palisade_node_ready{" + pool + ",role=\"relay\"} == 1)";
    List<Map<String, Object>> rules = new ArrayList<>();
    rules.add(rule(KES_10_DAYS, expiry + " < 10 * " + DAY + " and " + expiry + " >= 5 * " + DAY, "10m", "warning",
        "KES key of {{ $labels.node }} expires within 10 days",
        "The operational certificate of {{ $labels.node }} (pool " + spec.name() + ") expires in"
            + " {{ $value | humanizeDuration }}; after that the block producer cannot forge." + kesHelp));
    rules.add(rule(KES_5_DAYS, expiry + " < 5 * " + DAY + " and " + expiry + " >= " + DAY, "10m", "warning",
        "KES key of {{ $labels.node }} expires within 5 days",
        "The operational certificate of {{ $labels.node }} (pool " + spec.name() + ") expires in"
            + " {{ $value | humanizeDuration }}." + kesHelp));
    rules.add(rule(KES_1_DAY, expiry + " < " + DAY, "5m", "critical",
        "KES key of {{ $labels.node }} expires within a day",
        "The operational certificate of {{ $labels.node }} (pool " + spec.name() + ") expires in"
            + " {{ $value | humanizeDuration }} (negative: it has expired and the pool forges nothing)." + kesHelp));
    rules.add(rule(PRODUCER_NOT_READY, "palisade_node_ready{" + pool + ",role=\"block-producer\"} == 0", "5m",
        "critical", "Block producer {{ $labels.node }} is not ready",
        "The block producer of pool " + spec.name() + " has not been ready for 5 minutes: it may miss its leader"
            + " slots. 'palisade status' (or 'palisade k8s status') shows why."));
    rules.add(rule(RELAY_NOT_READY, "palisade_node_ready{" + pool + ",role=\"relay\"} == 0", "15m", "warning",
        "Relay {{ $labels.node }} is not ready",
        "Relay {{ $labels.node }} of pool " + spec.name() + " has not been ready for 15 minutes; the self-healing"
            + " controller restarts it and gives up after repeated failures. 'palisade status' shows why."));
    rules.add(rule(RELAYS_BELOW_POLICY, "(" + readyRelays + " or vector(0)) < " + relays, "5m", "warning",
        "Block producer of " + spec.name() + " has fewer ready relays than its topology asks for",
        "{{ $value }} of the " + relays + " relays in the block producer's topology (hotValency " + relays + ") are"
            + " ready. Render again after adding or removing relays: this number comes from pool.yaml.",
        Map.of("pool", spec.name())));
    rules.add(rule(NO_READY_RELAY, "(" + readyRelays + " or vector(0)) == 0", "2m", "critical",
        "Block producer of " + spec.name() + " has no ready relay",
        "No relay of pool " + spec.name() + " is ready: the block producer cannot reach the network, its blocks"
            + " would be lost.", Map.of("pool", spec.name())));
    rules.add(rule(TIP_LAGGING, "palisade_node_slot_gap{" + pool + "} > " + LAGGING_SLOTS, "10m", "warning",
        "{{ $labels.node }} lags the chain by {{ $value }} slots",
        "The tip of {{ $labels.node }} (pool " + spec.name() + ") has been more than " + LAGGING_SLOTS + " slots"
            + " behind the chain clock for 10 minutes: check its peers and its machine's clock."));
    rules.add(rule(ROLLOUT_FAILED, "palisade_pool_rollout_failed{" + pool + "} == 1", "0s", "warning",
        "Rollout of pool " + spec.name() + " to {{ $labels.version }} was rolled back",
        "A node was not ready on {{ $labels.version }} in time; the pool is back on its previous version and the"
            + " version is marked failed (never retried automatically). 'palisade status' names the node and the"
            + " reason; 'palisade upgrade --version V --retry' tries it again."));
    rules.add(rule(AGENT_UNREACHABLE, "up{job=\"" + JOB_AGENTS + "\"," + pool + "} == 0", "3m", "warning",
        "Health agent of {{ $labels.node }} does not answer",
        "Prometheus cannot scrape the health agent of {{ $labels.node }} (pool " + spec.name() + "): its node's"
            + " health is unknown, and on Kubernetes its probes fail too."));
    rules.add(rule(AGENTS_ABSENT, "absent(up{job=\"" + JOB_AGENTS + "\"," + pool + "})", "15m", "warning",
        "No health agent of pool " + spec.name() + " is scraped",
        "Prometheus has no target for the pool's agents: check the scrape configuration (monitoring/ of the"
            + " render: the PodMonitor on Kubernetes, prometheus-scrape.yml on VMs).", Map.of("pool",
            spec.name())));
    return rules;
  }

  private static Map<String, Object> group(String name, List<Map<String, Object>> rules) {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("name", name);
    g.put("rules", rules);
    return g;
  }

  private static Map<String, Object> rule(String alert, String expr, String forDuration, String severity,
      String summary, String description) {
    return rule(alert, expr, forDuration, severity, summary, description, Map.of());
  }

  private static Map<String, Object> rule(String alert, String expr, String forDuration, String severity,
      String summary, String description, Map<String, String> extraLabels) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("alert", alert);
    r.put("expr", expr);
    if (!forDuration.equals("0s")) {
      r.put("for", forDuration);
    }
    Map<String, String> labels = new LinkedHashMap<>(extraLabels);
    labels.put("severity", severity);
    r.put("labels", labels);
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("summary", summary);
    annotations.put("description", description);
    r.put("annotations", annotations);
    return r;
  }
}
