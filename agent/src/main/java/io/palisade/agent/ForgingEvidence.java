package io.palisade.agent;

import io.palisade.agent.metrics.NodeMetric;
import io.palisade.agent.metrics.NodeMetrics;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a scrape says about forging, whichever tracing system wrote it. cardano-node runs its forge loop, and so traces
 * its forge counters ({@code Forge_*}, {@code blocksForged}/{@code blocksForgedNum}, {@code nodeIsLeader}...) and its
 * KES state ({@code currentKESPeriod}, {@code remainingKESPeriods}, {@code operationalCertificate*KESPeriod}), only
 * when forging credentials are loaded: any of them is evidence of a block producer. {@code forging_enabled} is not
 * exposed by every version (a 1.35.x legacy scrape has the counters and KES metrics but not it), and a relay may expose
 * it as 0, so only its value 1 is evidence.
 *
 * @param forgingEnabledMetric the node's {@code forging_enabled} value, if exposed
 * @param forgeCounters the forge counters the node exposed, as it named them (prefix removed)
 * @param kesMetrics the KES metrics the node exposed, as it named them (prefix removed)
 */
public record ForgingEvidence(OptionalLong forgingEnabledMetric, List<String> forgeCounters, List<String> kesMetrics) {
  /** The forge loop's counters, in both tracing systems. */
  static final Set<NodeMetric> FORGE_COUNTERS = EnumSet.of(NodeMetric.FORGE_NODE_IS_LEADER,
      NodeMetric.FORGE_NODE_NOT_LEADER, NodeMetric.FORGE_ABOUT_TO_LEAD, NodeMetric.FORGE_FORGED,
      NodeMetric.FORGE_ADOPTED, NodeMetric.BLOCKS_FORGED, NodeMetric.NODE_IS_LEADER, NodeMetric.SLOTS_MISSED,
      NodeMetric.NODE_CANNOT_FORGE, NodeMetric.FORGED_SLOT_LAST);
  /** The forge state's KES metrics. */
  static final Set<NodeMetric> KES_METRICS = EnumSet.of(NodeMetric.CURRENT_KES_PERIOD,
      NodeMetric.REMAINING_KES_PERIODS, NodeMetric.OPCERT_START_KES_PERIOD, NodeMetric.OPCERT_EXPIRY_KES_PERIOD);

  /** Requires the values and copies the lists. */
  public ForgingEvidence {
    Objects.requireNonNull(forgingEnabledMetric, "forgingEnabledMetric");
    forgeCounters = List.copyOf(forgeCounters);
    kesMetrics = List.copyOf(kesMetrics);
  }

  /** No evidence at all: what a failed scrape gives. */
  public static ForgingEvidence none() {
    return new ForgingEvidence(OptionalLong.empty(), List.of(), List.of());
  }

  /**
   * Picks the forging evidence out of a scrape.
   *
   * @param metrics the scrape
   * @return what it says about forging
   */
  public static ForgingEvidence of(NodeMetrics metrics) {
    List<String> counters = new ArrayList<>();
    List<String> kes = new ArrayList<>();
    for (NodeMetric metric : metrics.found().keySet()) {
      if (FORGE_COUNTERS.contains(metric)) {
        counters.add(metrics.exposedName(metric).orElseThrow());
      } else if (KES_METRICS.contains(metric)) {
        kes.add(metrics.exposedName(metric).orElseThrow());
      }
    }
    return new ForgingEvidence(metrics.integer(NodeMetric.FORGING_ENABLED), counters, kes);
  }

  /** Whether the scrape shows a block producer: forging enabled, a forge counter or a KES metric. */
  public boolean showsBlockProducer() {
    return forgingEnabledMetric.orElse(0) == 1 || !forgeCounters.isEmpty() || !kesMetrics.isEmpty();
  }

  /**
   * Whether forging is on: the node's own {@code forging_enabled} when it exposes it, else inferred on from forge
   * counters or KES metrics (traced only by a running forge loop), else unknown.
   */
  public Optional<Boolean> forgingEnabled() {
    if (forgingEnabledMetric.isPresent()) {
      return Optional.of(forgingEnabledMetric.getAsLong() == 1);
    }
    return forgeCounters.isEmpty() && kesMetrics.isEmpty() ? Optional.empty() : Optional.of(true);
  }

  /** Whether {@link #forgingEnabled()} is inferred rather than reported. */
  public boolean forgingInferred() {
    return forgingEnabledMetric.isEmpty() && forgingEnabled().isPresent();
  }

  /** The evidence in words, e.g. {@code forging_enabled = 1; forge counters Forge_forged_int, ...; KES metrics ...}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    forgingEnabledMetric.ifPresent(v -> parts.add("forging_enabled = " + v));
    if (!forgeCounters.isEmpty()) {
      parts.add("forge counters " + String.join(", ", forgeCounters));
    }
    if (!kesMetrics.isEmpty()) {
      parts.add("KES metrics " + String.join(", ", kesMetrics));
    }
    return parts.isEmpty() ? "no forging metrics" : String.join("; ", parts);
  }
}
