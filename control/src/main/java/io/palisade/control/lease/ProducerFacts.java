package io.palisade.control.lease;

import java.util.Objects;

/**
 * What the runtime knows of one block producer for the lease's decisions.
 *
 * @param node the node's name
 * @param processAlive whether its process runs (a stopped, SIGSTOPped process still runs)
 * @param synced whether its health is synced to the chain (a standby's readiness: it has no credentials, so the
 *     agent's producer readiness, which asks for forging, does not apply to it)
 * @param canForge whether it is ready as a producer: synced, a hot peer, forging with a valid KES key
 * @param credentialsGiven whether its credential files are in place (the runtime put them there)
 * @param forging its forging metric at the last scrape
 * @param restartableWithCredentials whether the runtime would start it again with credentials (only the holder's
 *     launch gets them, and none while a move is in progress)
 * @param observedSinceMoveStarted whether these facts were observed after the move in progress took the former
 *     holder's credentials (ordered on the runtime's monotonic clock, not by wall-clock times): a fence is confirmed
 *     only by such facts; false when no move is in progress
 */
public record ProducerFacts(String node, boolean processAlive, boolean synced, boolean canForge,
    boolean credentialsGiven, ForgingReading forging, boolean restartableWithCredentials, boolean observedSinceMoveStarted) {
  /** Checks the fields. */
  public ProducerFacts {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(forging, "forging");
  }

  /** Whether it can take over forging: its process runs and it is synced. */
  public boolean readyToTakeOver() {
    return processAlive && synced;
  }

  /** Why it cannot take over, for messages ("" when it can). */
  public String whyNotReady() {
    if (!processAlive) {
      return node + " is not running";
    }
    return synced ? "" : node + " is not synced";
  }
}
