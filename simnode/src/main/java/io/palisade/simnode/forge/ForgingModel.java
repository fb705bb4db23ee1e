package io.palisade.simnode.forge;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The block producer's forge loop, one slot at a time, as ouroboros-consensus runs it ({@code forkBlockForging}):
 * start a leadership check; evolve the KES key to the slot's period (an expired key fails here, before any leader
 * check: {@code ForgeStateUpdateError}); check leadership; a leader whose key is not valid yet cannot forge
 * ({@code NodeCannotForge}); otherwise forge, then adopt the block, or not (another pool's block of the same slot with a
 * lower VRF output won), or find the ledger refuses it (an opcert counter outside m..m + 1). Pure: the leader check and
 * the ledger's facts come from a {@link ForgeEnvironment}; the caller records the blocks.
 *
 * <p>Not thread-safe: the node calls it under its own lock.
 */
public final class ForgingModel {
  private final ForgingKey key;
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
  private long lastForgedSlot = -1;
  private boolean kesUpdateFailed;

  /** @param key the producer's credentials */
  public ForgingModel(ForgingKey key) {
    this.key = key;
  }

  /** The credentials. */
  public ForgingKey key() {
    return key;
  }

  /**
   * Runs the forge loop for one slot.
   *
   * @param slot the slot
   * @param epoch its epoch
   * @param env the leader check and the ledger
   * @param faults the forging faults in force
   * @return the block forged in the slot, if any (with its outcome)
   */
  public Optional<ForgedBlock> checkSlot(long slot, long epoch, ForgeEnvironment env, ForgeFaults faults) {
    aboutToLead++;
    long period = key.kesPeriodOf(slot);
    kesUpdateFailed = faults.kesExpired() || period >= key.expiryPeriod();
    if (kesUpdateFailed) {
      return Optional.empty();
    }
    Optional<byte[]> output = env.leaderVrfOutput(slot);
    if (output.isEmpty()) {
      notLeader++;
      return Optional.empty();
    }
    if (period < key.kesStartPeriod()) {
      couldNotForge++;
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
    return Optional.of(new ForgedBlock(slot, epoch, key.pool().hex(), key.opcertCounter(), period,
        HexFormat.of().formatHex(output.get()), outcome));
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

  /** The counters now. */
  public ForgeCounters counters() {
    return new ForgeCounters(aboutToLead, notLeader, isLeader, couldNotForge, forged, adopted, didntAdopt,
        forgedInvalid, orphaned, slotsMissed, lastForgedSlot, kesUpdateFailed);
  }
}
