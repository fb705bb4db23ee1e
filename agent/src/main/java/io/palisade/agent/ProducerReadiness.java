package io.palisade.agent;

import io.palisade.agent.metrics.NodeMetrics;
import io.palisade.spec.NodeRole;
import java.util.List;
import java.util.Optional;

/**
 * Which role a node is judged in, and what a block producer needs on top of a relay to be ready: forging enabled
 * and a KES key that is valid now. Pure.
 */
final class ProducerReadiness {
  private ProducerReadiness() {}

  /**
   * The role: the configured one, else a block producer on any forging evidence or a given opcert file, else a
   * relay. Adds a note when the role is inferred as a block producer, and a warning when a configured relay forges.
   */
  static NodeRole role(Optional<NodeRole> configuredRole, Optional<NodeMetrics> metrics, ForgingEvidence evidence,
      NodeObservation obs, Optional<HealthReport> previous, List<String> notes) {
    if (configuredRole.isPresent()) {
      NodeRole configured = configuredRole.get();
      if (configured == NodeRole.RELAY && evidence.showsBlockProducer()) {
        notes.add("warning: configured as a relay, but the node shows forging evidence (" + evidence.describe()
            + "): a relay must not hold forging credentials");
      }
      return configured;
    }
    if (metrics.isEmpty()) {
      return previous.map(HealthReport::role)
          .orElse(obs.opcert().isPresent() ? NodeRole.BLOCK_PRODUCER : NodeRole.RELAY);
    }
    if (evidence.showsBlockProducer() || obs.opcert().isPresent()) {
      notes.add("readiness: judged as a block producer, inferred from "
          + (evidence.showsBlockProducer() ? evidence.describe() : "the opcert file given"));
      return NodeRole.BLOCK_PRODUCER;
    }
    return NodeRole.RELAY;
  }

  /** Adds what keeps a block producer from being ready to {@code notReady}, and how forging was judged to notes. */
  static void check(Optional<Boolean> forgingEnabled, ForgingEvidence evidence, Optional<KesStatus> kes,
      List<String> notReady, List<String> notes) {
    if (forgingEnabled.isEmpty()) {
      notReady.add("forging state unknown (the node reports neither forging_enabled nor any forge counter or KES"
          + " metric)");
    } else if (!forgingEnabled.get()) {
      notReady.add("forging is not enabled (the node has no forging credentials loaded)");
    } else if (evidence.forgingInferred()) {
      notes.add("readiness: forging taken as enabled: the node does not expose forging_enabled, but its forge loop"
          + " runs (" + evidence.describe() + ")");
    }
    if (kes.isEmpty()) {
      notReady.add("no KES information (no KES metrics and no opcert file)");
    } else if (kes.get().periodsRemaining() <= 0) {
      notReady.add("the KES key has expired");
    } else if (!kes.get().validYet()) {
      notReady.add("the operational certificate is not valid yet (it starts at KES period "
          + kes.get().opcertStartPeriod() + ", the current period is " + kes.get().currentPeriod() + ")");
    }
  }
}
