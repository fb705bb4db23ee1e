package io.palisade.agent;

import io.palisade.agent.metrics.NodeMetric;
import io.palisade.agent.metrics.NodeMetrics;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The node's forge-loop counters, cumulative since it started, as its own metrics say them in either tracing system
 * ({@code Forge_adopted_int} or {@code Forge_adopted_counter}, ...): the evidence a leader slot's verdict keeps of what
 * the node did with it. cardano-node traces them only while its forge loop runs, and creates each at its first event:
 * a block producer that never lost a slot battle has no {@code Forge_didnt_adopt}, and a producer just restarted
 * has none until its first leader slot. So on a node whose forge loop runs (forging enabled, or inferred on), an
 * outcome counter not exposed yet is 0: without that, the first block after each restart (or after a standby takes
 * the keys) would find no counter to compare with and be judged unknown. {@code Forge_node_is_leader} is the
 * exception, since some versions never expose it under that name (1.35.5's legacy scrape has 82 adopted blocks and
 * no such counter): 0 would be a false count, and no verdict reads it. On any other node (a relay, a keyless standby,
 * a failed scrape) a counter not exposed is unknown (absent from {@link #values()}), never 0.
 *
 * @param values each known counter's value
 */
public record ForgeCounters(Map<Outcome, Long> values) {
  /** No counter known: a relay, a failed scrape with no earlier one, a producer whose forge loop has not run. */
  public static final ForgeCounters NONE = new ForgeCounters(Map.of());

  /** What a counter counts; its names in {@code /status} and on {@code /metrics}, and the node's metric. */
  public enum Outcome {
    /** Blocks forged and adopted by the node ({@code Forge_adopted}). */
    ADOPTED("adopted", "adopted", NodeMetric.FORGE_ADOPTED, true),
    /** Blocks forged but not adopted: another block of the slot won ({@code Forge_didnt_adopt}). */
    DIDNT_ADOPT("didntAdopt", "didnt_adopt", NodeMetric.FORGE_DIDNT_ADOPT, true),
    /** Blocks forged that the node's own ledger found invalid ({@code Forge_forged_invalid}). */
    FORGED_INVALID("forgedInvalid", "forged_invalid", NodeMetric.FORGE_FORGED_INVALID, true),
    /** Slots led but not forged in: no ledger view, or a KES key not valid ({@code Forge_could_not_forge}). */
    COULD_NOT_FORGE("couldNotForge", "could_not_forge", NodeMetric.FORGE_COULD_NOT_FORGE, true),
    /** Leadership checks stopped by a tip in a later slot than the node's clock ({@code Forge_block_from_future}). */
    BLOCK_FROM_FUTURE("blockFromFuture", "block_from_future", NodeMetric.FORGE_BLOCK_FROM_FUTURE, true),
    /** Slots the node found itself leader in ({@code Forge_node_is_leader}). */
    NODE_IS_LEADER("nodeIsLeader", "node_is_leader", NodeMetric.FORGE_NODE_IS_LEADER, false);

    private final String json;
    private final String label;
    private final NodeMetric metric;
    /** Whether a forging node that does not expose it yet has had no such event (0), see the type's comment. */
    private final boolean zeroUntilTraced;

    Outcome(String json, String label, NodeMetric metric, boolean zeroUntilTraced) {
      this.json = json;
      this.label = label;
      this.metric = metric;
      this.zeroUntilTraced = zeroUntilTraced;
    }

    /** The field name in {@code /status}'s {@code forge} object (a contract: the operator reads it). */
    public String json() {
      return json;
    }

    /** The {@code outcome} label value of {@code palisade_node_forge_total}. */
    public String label() {
      return label;
    }

    /** The node's metric. */
    public NodeMetric metric() {
      return metric;
    }
  }

  /** Copies the values, in {@link Outcome} order. */
  public ForgeCounters {
    EnumMap<Outcome, Long> copy = new EnumMap<>(Outcome.class);
    values.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "outcome"), Objects.requireNonNull(v, "value")));
    values = Collections.unmodifiableMap(copy);
  }

  /**
   * Picks the forge counters out of a scrape.
   *
   * @param metrics the scrape
   * @param forgeLoopRuns whether the node forges (its {@code forging_enabled}, or inferred from forging evidence): a
   *     counter it does not expose yet is then 0
   * @return the counters it has; a value that is not a whole number of at least 0 is unknown (a counter never is)
   */
  public static ForgeCounters of(NodeMetrics metrics, boolean forgeLoopRuns) {
    Map<Outcome, Long> values = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.values()) {
      if (!metrics.exposedName(o.metric()).isPresent()) {
        if (forgeLoopRuns && o.zeroUntilTraced) {
          values.put(o, 0L);
        }
        continue;
      }
      OptionalLong v = metrics.integer(o.metric());
      if (v.isPresent() && v.getAsLong() >= 0) {
        values.put(o, v.getAsLong());
      }
    }
    return values.isEmpty() ? NONE : new ForgeCounters(values);
  }

  /** One counter, or empty when the node does not expose it. */
  public OptionalLong get(Outcome outcome) {
    Long v = values.get(outcome);
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  /** Whether no counter is known. */
  public boolean isEmpty() {
    return values.isEmpty();
  }
}
