package io.palisade.simnode.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.chain.GenesisParameters;
import io.palisade.ouroboros.n2c.LedgerView;
import io.palisade.ouroboros.n2c.Nonce;
import io.palisade.ouroboros.n2c.PoolId;
import io.palisade.ouroboros.n2c.PraosState;
import io.palisade.ouroboros.n2c.StakeSnapshots;
import io.palisade.simnode.forge.BlockOutcome;
import io.palisade.simnode.forge.ForgedBlock;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The simulated ledger's Praos bookkeeping, its stake and its opcert counters. */
class SimulatedLedgerTest {
  // Epochs of 200 one-second slots, f = 1/2, k = 10: a stabilisation window of 4k/f = 80 slots.
  static final GenesisParameters GENESIS = new GenesisParameters("custom", 42, Instant.parse("2022-10-25T00:00:00Z"),
      20_000, 10, 0, 200, 1000, 129_600, 62, 10, 0.5);
  static final PoolId POOL = new PoolId("ab".repeat(28));
  static final long E = 5000;
  static final long FIRST = E * 200;

  static SimulatedLedger ledger() {
    return new SimulatedLedger(GENESIS, new StakeDistribution(42, 0.25), Optional.of(POOL));
  }

  static PraosState state(SimulatedLedger l, long tip) {
    return l.snapshotAt(tip).praosState();
  }

  static long lastBlockBefore(SimulatedLedger l, long slot) {
    return l.lastBlockAtOrBefore(slot - 1).orElseThrow().slot();
  }

  static ForgedBlock own(long slot, long counter, BlockOutcome outcome) {
    return new ForgedBlock(slot, slot / 200, POOL.hex(), counter, 7, "5a".repeat(64), outcome);
  }

  @Test
  void theWindowIsFourKOverF_andTheGenesisIsTheFilesOne() {
    SimulatedLedger l = ledger();
    assertThat(l.stabilisationWindow()).isEqualTo(80);
    assertThat(l.genesis().activeSlotsCoeff().numerator()).isEqualTo(1);
    assertThat(l.genesis().activeSlotsCoeff().denominator()).isEqualTo(2);
    assertThat(l.genesis().epochLength()).isEqualTo(200);
    assertThat(l.genesis().networkMagic()).isEqualTo(42);
  }

  @Test
  void atTheBoundary_theEpochNonceIsCandidateCombinedWithTheLastEpochBlockNonce() {
    SimulatedLedger l = ledger();
    PraosState endOfE = state(l, lastBlockBefore(l, FIRST + 200));
    PraosState inNext = state(l, l.lastBlockAtOrBefore(FIRST + 250).orElseThrow().slot());
    assertThat(inNext.epochNonce())
        .isEqualTo(PraosNonces.combine(endOfE.candidateNonce(), endOfE.lastEpochBlockNonce()));
    // The last-epoch-block nonce moves on at the boundary: to the lab nonce at the end of the epoch.
    assertThat(inNext.lastEpochBlockNonce()).isEqualTo(endOfE.labNonce());
    assertThat(inNext.epochNonce()).isEqualTo(l.epochFacts(E + 1).epochNonce());
    assertThat(inNext.epochNonce()).isNotEqualTo(endOfE.epochNonce());
  }

  @Test
  void theCandidateFreezes_80SlotsBeforeTheEnd_theEvolvingNonceDoesNot() {
    SimulatedLedger l = ledger();
    long frozenFrom = FIRST + 200 - 80;
    long firstInZone = l.lastBlockAtOrBefore(frozenFrom + 10).orElseThrow().slot();
    assertThat(firstInZone).isGreaterThanOrEqualTo(frozenFrom);
    PraosState inZone = state(l, firstInZone);
    PraosState end = state(l, lastBlockBefore(l, FIRST + 200));
    PraosState beforeZone = state(l, lastBlockBefore(l, frozenFrom));
    assertThat(end.candidateNonce()).isEqualTo(inZone.candidateNonce()).isEqualTo(beforeZone.candidateNonce());
    assertThat(beforeZone.candidateNonce()).isEqualTo(beforeZone.evolvingNonce());
    assertThat(end.evolvingNonce()).isNotEqualTo(end.candidateNonce());
  }

  @Test
  void eachBlock_evolvesTheNonce_withItsVrfNonceValue_andSetsTheLabNonce() {
    SimulatedLedger l = ledger();
    long b2 = l.lastBlockAtOrBefore(FIRST + 60).orElseThrow().slot();
    long b1 = lastBlockBefore(l, b2);
    long b0 = lastBlockBefore(l, b1);
    assertThat(b1).isGreaterThanOrEqualTo(FIRST);
    PraosState s1 = state(l, b1);
    PraosState s2 = state(l, b2);
    ChainBlock block2 = l.blockAt(b2).orElseThrow();
    assertThat(s2.evolvingNonce())
        .isEqualTo(PraosNonces.combine(s1.evolvingNonce(), PraosNonces.vrfNonceValue(block2.vrfOutput())));
    assertThat(s2.labNonce()).isEqualTo(Nonce.of(l.blockAt(b1).orElseThrow().hash()));
    assertThat(s1.labNonce()).isEqualTo(Nonce.of(l.blockAt(b0).orElseThrow().hash()));
    assertThat(s2.lastSlot()).hasValue(b2);
  }

