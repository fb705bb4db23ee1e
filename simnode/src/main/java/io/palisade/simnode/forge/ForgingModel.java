package io.palisade.simnode.forge;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The block producer's forge loop, one slot at a time, as ouroboros-consensus runs it ({@code forkBlockForging}):
 * start a leadership check; a chain whose tip is in a later slot stops it ({@code BlockFromFuture}: the node's clock is
 * behind); a node too far behind the chain has no ledger view for the slot ({@code NoLedgerView}); evolve the KES key
 * to the slot's period (an expired key fails here, before any leader check: {@code ForgeStateUpdateError}); check
 * leadership; a leader whose key is not valid yet cannot forge
 * ({@code NodeCannotForge}); otherwise forge, then adopt the block, or not (another pool's block of the same slot with a
 * lower VRF output won), or find the ledger refuses it (an opcert counter outside m..m + 1). Pure: the leader check and
 * the ledger's facts come from a {@link ForgeEnvironment}; the caller records the blocks.
 *
 * <p>Not thread-safe: the node calls it under its own lock.
 */
public final class ForgingModel {
  private ForgingKey key;
  private long aboutToLead;
  private long notLeader;
  private long isLeader;
  private long couldNotForge;
  private long forged;
  private long adopted;
  private long didntAdopt;
  private long forgedInvalid;
  private long orphaned;
  private long slotsMissed;
  private long blockFromFuture;
  private long noLedgerView;
  private long forgeStateUpdateError;
  private long lastForgedSlot = -1;
  private boolean kesUpdateFailed;
  private ForgeEvent lastEvent;
  private MissedLeaderSlot lastMissed;

  /** @param key the producer's credentials */
  public ForgingModel(ForgingKey key) {
    this.key = key;
  }

  /** The credentials. */
  public ForgingKey key() {
    return key;
  }

  /**
   * New credentials (re-read on SIGHUP): the counters go on, as the node's do.
   *
   * @param newKey the credentials; of the same pool
   * @throws IllegalArgumentException if they are another pool's
   */
  public void rekey(ForgingKey newKey) {
    if (!newKey.pool().equals(key.pool())) {
      throw new IllegalArgumentException("the new credentials are pool " + newKey.pool().hex() + "'s, not pool "
          + key.pool().hex() + "'s");
    }
    key = newKey;
    kesUpdateFailed = false;
  }

  /**
   * Runs the forge loop for one slot of a node that is synced and whose clock agrees with the chain.
   *
   * @param slot the slot
   * @param epoch its epoch
   * @param env the leader check and the ledger
   * @param faults the forging faults in force
   * @return the block forged in the slot, if any (with its outcome)
   */
  public Optional<ForgedBlock> checkSlot(long slot, long epoch, ForgeEnvironment env, ForgeFaults faults) {
    return checkSlot(slot, epoch, -1, true, env, faults);
  }

