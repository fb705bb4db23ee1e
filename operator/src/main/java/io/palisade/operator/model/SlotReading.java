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
 * @param countedFrom the earliest the counters can have been sampled: the start of the agent's scrape they come from
 *     when it says (the clock of the node's own pod, the one the node forges by), else the pass's start, before
 *     which nothing was asked
 * @param countedTo the latest they can have been sampled: the end of that scrape, else when the agent's answer came
 *     back (a pass takes time, and a slot can start between its start and the agent's answer)
 */
public record SlotReading(Instant at, String node, String podUid, ProducerCondition condition, String detail,
    ForgeCounters counters, boolean agentRead, Instant countedFrom, Instant countedTo) {
  /** Checks the fields; the counting times default to {@code at}. */
  public SlotReading {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(condition, "condition");
    detail = detail == null ? "" : detail;
    counters = counters == null ? ForgeCounters.UNKNOWN : counters;
    countedFrom = countedFrom == null ? at : countedFrom;
    countedTo = countedTo == null ? at : countedTo;
    if (countedTo.isBefore(countedFrom)) {
      throw new IllegalArgumentException("counted from " + countedFrom + " after " + countedTo);
    }
  }

  /** A reading whose counters were sampled at {@code at} itself (or none were). */
  public SlotReading(Instant at, String node, String podUid, ProducerCondition condition, String detail,
      ForgeCounters counters, boolean agentRead) {
    this(at, node, podUid, condition, detail, counters, agentRead, at, at);
  }

  /** Whether this pass knows the producer's state: its agent answered, or no pod of it runs. */
  public boolean observed() {
    return agentRead || podUid == null;
  }
}