  @Test
  void ownBlocksOnTheChain_changeTheNonces_andTheOpcertCounter() {
    SimulatedLedger l = ledger();
    Nonce before = l.epochFacts(E + 1).epochNonce();
    Nonce twoAhead = l.epochFacts(E + 2).epochNonce();
    // After the window: the next epoch's nonce stays, the evolving nonce changes.
    l.addOwn(own(FIRST + 190, 3, BlockOutcome.ADOPTED));
    assertThat(l.epochFacts(E + 1).epochNonce()).isEqualTo(before);
    assertThat(l.opcertCounterBefore(FIRST + 190)).isEmpty();
    assertThat(l.opcertCounterBefore(FIRST + 191)).hasValue(3);
    // A slot battle lost to the network's block of the slot: the chain stays as it was.
    long battle = FIRST + 20;
    while (l.networkVrfOutput(battle).isEmpty()) {
      battle++;
    }
    l.addOwn(own(battle, 4, BlockOutcome.NOT_ADOPTED));
    assertThat(l.blockAt(battle).orElseThrow().own()).isFalse();
    assertThat(l.epochFacts(E + 1).epochNonce()).isEqualTo(before);
    assertThat(l.opcertCounterBefore(FIRST + 199)).hasValue(3);
    // Before the window: it changes the candidate, so the next epoch's nonce.
    l.addOwn(own(battle + 10, 3, BlockOutcome.ADOPTED));
    assertThat(l.epochFacts(E + 1).epochNonce()).isNotEqualTo(before);
    assertThat(l.blockAt(battle + 10).orElseThrow().own()).isTrue();
    // The stand-in: each epoch's evolving nonce starts from a seed, so a block weighs on the next epoch's nonce only.
    assertThat(l.epochFacts(E + 2).epochNonce()).isEqualTo(twoAhead);
    assertThat(state(l, FIRST + 195).opcertCounters()).containsEntry(POOL, 3L);
  }

  @Test
  void aSlotBattleLostWhereTheNetworkHadNoBlock_putsTheWinnersBlockOnTheChain() {
    SimulatedLedger l = ledger();
    long empty = FIRST + 20;
    while (l.networkVrfOutput(empty).isPresent()) {
      empty++;
    }
    assertThat(l.blockAt(empty)).isEmpty();
    Nonce before = l.epochFacts(E + 1).epochNonce();
    l.addOwn(own(empty, 0, BlockOutcome.NOT_ADOPTED));
    assertThat(l.blockAt(empty).orElseThrow().own()).isFalse();
    assertThat(l.epochFacts(E + 1).epochNonce()).isNotEqualTo(before);
    assertThat(l.opcertCounterBefore(FIRST + 199)).isEmpty();
  }

  @Test
  void isDeterministic_aRestartedNodeComputesTheSameState() {
    SimulatedLedger a = ledger();
    SimulatedLedger b = ledger();
    a.addOwn(own(FIRST + 30, 0, BlockOutcome.ADOPTED));
    b.addOwn(own(FIRST + 30, 0, BlockOutcome.ADOPTED));
    long tip = a.lastBlockAtOrBefore(FIRST + 420).orElseThrow().slot();
    assertThat(a.snapshotAt(tip).praosState()).isEqualTo(b.snapshotAt(tip).praosState());
    assertThat(a.epochFacts(E + 3)).isEqualTo(b.epochFacts(E + 3));
  }

  @Test
  void stake_theSetSnapshotIsTwoEpochsOld_andThePoolHoldsItsShare() {
    SimulatedLedger l = ledger();
    LedgerView.Snapshot s = l.snapshotAt(FIRST + 50);
    StakeSnapshots snaps = s.stakeSnapshots(new TreeSet<>(java.util.List.of(POOL)));
    StakeDistribution d = new StakeDistribution(42, 0.25);
    assertThat(snaps.setTotal()).isEqualTo(d.total(E - 2));
    assertThat(snaps.markTotal()).isEqualTo(d.total(E - 1));
    assertThat(snaps.pool(POOL).orElseThrow().set()).isEqualTo(d.total(E - 2) / 4);
    assertThat(l.epochFacts(E).poolStake()).isEqualTo(snaps.pool(POOL).orElseThrow().set());
    assertThat(l.epochFacts(E).activeStake()).isEqualTo(snaps.setTotal());
    PoolId other = new PoolId("01".repeat(28));
    assertThat(s.stakeSnapshots(new TreeSet<>(java.util.List.of(other))).pool(other).orElseThrow().set()).isZero();
    SimulatedLedger relay = new SimulatedLedger(GENESIS, d, Optional.empty());
    assertThat(relay.snapshotAt(FIRST).stakeSnapshots(new TreeSet<>()).pools()).isEmpty();
    assertThat(relay.snapshotAt(FIRST).praosState().opcertCounters()).isEmpty();
  }
}
