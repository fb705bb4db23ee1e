package io.palisade.leader;

import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.keys.vrf.VrfEvaluator;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A pool's leader schedule for one epoch, from facts given offline: the epoch nonce, the pool's stake and the total
 * active stake of the epoch's "set" snapshot, the network's genesis and the pool's VRF key. Streams: each leader slot
 * goes to the caller as it is found, nothing per slot is kept, so a mainnet epoch (432,000 slots) runs on a small heap.
 * The online mode (nonce, stake and f read from the node's socket) feeds the same {@link Request}.
 */
public final class LeaderSchedule {
  private LeaderSchedule() {}

  /**
   * What to compute.
   *
   * @param epoch the epoch
   * @param nonce its epoch nonce
   * @param sigma the pool's σ in the epoch's "set" snapshot
   * @param genesis the network's genesis (f, epoch length, slot times)
   * @param firstPraosEpoch the network's first Praos epoch ({@link PraosEra})
   * @param activeSlotCoefficient f, exactly (from the node's genesis online, or the genesis file's decimal)
   */
  public record Request(long epoch, EpochNonce nonce, Sigma sigma, GenesisParameters genesis, long firstPraosEpoch,
      ActiveSlotCoefficient activeSlotCoefficient) {
    /** A request with f from the genesis file's decimal. */
    public Request(long epoch, EpochNonce nonce, Sigma sigma, GenesisParameters genesis, long firstPraosEpoch) {
      this(epoch, nonce, sigma, genesis, firstPraosEpoch, ActiveSlotCoefficient.fromGenesis(genesis.activeSlotsCoeff()));
    }
  }

  /**
   * Computes the schedule.
   *
   * @param request the epoch, nonce, stake and network
   * @param vrf the pool's VRF key, expanded (the caller closes it)
   * @param onLeaderSlot receives each leader slot, in slot order
   * @param onProgress receives the number of slots checked so far, about every 64 slots
   * @return the summary
   * @throws LeaderScheduleException for an epoch before Praos
   */
  public static ScheduleSummary compute(Request request, VrfEvaluator vrf, Consumer<LeaderSlot> onLeaderSlot,
      LongConsumer onProgress) {
    GenesisParameters genesis = request.genesis();
    PraosEra.requirePraos(request.epoch(), genesis, request.firstPraosEpoch());
    ChainClock clock = new ChainClock(genesis, java.time.Clock.fixed(genesis.systemStart(), java.time.ZoneOffset.UTC));
    ActiveSlotCoefficient f = request.activeSlotCoefficient();
    LeaderThreshold threshold = LeaderThreshold.of(new LeaderCheck(request.sigma(), f));
    SlotElection election = new SlotElection(vrf, request.nonce(), threshold);
    long first = clock.firstSlotOfEpoch(request.epoch());
    long length = genesis.epochLength();
    long[] count = {0};
    election.scan(first, length, slot -> {
      count[0]++;
      onLeaderSlot.accept(new LeaderSlot(slot, slot - first, clock.startOfSlot(slot)));
    }, onProgress);
    return new ScheduleSummary(request.epoch(), first, length, request.sigma(), f,
        expectedBlocks(length, f, request.sigma()), count[0]);
  }

  /** epochLength · (1 − (1 − f)^σ), in floating point (a mean, for display). */
  public static double expectedBlocks(long epochLength, ActiveSlotCoefficient f, Sigma sigma) {
    return epochLength * (1 - Math.pow(1 - f.doubleValue(), sigma.doubleValue()));
  }
}
