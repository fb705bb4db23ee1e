package io.palisade.simnode;

import io.palisade.simnode.forge.ForgeCounters;
import java.time.Instant;

/**
 * What a simulated node reports at one instant; the metrics are written from it.
 *
 * @param time the instant
 * @param version the node version it simulates
 * @param startedAt when the process started
 * @param phase what it is doing
 * @param replayProgress ledger replay progress in percent (100 once replayed)
 * @param tipSlot the tip's slot, or -1 before the first block was added
 * @param tipBlockNo the tip's block number
 * @param epoch the tip's epoch
 * @param slotInEpoch the tip's slot in its epoch
 * @param expectedSlot the chain clock's slot now
 * @param density chain density
 * @param localRoots pool peers in its topology
 * @param hotPeers pool peers it is connected to
 * @param inboundConns connections from other nodes
 * @param forging forging state, or null for a relay
 */
public record NodeSnapshot(
    Instant time,
    String version,
    Instant startedAt,
    Phase phase,
    double replayProgress,
    long tipSlot,
    long tipBlockNo,
    long epoch,
    long slotInEpoch,
    long expectedSlot,
    double density,
    int localRoots,
    int hotPeers,
    int inboundConns,
    Forging forging) {

  /** What the node is doing. */
  public enum Phase {
    /** Opening the chain database and replaying the ledger: metrics only, no tip. */
    REPLAYING,
    /** Catching up with the chain. */
    SYNCING,
    /** At the chain's tip (within the usual block gaps). */
    FOLLOWING
  }

  /** The GSM state gauge: 0 PreSyncing, 1 Syncing, 2 CaughtUp. */
  public int gsmState() {
    return switch (phase) {
      case REPLAYING -> 0;
      case SYNCING -> 1;
      case FOLLOWING -> 2;
    };
  }

  /**
   * A block producer's forging state, from its operational certificate, the chain clock and its forge loop.
   *
   * @param enabled whether forging is enabled (credentials loaded)
   * @param currentKesPeriod the KES period now (0 once the key could not be evolved, as the node reports it)
   * @param startKesPeriod the opcert's start period
   * @param expiryKesPeriod the first period the opcert is no longer valid
   * @param remainingKesPeriods periods left (0 once the key could not be evolved)
   * @param counters the forge loop's counters since start
   */
  public record Forging(
      boolean enabled,
      long currentKesPeriod,
      long startKesPeriod,
      long expiryKesPeriod,
      long remainingKesPeriods,
      ForgeCounters counters) {
    /** A producer started with {@code --start-as-non-producing-node}: forging off, no forge loop. */
    public static Forging disabled() {
      return new Forging(false, 0, 0, 0, 0, ForgeCounters.NONE);
    }
  }
}
