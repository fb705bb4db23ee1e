package io.palisade.simnode.forge;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.ouroboros.n2c.PoolId;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The forge loop's decisions, slot by slot, against a scripted ledger. */
class ForgingModelTest {
  static final PoolId POOL = new PoolId("ab".repeat(28));

  /** Leads the given slots with output [slot byte]*64; a competitor in the given slots; a fixed chain counter. */
  record Script(Set<Long> leads, Set<Long> competitorLower, Set<Long> competitorHigher, OptionalLong counter)
      implements ForgeEnvironment {
    @Override
    public Optional<byte[]> leaderVrfOutput(long slot) {
      return leads.contains(slot) ? Optional.of(filled(0x80)) : Optional.empty();
    }

    @Override
    public OptionalLong chainOpcertCounter(long slot) {
      return counter;
    }

    @Override
    public Optional<byte[]> competitorVrfOutput(long slot) {
      if (competitorLower.contains(slot)) {
        return Optional.of(filled(0x10));
      }
      return competitorHigher.contains(slot) ? Optional.of(filled(0xf0)) : Optional.empty();
    }
  }

  static byte[] filled(int b) {
    byte[] out = new byte[64];
    Arrays.fill(out, (byte) b);
    return out;
  }

  // KES periods of 100 slots; the opcert is valid from period 10 (slot 1000) for 5 periods (to slot 1499).
  static ForgingModel model(long counter) {
    return new ForgingModel(new ForgingKey(POOL, counter, 10, 5, 100));
  }

  @Test
  void forgesExactlyInLeaderSlots_andCountsEveryCheck() {
    ForgingModel m = model(0);
    Script env = new Script(Set.of(1001L, 1003L), Set.of(), Set.of(), OptionalLong.empty());
    for (long s = 1000; s < 1005; s++) {
      Optional<ForgedBlock> b = m.checkSlot(s, 3, env, ForgeFaults.NONE);
      assertThat(b.isPresent()).as("slot %d", s).isEqualTo(env.leads().contains(s));
      b.ifPresent(block -> {
        assertThat(block.outcome()).isEqualTo(BlockOutcome.ADOPTED);
        assertThat(block.kesPeriod()).isEqualTo(10);
        assertThat(block.epoch()).isEqualTo(3);
        assertThat(block.pool()).isEqualTo(POOL.hex());
      });
    }
    ForgeCounters c = m.counters();
    assertThat(c.aboutToLead()).isEqualTo(5);
    assertThat(c.notLeader()).isEqualTo(3);
    assertThat(c.isLeader()).isEqualTo(2);
    assertThat(c.forged()).isEqualTo(2);
    assertThat(c.adopted()).isEqualTo(2);
    assertThat(c.lastForgedSlot()).isEqualTo(1003);
  }

  @Test
  void slotBattle_lowerVrfOutputWins() {
    ForgingModel m = model(0);
    Script env = new Script(Set.of(1001L, 1002L), Set.of(1001L), Set.of(1002L), OptionalLong.empty());
    assertThat(m.checkSlot(1001, 0, env, ForgeFaults.NONE).orElseThrow().outcome())
        .isEqualTo(BlockOutcome.NOT_ADOPTED);
    assertThat(m.checkSlot(1002, 0, env, ForgeFaults.NONE).orElseThrow().outcome()).isEqualTo(BlockOutcome.ADOPTED);
    assertThat(m.counters().didntAdopt()).isEqualTo(1);
    assertThat(m.counters().adopted()).isEqualTo(1);
  }

  @Test
  void faults_loseSlotAndHeightBattles() {
    ForgingModel m = model(0);
    Script env = new Script(Set.of(1001L, 1002L), Set.of(), Set.of(), OptionalLong.empty());
    ForgedBlock slot = m.checkSlot(1001, 0, env, new ForgeFaults(false, true, false)).orElseThrow();
    ForgedBlock height = m.checkSlot(1002, 0, env, new ForgeFaults(false, false, true)).orElseThrow();
    assertThat(slot.outcome()).isEqualTo(BlockOutcome.NOT_ADOPTED);
    assertThat(slot.adopted()).isFalse();
    assertThat(height.outcome()).isEqualTo(BlockOutcome.ORPHANED);
    assertThat(height.adopted()).isTrue();
    assertThat(height.onChain()).isFalse();
    ForgeCounters c = m.counters();
    assertThat(c.forged()).isEqualTo(2);
    assertThat(c.didntAdopt()).isEqualTo(1);
    assertThat(c.adopted()).isEqualTo(1);
    assertThat(c.orphaned()).isEqualTo(1);
  }

