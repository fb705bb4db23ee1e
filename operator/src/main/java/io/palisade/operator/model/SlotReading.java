package io.palisade.operator.model;

import io.palisade.control.slots.ForgeCounters;
import io.palisade.control.slots.ProducerCondition;
import java.time.Instant;
import java.util.Objects;

/**
 * What one reconcile pass saw of the forging producer, for the slot ledger.
 *
 * @param at when
 * @param node the producer (the lease holder with a standby)
 * @param podUid its running pod's uid, or null when no pod of it runs
 * @param condition its condition: down when no pod runs, from its agent's state otherwise, unobserved when the agent
 *     could not be read (never a guess)
 * @param detail the condition's reasons in words
 * @param counters its forge counters ({@link ForgeCounters#UNKNOWN} when not read)
 * @param agentRead whether its agent answered
 */
public record SlotReading(Instant at, String node, String podUid, ProducerCondition condition, String detail,
    ForgeCounters counters, boolean agentRead) {
  /** Checks the fields. */
  public SlotReading {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(condition, "condition");
    detail = detail == null ? "" : detail;
    counters = counters == null ? ForgeCounters.UNKNOWN : counters;
  }

  /** Whether this pass knows the producer's state: its agent answered, or no pod of it runs. */
  public boolean observed() {
    return agentRead || podUid == null;
  }
}
