package io.palisade.simnode;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a simulated node's chain is, as a pure function of time: a ledger replay after start (no tip), then a
 * catch-up line from the slot its database stopped at, at a fixed speed, until it reaches the chain clock; a
 * stop-syncing fault freezes the line and clearing it restarts the line from the frozen slot. No clock, no threads:
 * the node asks it with the instant and the chain clock's slot.
 *
 * <p>Not thread-safe: the node calls it under its own lock.
 */
final class SyncModel {
  /** How far behind a node with a "never ready" fault stays, in slots (far beyond any readiness threshold). */
  static final long NEVER_READY_LAG = 3000;
  /** Gap up to which the node counts itself caught up. */
  static final long CAUGHT_UP_SLOTS = 600;

  private final Instant startedAt;
  private final Duration replay;
  private final double slotsPerSecond;
  // Catch-up is a line from (baseTime, baseSlot); a stop-syncing fault freezes it and moves the base.
  private Instant baseTime;
  private long baseSlot;
  private Long frozenSlot;

  /**
   * @param startedAt when the node started
   * @param replay how long the ledger replay takes
   * @param slotsPerSecond catch-up speed
   * @param startSlot the slot the database stopped at
   */
  SyncModel(Instant startedAt, Duration replay, double slotsPerSecond, long startSlot) {
    this.startedAt = startedAt;
    this.replay = replay;
    this.slotsPerSecond = slotsPerSecond;
    this.baseTime = startedAt.plus(replay);
    this.baseSlot = startSlot;
  }

  /**
   * Where the node's chain is at {@code now}.
   *
   * @param now the instant
   * @param expectedSlot the chain clock's slot at {@code now}
   * @param neverReady whether a never-ready fault holds the node back
   * @return the position
   */
  Position at(Instant now, long expectedSlot, boolean neverReady) {
    Instant replayEnd = startedAt.plus(replay);
    if (now.isBefore(replayEnd)) {
      double progress = replay.isZero() ? 100 : 100.0 * Duration.between(startedAt, now).toMillis() / replay.toMillis();
      return new Position(NodeSnapshot.Phase.REPLAYING, progress, -1);
    }
    long candidate = frozenSlot != null ? frozenSlot : synced(now, expectedSlot, neverReady);
    return new Position(null, 100, Math.max(0, candidate));
  }

  /** Whether a tip at {@code tipSlot} counts as following a chain whose clock is at {@code expectedSlot}. */
  static NodeSnapshot.Phase phaseOf(long tipSlot, long expectedSlot) {
    return expectedSlot - tipSlot <= CAUGHT_UP_SLOTS ? NodeSnapshot.Phase.FOLLOWING : NodeSnapshot.Phase.SYNCING;
  }

  /**
   * Applies the stop-syncing fault as it is now: freezes the chain, or resumes it.
   *
   * @param stop whether the fault is set
   * @param now the instant
   * @param expectedSlot the chain clock's slot at {@code now}
   * @param neverReady whether a never-ready fault holds the node back
   * @return a log line when the fault took or lost effect
   */
  Optional<String> stopSyncing(boolean stop, Instant now, long expectedSlot, boolean neverReady) {
    if (stop) {
      long frozen = freeze(now, expectedSlot, neverReady);
      return frozen < 0 ? Optional.empty() : Optional.of("Fault: stop syncing at slot " + frozen);
    }
    long resumed = resume(now);
    return resumed < 0 ? Optional.empty() : Optional.of("Fault cleared: syncing again from slot " + resumed);
  }

  /**
   * A stop-syncing fault: the chain stays where it is now.
   *
   * @return the frozen slot, or -1 if it was frozen already
   */
  long freeze(Instant now, long expectedSlot, boolean neverReady) {
    if (frozenSlot != null) {
      return -1;
    }
    frozenSlot = now.isBefore(startedAt.plus(replay)) ? baseSlot : synced(now, expectedSlot, neverReady);
    return frozenSlot;
  }

  /**
   * The fault cleared: catching up again from the frozen slot.
   *
   * @return the slot it resumes from, or -1 if it was not frozen
   */
  long resume(Instant now) {
    if (frozenSlot == null) {
      return -1;
    }
    baseSlot = frozenSlot;
    Instant replayEnd = startedAt.plus(replay);
    baseTime = now.isBefore(replayEnd) ? replayEnd : now;
    frozenSlot = null;
    return baseSlot;
  }

  /** Where catch-up has brought the chain by {@code now} (before rounding down to a block). */
  private long synced(Instant now, long expectedSlot, boolean neverReady) {
    double elapsed = Duration.between(baseTime, now).toMillis() / 1000.0;
    long candidate = baseSlot + (long) Math.max(0, elapsed * slotsPerSecond);
    if (neverReady) {
      candidate = Math.min(candidate, expectedSlot - NEVER_READY_LAG);
    }
    return Math.min(candidate, expectedSlot);
  }

  /**
   * A position of the chain.
   *
   * @param replaying {@code REPLAYING} during the replay, else null (the phase depends on the block found)
   * @param replayProgress replay progress in percent
   * @param candidateSlot the slot catch-up has reached (the tip is the last block at or before it), -1 while replaying
   */
  record Position(NodeSnapshot.Phase replaying, double replayProgress, long candidateSlot) {
    /** Whether the ledger is still being replayed. */
    boolean isReplaying() {
      return replaying == NodeSnapshot.Phase.REPLAYING;
    }
  }
}
