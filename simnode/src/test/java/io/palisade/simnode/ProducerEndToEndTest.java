package io.palisade.simnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.ouroboros.n2c.Era;
import io.palisade.ouroboros.n2c.GenesisConfig;
import io.palisade.ouroboros.n2c.LedgerQueries;
import io.palisade.ouroboros.n2c.Nonce;
import io.palisade.ouroboros.n2c.PraosState;
import io.palisade.ouroboros.n2c.StakeSnapshots;
import io.palisade.simnode.forge.BlockOutcome;
import io.palisade.simnode.forge.ForgeCounters;
import io.palisade.simnode.forge.ForgedBlock;
import io.palisade.simnode.ledger.PraosNonces;
import io.palisade.simnode.testing.ProducerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schedule read from a simulated block producer's node-to-client socket is exactly where it forges: this epoch's
 * (nonce and "set" stake from the socket) and the next one's (once its nonce is fixed: candidate ⭒ last epoch block,
 * "mark" stake). Then the faults: lost slot and height battles, an expired KES key, slots missed while down.
 */
class ProducerEndToEndTest {
  @TempDir Path dir;
  ProducerFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new ProducerFixture(dir);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  LedgerQueries connect() throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(f.node::nodeToClientOpen);
    return LedgerQueries.open(f.socket(), ProducerFixture.MAGIC, Duration.ofSeconds(5));
  }

  static List<Long> forgedIn(List<ForgedBlock> blocks, long epoch) {
    return blocks.stream().filter(b -> b.epoch() == epoch).map(ForgedBlock::slot).toList();
  }

  @Test
  void theScheduleOverTheSocket_isWhereTheNodeForges_thisEpochAndTheNext() throws Exception {
    long e = f.nextEpochFromNow();
    f.start();
    long first = f.chain.firstSlotOfEpoch(e);
    f.advanceTo(first + 50);
    List<Long> current;
    try (LedgerQueries q = connect()) {
      assertThat(q.currentEra()).isEqualTo(Era.CONWAY);
      assertThat(q.epoch()).isEqualTo(e);
      GenesisConfig g = q.genesisConfig();
      assertThat(g.activeSlotsCoeff().numerator() * 2).isEqualTo(g.activeSlotsCoeff().denominator());
      assertThat(g.randomnessStabilisationWindow()).isEqualTo(80);
      StakeSnapshots stake = q.stakeSnapshots(f.pool);
      long set = stake.pool(f.pool).orElseThrow().set();
      assertThat((double) set / stake.setTotal()).isCloseTo(ProducerFixture.SHARE, org.assertj.core.data.Offset.offset(1e-9));
      PraosState state = q.protocolState();
      // Next epoch's nonce is not fixed yet: the tip is before the stabilisation window.
      assertThat(state.lastSlot().getAsLong() + g.randomnessStabilisationWindow()).isLessThan(first + 200);
      current = f.schedule(e, state.epochNonce(), set, stake.setTotal());
    }
    f.advanceTo(first + 170);
    List<Long> next;
    Nonce nextNonce;
    try (LedgerQueries q = connect()) {
      PraosState state = q.protocolState();
      assertThat(state.lastSlot().getAsLong() + 80).isGreaterThanOrEqualTo(first + 200);
      nextNonce = PraosNonces.combine(state.candidateNonce(), state.lastEpochBlockNonce());
      StakeSnapshots stake = q.stakeSnapshots(f.pool);
      next = f.schedule(e + 1, nextNonce, stake.pool(f.pool).orElseThrow().mark(), stake.markTotal());
    }
    f.advanceTo(first + 420);
    try (LedgerQueries q = connect()) {
      assertThat(q.epoch()).isEqualTo(e + 2);
    }
    List<ForgedBlock> forged = f.node.forgedBlocks();
    assertThat(current).hasSizeGreaterThan(10);
    assertThat(forgedIn(forged, e)).isEqualTo(current);
    assertThat(forgedIn(forged, e + 1)).isEqualTo(next);
    ForgeCounters c = f.node.snapshot().forging().counters();
    assertThat(c.forged()).isEqualTo(forged.size());
    assertThat(c.adopted() + c.didntAdopt()).isEqualTo(forged.size());
    String metrics = SimNodeTest.scrape(f.node);
    assertThat(metrics).contains("cardano_node_metrics_Forge_node_is_leader_counter " + forged.size())
        .contains("cardano_node_metrics_Forge_adopted_counter " + c.adopted());
    if (c.didntAdopt() > 0) {
      assertThat(metrics).contains("cardano_node_metrics_Forge_didnt_adopt_counter " + c.didntAdopt());
    }
  }

  @Test
  void faults_battlesLost_expiredKes_andSlotsMissedWhileDown() throws Exception {
    long e = f.nextEpochFromNow();
    f.start();
    long first = f.chain.firstSlotOfEpoch(e);
    f.advanceTo(first);
    // The ledger is at the tip's epoch: wait for the epoch's first block (without forging past slot 2 of it).
    long tip = first;
    while (f.node.snapshot().tipSlot() < first) {
      f.advanceTo(++tip);
    }
    assertThat(tip).isLessThan(first + 3);
    List<Long> schedule;
    Nonce nonceOfNext;
    try (LedgerQueries q = connect()) {
      assertThat(q.epoch()).isEqualTo(e);
      StakeSnapshots stake = q.stakeSnapshots(f.pool);
      schedule = f.schedule(e, q.protocolState().epochNonce(), stake.pool(f.pool).orElseThrow().set(),
          stake.setTotal());
    }
    setFaults("{\"loseSlotBattles\": true}");
    f.advanceTo(first + 50);
    setFaults("{\"loseHeightBattles\": true}");
    f.advanceTo(first + 100);
    setFaults("{\"kesExpired\": true}");
    f.advanceTo(first + 150);
    assertThat(SimNodeTest.scrape(f.node)).contains("cardano_node_metrics_remainingKESPeriods_int 0")
        .contains("cardano_node_metrics_currentKESPeriod_int 0");
    setFaults("{}");
    f.advanceTo(first + 160);
    // Down for 30 slots.
    f.node.close();
    f.clock.advance(Duration.ofSeconds(30));
    f.start();
    f.advanceTo(first + 199);
    try (LedgerQueries q = connect()) {
      PraosState s = q.protocolState();
      nonceOfNext = PraosNonces.combine(s.candidateNonce(), s.lastEpochBlockNonce());
    }
    List<ForgedBlock> forged = f.node.forgedBlocks();
    for (long slot : schedule) {
      long at = slot - first;
      List<ForgedBlock> in = forged.stream().filter(b -> b.slot() == slot).toList();
      if (at > 100 && at <= 150 || at > 160 && at < 190) {
        assertThat(in).as("slot %d: expired KES or down", at).isEmpty();
        continue;
      }
      assertThat(in).as("slot %d", at).hasSize(1);
      BlockOutcome o = in.get(0).outcome();
      if (at > tip - first && at <= 50) {
        assertThat(o).as("slot %d", at).isEqualTo(BlockOutcome.NOT_ADOPTED);
      } else if (at >= 51 && at <= 100) {
        assertThat(o).as("slot %d", at).isIn(BlockOutcome.ORPHANED, BlockOutcome.NOT_ADOPTED);
      }
    }
    assertThat(forgedIn(forged, e)).isSubsetOf(schedule);
    assertThat(forged).anyMatch(b -> b.outcome() == BlockOutcome.ORPHANED);
    assertThat(schedule.stream().filter(s -> s - first > 160 && s - first < 190)).isNotEmpty();
    // The restarted node rebuilt its ledger from the record: the next epoch's nonce is the one it forges with.
    f.advanceTo(first + 201);
    try (LedgerQueries q = connect()) {
      assertThat(q.protocolState().epochNonce()).isEqualTo(nonceOfNext);
    }
    assertThat(f.log()).contains("lost to a longer fork").contains("won the slot battle");
  }

  /** Writes the fault file and waits until the node runs with it (the file is polled every half second). */
  void setFaults(String json) throws Exception {
    Files.writeString(f.faults, json);
    Faults expected = Faults.read(f.faults);
    await().atMost(Duration.ofSeconds(10)).until(() -> f.node.faults().equals(expected));
  }
}