  @Test
  void expiredKey_checksNoLeadership_notYetValidKey_cannotForge() {
    ForgingModel m = model(0);
    Script env = new Script(Set.of(999L, 1500L, 1200L), Set.of(), Set.of(), OptionalLong.empty());
    // Slot 999 is in period 9, before the opcert's start: the node leads but cannot forge.
    assertThat(m.checkSlot(999, 0, env, ForgeFaults.NONE)).isEmpty();
    assertThat(m.counters().couldNotForge()).isEqualTo(1);
    assertThat(m.counters().isLeader()).isZero();
    // Slot 1500 is in period 15 = start + 5: the key cannot evolve there; no leader check at all.
    assertThat(m.checkSlot(1500, 0, env, ForgeFaults.NONE)).isEmpty();
    assertThat(m.counters().kesUpdateFailed()).isTrue();
    assertThat(m.counters().notLeader()).isZero();
    // The fault does the same inside the window.
    assertThat(m.checkSlot(1200, 0, env, new ForgeFaults(true, false, false))).isEmpty();
    assertThat(m.counters().kesUpdateFailed()).isTrue();
    assertThat(m.counters().isLeader()).isZero();
    assertThat(m.counters().aboutToLead()).isEqualTo(3);
  }

  @Test
  void opcertCounter_theLedgerAcceptsMtoMPlusOne_elseTheBlockIsInvalid() {
    Script neverMinted = new Script(Set.of(1001L), Set.of(), Set.of(), OptionalLong.empty());
    Script atFive = new Script(Set.of(1001L), Set.of(), Set.of(), OptionalLong.of(5));
    // Never minted: m = 0, so 0 and 1 are accepted, 2 is not.
    assertThat(model(0).checkSlot(1001, 0, neverMinted, ForgeFaults.NONE).orElseThrow().outcome())
        .isEqualTo(BlockOutcome.ADOPTED);
    assertThat(model(1).checkSlot(1001, 0, neverMinted, ForgeFaults.NONE).orElseThrow().outcome())
        .isEqualTo(BlockOutcome.ADOPTED);
    assertThat(model(2).checkSlot(1001, 0, neverMinted, ForgeFaults.NONE).orElseThrow().outcome())
        .isEqualTo(BlockOutcome.INVALID);
    for (long n = 3; n <= 7; n++) {
      ForgingModel m = model(n);
      BlockOutcome o = m.checkSlot(1001, 0, atFive, ForgeFaults.NONE).orElseThrow().outcome();
      assertThat(o).as("counter %d against the chain's 5", n)
          .isEqualTo(n == 5 || n == 6 ? BlockOutcome.ADOPTED : BlockOutcome.INVALID);
      assertThat(m.counters().forgedInvalid()).isEqualTo(o == BlockOutcome.INVALID ? 1 : 0);
    }
  }

  @Test
  void blockFromFuture_thenNoLedgerView_thenKes_stopTheCheckBeforeTheLeaderCheck_inTheNodesOrder() {
    ForgingModel m = model(0);
    Script env = new Script(Set.of(1001L, 1002L, 1003L, 1004L), Set.of(), Set.of(), OptionalLong.empty());
    // The tip is in a later slot than the one checked (the clock is behind): BlockFromFuture, even when not synced.
    assertThat(m.checkSlot(1001, 0, 1005, false, env, new ForgeFaults(true, false, false))).isEmpty();
    assertThat(m.lastEvent()).hasValue(ForgeEvent.BLOCK_FROM_FUTURE);
    // A tip in the same slot or before is fine; a node not caught up has no ledger view, whatever its key.
    assertThat(m.checkSlot(1002, 0, 1002, false, env, new ForgeFaults(true, false, false))).isEmpty();
    assertThat(m.lastEvent()).hasValue(ForgeEvent.NO_LEDGER_VIEW);
    assertThat(m.checkSlot(1003, 0, 1000, true, env, new ForgeFaults(true, false, false))).isEmpty();
    assertThat(m.lastEvent()).hasValue(ForgeEvent.FORGE_STATE_UPDATE_ERROR);
    assertThat(m.checkSlot(1004, 0, 1003, true, env, ForgeFaults.NONE)).isPresent();
    assertThat(m.lastEvent()).hasValue(ForgeEvent.ADOPTED_BLOCK);
    ForgeCounters c = m.counters();
    assertThat(c.aboutToLead()).isEqualTo(4);
    assertThat(c.blockFromFuture()).isEqualTo(1);
    assertThat(c.noLedgerView()).isEqualTo(1);
    assertThat(c.forgeStateUpdateError()).isEqualTo(1);
    assertThat(c.isLeader()).isEqualTo(1);
    assertThat(c.notLeader()).isZero();
    assertThat(ForgeEvent.NO_LEDGER_VIEW.namespace()).isEqualTo("Forge.Loop.NoLedgerView");
  }