  /**
   * Runs the forge loop for one slot.
   *
   * @param slot the slot (of the node's own clock)
   * @param epoch its epoch
   * @param tipSlot the slot of the node's tip block when its clock reached {@code slot}, or -1
   * @param caughtUp whether the node's tip is close enough to {@code slot} to forecast the ledger view
   * @param env the leader check and the ledger
   * @param faults the forging faults in force
   * @return the block forged in the slot, if any (with its outcome)
   */
  public Optional<ForgedBlock> checkSlot(long slot, long epoch, long tipSlot, boolean caughtUp, ForgeEnvironment env,
      ForgeFaults faults) {
    aboutToLead++;
    lastMissed = null;
    if (tipSlot > slot) {
      blockFromFuture++;
      return stopped(slot, epoch, ForgeEvent.BLOCK_FROM_FUTURE, tipSlot, env);
    }
    if (!caughtUp) {
      // cardano-node counts a missing ledger view under Forge.could-not-forge.
      noLedgerView++;
      return stopped(slot, epoch, ForgeEvent.NO_LEDGER_VIEW, tipSlot, env);
    }
    long period = key.kesPeriodOf(slot);
    kesUpdateFailed = faults.kesExpired() || period >= key.expiryPeriod();
    if (kesUpdateFailed) {
      forgeStateUpdateError++;
      return stopped(slot, epoch, ForgeEvent.FORGE_STATE_UPDATE_ERROR, tipSlot, env);
    }
    Optional<byte[]> output = env.leaderVrfOutput(slot);
    if (output.isEmpty()) {
      notLeader++;
      lastEvent = ForgeEvent.NODE_NOT_LEADER;
      return Optional.empty();
    }
    if (period < key.kesStartPeriod()) {
      couldNotForge++;
      lastEvent = ForgeEvent.NODE_CANNOT_FORGE;
      lastMissed = MissedLeaderSlot.of(slot, epoch, lastEvent, key, tipSlot);
      return Optional.empty();
    }
    isLeader++;
    forged++;
    lastForgedSlot = slot;
    BlockOutcome outcome = outcome(slot, output.get(), env, faults);
    switch (outcome) {
      case ADOPTED -> adopted++;
      case ORPHANED -> {
        adopted++;
        orphaned++;
      }
      case NOT_ADOPTED -> didntAdopt++;
      case INVALID -> forgedInvalid++;
      default -> throw new IllegalStateException(outcome.name());
    }
    lastEvent = switch (outcome) {
      case ADOPTED, ORPHANED -> ForgeEvent.ADOPTED_BLOCK;
      case NOT_ADOPTED -> ForgeEvent.DIDNT_ADOPT_BLOCK;
      case INVALID -> ForgeEvent.FORGED_INVALID_BLOCK;
    };
    return Optional.of(new ForgedBlock(slot, epoch, key.pool().hex(), key.opcertCounter(), period,
        HexFormat.of().formatHex(output.get()), outcome));
  }

  /**
   * Ends a check that stopped before the leader check. cardano-node makes none then, so it cannot know it led the
   * slot; the simulated node asks its election anyway (the schedule {@code palisade leader-schedule} computes) and
   * keeps the slot as missed when the pool leads it, so the slot's cause is recorded, not only counted.
   */
  private Optional<ForgedBlock> stopped(long slot, long epoch, ForgeEvent event, long tipSlot, ForgeEnvironment env) {
    lastEvent = event;
    if (env.leaderVrfOutput(slot).isPresent()) {
      lastMissed = MissedLeaderSlot.of(slot, epoch, event, key, tipSlot);
    }
    return Optional.empty();
  }

  private BlockOutcome outcome(long slot, byte[] output, ForgeEnvironment env, ForgeFaults faults) {
    OptionalLong onChain = env.chainOpcertCounter(slot);
    // The ledger's rule (Praos doValidateKESSignature): m <= n <= m + 1, m the chain's counter, 0 for a pool that
    // never minted.
    long m = onChain.orElse(0);
    long n = key.opcertCounter();
    if (n < m || n > m + 1) {
      return BlockOutcome.INVALID;
    }
    Optional<byte[]> competitor = env.competitorVrfOutput(slot);
    // Chain selection between two blocks of one slot prefers the lower VRF output.
    if (faults.loseSlotBattles()
        || competitor.isPresent() && Arrays.compareUnsigned(competitor.get(), output) < 0) {
      return BlockOutcome.NOT_ADOPTED;
    }
    return faults.loseHeightBattles() ? BlockOutcome.ORPHANED : BlockOutcome.ADOPTED;
  }

  /**
   * The forge loop did not run for {@code slots} slots while the node was stalled (a hang): they count as missed.
   *
   * @param slots how many
   */
  public void missed(long slots) {
    if (slots > 0) {
      slotsMissed += slots;
    }
  }

  /** How the last slot's check ended; empty before the first. */
  public Optional<ForgeEvent> lastEvent() {
    return Optional.ofNullable(lastEvent);
  }

  /**
   * The slot the last check missed, if the pool led it and the check ended for a {@link MissReason}: the entry the
   * node appends to its missed-leader-slot record. Empty after any other check.
   */
  public Optional<MissedLeaderSlot> lastMissed() {
    return Optional.ofNullable(lastMissed);
  }

  /** The counters now. */
  public ForgeCounters counters() {
    return new ForgeCounters(aboutToLead, notLeader, isLeader, couldNotForge, forged, adopted, didntAdopt,
        forgedInvalid, orphaned, slotsMissed, blockFromFuture, noLedgerView, forgeStateUpdateError, lastForgedSlot,
        kesUpdateFailed);
  }
}
