package io.palisade.simnode;

import io.palisade.chain.ChainClock;
import io.palisade.keys.vrf.VrfEvaluator;
import io.palisade.leader.ActiveSlotCoefficient;
import io.palisade.leader.EpochNonce;
import io.palisade.leader.LeaderCheck;
import io.palisade.leader.LeaderThreshold;
import io.palisade.leader.Sigma;
import io.palisade.leader.SlotElection;
import io.palisade.simnode.forge.ForgeEnvironment;
import io.palisade.simnode.ledger.EpochFacts;
import io.palisade.simnode.ledger.SimulatedLedger;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The block producer's forge loop against its simulated ledger: the leader check is the real Praos check
 * ({@link SlotElection}, the same code {@code palisade leader-schedule} runs) with the node's own VRF key, the epoch
 * nonce and the "set" snapshot's σ of the ledger; opcert counters and slot battles come from the ledger too.
 *
 * <p>Owns the expanded VRF key ({@link #close} wipes it). Not thread-safe: the node calls it under its lock.
 */
final class ProducerEnvironment implements ForgeEnvironment, AutoCloseable {
  private final SimulatedLedger ledger;
  private final VrfEvaluator vrf;
  private final ChainClock epochs;
  private final ActiveSlotCoefficient f;
  private long electionEpoch = -1;
  private SlotElection election;

  /**
   * @param ledger the node's ledger
   * @param vrf the node's VRF key, expanded; closed with this
   * @param epochs the chain clock (for the epoch of a slot)
   */
  ProducerEnvironment(SimulatedLedger ledger, VrfEvaluator vrf, ChainClock epochs) {
    this.ledger = ledger;
    this.vrf = vrf;
    this.epochs = epochs;
    this.f = ActiveSlotCoefficient.fromGenesis(epochs.genesis().activeSlotsCoeff());
  }

  @Override
  public Optional<byte[]> leaderVrfOutput(long slot) {
    SlotElection e = electionFor(epochs.epochOf(slot));
    if (e == null || !e.leads(slot)) {
      return Optional.empty();
    }
    return Optional.of(e.prove(slot).output().bytes());
  }

  /** The election of {@code epoch}, made once per epoch (the threshold takes a few milliseconds); null: no stake. */
  private SlotElection electionFor(long epoch) {
    if (epoch != electionEpoch) {
      EpochFacts facts = ledger.epochFacts(epoch);
      election = facts.poolStake() == 0 ? null : new SlotElection(vrf,
          new EpochNonce(facts.epochNonce().hash().orElseThrow()),
          LeaderThreshold.of(new LeaderCheck(Sigma.of(facts.poolStake(), facts.activeStake()), f)));
      electionEpoch = epoch;
    }
    return election;
  }

  @Override
  public OptionalLong chainOpcertCounter(long slot) {
    return ledger.opcertCounterBefore(slot);
  }

  @Override
  public Optional<byte[]> competitorVrfOutput(long slot) {
    return ledger.networkVrfOutput(slot);
  }

  @Override
  public void close() {
    vrf.close();
  }
}