  @Test
  void aLeaderSlotNotForged_isMissedWithItsReason_aSlotNotLed_orForged_isNot() {
    ForgingModel m = model(0);
    Script env = new Script(Set.of(999L, 1001L, 1002L, 1003L, 1004L, 1500L), Set.of(), Set.of(),
        OptionalLong.empty());
    m.checkSlot(999, 0, 990, true, env, ForgeFaults.NONE);
    assertThat(m.lastMissed()).hasValueSatisfying(x -> {
      assertThat(x.reason()).isEqualTo(MissReason.KES_INVALID);
      assertThat(x.trace()).isEqualTo("Forge.Loop.NodeCannotForge");
      assertThat(x.kesPeriod()).isEqualTo(9);
      assertThat(x.opcertStartKesPeriod()).isEqualTo(10);
      assertThat(x.opcertExpiryKesPeriod()).isEqualTo(15);
      assertThat(x.tipSlot()).isEqualTo(990);
      assertThat(x.pool()).isEqualTo(POOL.hex());
    });
    m.checkSlot(1000, 0, 990, false, env, ForgeFaults.NONE);
    assertThat(m.lastMissed()).as("not a leader slot: nothing to record").isEmpty();
    m.checkSlot(1001, 0, 1005, true, env, ForgeFaults.NONE);
    assertThat(m.lastMissed()).hasValueSatisfying(x -> {
      assertThat(x.reason()).isEqualTo(MissReason.BLOCK_FROM_FUTURE);
      assertThat(x.trace()).isEqualTo("Forge.Loop.BlockFromFuture");
      assertThat(x.tipSlot()).isEqualTo(1005);
    });
    m.checkSlot(1002, 7, 300, false, env, ForgeFaults.NONE);
    assertThat(m.lastMissed()).hasValueSatisfying(x -> {
      assertThat(x.reason()).isEqualTo(MissReason.NO_LEDGER_VIEW);
      assertThat(x.epoch()).isEqualTo(7);
    });
    m.checkSlot(1003, 0, 1000, true, env, new ForgeFaults(true, false, false));
    assertThat(m.lastMissed()).hasValueSatisfying(x -> {
      assertThat(x.reason()).isEqualTo(MissReason.KES_INVALID);
      assertThat(x.trace()).isEqualTo("Forge.Loop.ForgeStateUpdateError");
    });
    assertThat(m.checkSlot(1004, 0, 1003, true, env, ForgeFaults.NONE)).isPresent();
    assertThat(m.lastMissed()).as("forged: in the forged-block record, not this one").isEmpty();
    m.checkSlot(1500, 0, 1499, true, env, ForgeFaults.NONE);
    assertThat(m.lastMissed()).hasValueSatisfying(x -> {
      assertThat(x.reason()).isEqualTo(MissReason.KES_INVALID);
      assertThat(x.kesPeriod()).isEqualTo(15);
    });
    // The counters are those of cardano-node, unchanged by the record.
    assertThat(m.counters().notLeader()).isZero();
    assertThat(m.counters().aboutToLead()).isEqualTo(7);
  }

  @Test
  void rekey_keepsTheCounters_takesTheNewCounter_refusesAnotherPool() {
    ForgingModel m = model(0);
    Script env = new Script(Set.of(1001L, 1002L), Set.of(), Set.of(), OptionalLong.empty());
    assertThat(m.checkSlot(1001, 0, env, ForgeFaults.NONE).orElseThrow().opcertCounter()).isZero();
    m.rekey(new ForgingKey(POOL, 1, 10, 5, 100));
    assertThat(m.checkSlot(1002, 0, env, ForgeFaults.NONE).orElseThrow().opcertCounter()).isEqualTo(1);
    assertThat(m.counters().forged()).isEqualTo(2);
    PoolId other = new PoolId("cd".repeat(28));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.rekey(new ForgingKey(other, 2, 10, 5, 100)))
        .hasMessageContaining(other.hex());
    assertThat(m.key().opcertCounter()).isEqualTo(1);
  }

  @Test
  void missedSlots_count() {
    ForgingModel m = model(0);
    m.missed(12);
    m.missed(0);
    m.missed(-3);
    assertThat(m.counters().slotsMissed()).isEqualTo(12);
  }
}
