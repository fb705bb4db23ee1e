package io.palisade.control.api;

import io.palisade.control.RolloutRecord;
import io.palisade.control.slots.EpochSummary;
import io.palisade.control.slots.LeaderSlotGauges;
import io.palisade.control.slots.SlotVerdict;
import java.util.Locale;
import java.util.Map;

/**
 * A pool's status as Prometheus gauges (text format 0.0.4), what a control plane serves on {@code /metrics}: the
 * pool-level facts no single node's agent knows ({@code palisade_pool_*}: healthy, failed versions, whether the last
 * rollout was rolled back) and, for runtimes without an agent endpoint per node (the single-host runtime judges its
 * nodes in-process), the per-node gauges under the agent's names and with the labels the rendered alerting rules
 * use: {@code pool}, {@code node}, {@code role} ({@code block-producer} or {@code relay}). With the slot ledger's
 * gauges it adds the leader slots of the previous and the current epoch by verdict
 * ({@code palisade_pool_leader_slots{epoch, verdict}}, {@code verdict} one of {@link #verdictLabel}'s nine values,
 * every one present for an epoch the ledger has), the epoch's scheduled and undecided slots when its whole schedule
 * is known, and the seconds to the next leader slot. Unknown values are left out, never exported as 0.
 * {@link #renderSlots} renders the slot gauges alone, for several pools (the Kubernetes operator's {@code /metrics}).
 * Pure: a function of the status and the gauges.
 */
public final class PoolMetricsText {
  private final StringBuilder out = new StringBuilder(2048);
  /** The pool of {@link #render}'s samples; null in {@link #renderSlots}, whose samples each name theirs. */
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
    return render(s, LeaderSlotGauges.NONE);
  }

  /**
   * Renders a status and the slot ledger's gauges.
   *
   * @param s the pool's status
   * @param slots the slot ledger's gauges ({@link LeaderSlotGauges#NONE} without a ledger)
   * @return the exposition text
   */
  public static String render(PoolStatus s, LeaderSlotGauges slots) {
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
    t.slots(Map.of(s.pool(), slots));
    t.producer(s.producer(), s.nodes());
    return t.out.toString();
  }

  /** The producer lease of a pool with a standby: its token, since when, and which node holds it. */
  private void producer(ProducerStatus p, java.util.List<NodeStatus> nodes) {
    if (p == null) {
      return;
    }
    header("palisade_pool_producer_lease_token", "The producer lease's fencing token (grows at every change of holder).");
    sample("palisade_pool_producer_lease_token", "", p.token());
    header("palisade_pool_producer_lease_since_timestamp_seconds", "When the lease's holder got it.");
    sample("palisade_pool_producer_lease_since_timestamp_seconds", "", p.since().getEpochSecond());
    header("palisade_node_producer_lease_holder", "1 for the block producer that holds the lease (forges), 0 for the"
        + " standby.");
    for (NodeStatus n : nodes) {
      if (n.name().equals(p.holder()) || n.name().equals(p.standby())) {
        sample("palisade_node_producer_lease_holder", node(n), n.name().equals(p.holder()) ? 1 : 0);
      }
    }
  }

  /**
   * The slot ledger's gauges of several pools alone, each family's {@code HELP} and {@code TYPE} once with every
   * pool's samples under it (the text format wants a family's samples together): what the Kubernetes operator serves
   * for the StakePools it runs, under the names and labels the control plane uses.
   *
   * @param byPool each pool's gauges by its name, in the order to render
   * @return the exposition text (empty when no pool has a known value)
   */
  public static String renderSlots(Map<String, LeaderSlotGauges> byPool) {
    PoolMetricsText t = new PoolMetricsText(null);
    t.slots(byPool);
    return t.out.toString();
  }

  private void slots(Map<String, LeaderSlotGauges> byPool) {
    if (byPool.values().stream().anyMatch(g -> !g.epochs().isEmpty())) {
      header("palisade_pool_leader_slots", "Leader slots of the epoch decided so far, by verdict (docs/slots.md).");
      byPool.forEach((p, g) -> g.epochs().forEach(e -> {
        for (SlotVerdict v : SlotVerdict.values()) {
          sample(p, "palisade_pool_leader_slots", epoch(e) + ",verdict=\"" + verdictLabel(v) + "\"",
              e.counts().getOrDefault(v, 0));
        }
      }));
      // A partial schedule (only the slots seen forged) would undercount: these two need the whole one.
      header("palisade_pool_leader_slots_scheduled", "Leader slots of the epoch, when its whole schedule is known.");
      byPool.forEach((p, g) -> g.epochs().stream().filter(EpochSummary::scheduleKnown)
          .forEach(e -> sample(p, "palisade_pool_leader_slots_scheduled", epoch(e), e.scheduled())));
      header("palisade_pool_leader_slots_undecided", "Leader slots of the epoch still to come or too recent to judge.");
      byPool.forEach((p, g) -> g.epochs().stream().filter(EpochSummary::scheduleKnown)
          .forEach(e -> sample(p, "palisade_pool_leader_slots_undecided", epoch(e), e.pending())));
    }
    if (byPool.values().stream().anyMatch(g -> g.untilNextSlot() != null)) {
      header("palisade_pool_next_leader_slot_seconds", "Seconds to the start of the next leader slot.");
      byPool.forEach((p, g) -> {
        if (g.untilNextSlot() != null) {
          sample(p, "palisade_pool_next_leader_slot_seconds", "", g.untilNextSlot().toMillis() / 1000.0);
        }
      });
    }
  }

  private static String epoch(EpochSummary e) {
    return "epoch=\"" + e.epoch() + "\"";
  }

  /**
   * A verdict's label value: its name in lower case ({@code adopted}, {@code lost_slot_battle},
   * {@code missed_palisade_action}, …), a closed set of nine.
   */
  public static String verdictLabel(SlotVerdict v) {
    return v.name().toLowerCase(Locale.ROOT);
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
    sample(pool, name, labels, value);
  }

  private void sample(String poolName, String name, String labels, double value) {
    out.append(name).append("{pool=\"").append(escape(poolName)).append('"');
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
