package io.palisade.simnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.palisade.ouroboros.ChainTip;
import io.palisade.ouroboros.Point;
import io.palisade.ouroboros.n2c.LedgerQueries;
import io.palisade.ouroboros.n2c.StakeSnapshots;
import io.palisade.ouroboros.n2n.NodeToNodeClient;
import io.palisade.simnode.forge.BlockOutcome;
import io.palisade.simnode.forge.ForgeCounters;
import io.palisade.simnode.forge.ForgedBlock;
import io.palisade.simnode.forge.ForgedBlockLog;
import io.palisade.simnode.forge.MissReason;
import io.palisade.simnode.forge.MissedLeaderSlot;
import io.palisade.simnode.forge.MissedSlotLog;
import io.palisade.simnode.ledger.SimulatedChain;
import io.palisade.simnode.testing.ProducerFixture;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each forging fault, end to end on a simulated block producer on a movable clock, with the evidence the slot ledger
 * reads: the forged-block record, the chain the node serves (node-to-node tip, node-to-client ledger), its forge
 * metrics and the cardano-node trace names in its log.
 */
class ForgeFaultsEndToEndTest {
  @TempDir Path dir;
  ProducerFixture f;
  long first;

  @BeforeEach
  void setUp() throws Exception {
    f = new ProducerFixture(dir);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  /** Starts the node with {@code faults} in its fault file, a few slots before an epoch, and returns the epoch. */
  long startWith(String faults) throws Exception {
    Files.writeString(f.faults, faults);
    long e = f.nextEpochFromNow();
    f.start();
    first = f.chain.firstSlotOfEpoch(e);
    return e;
  }

  /** The epoch's leader slots, read over the node's socket as {@code palisade leader-schedule} reads them. */
  List<Long> schedule(long epoch) throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(f.node::nodeToClientOpen);
    try (LedgerQueries q = LedgerQueries.open(f.socket(), ProducerFixture.MAGIC, Duration.ofSeconds(5))) {
      assertThat(q.epoch()).isEqualTo(epoch);
      StakeSnapshots stake = q.stakeSnapshots(f.pool);
      return f.schedule(epoch, q.protocolState().epochNonce(), stake.pool(f.pool).orElseThrow().set(),
          stake.setTotal());
    }
  }

  /** Moves into the epoch until the tip is in it (the ledger answers for the tip's epoch). */
  void enterEpoch() {
    long slot = first;
    f.advanceTo(slot);
    while (f.node.snapshot().tipSlot() < first) {
      f.advanceTo(++slot);
    }
  }

  ChainTip servedTip() throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(() -> f.node.nodeToNodePort() > 0);
    return new NodeToNodeClient(new InetSocketAddress("127.0.0.1", f.node.nodeToNodePort()), ProducerFixture.MAGIC,
        Duration.ofSeconds(5)).readTip().tip();
  }

  ForgedBlock recordedIn(long slot) throws Exception {
    // Read the file as another process (the slot ledger) would.
    List<ForgedBlock> in = ForgedBlockLog.read(dir.resolve("db").resolve(ForgedBlockLog.FILE_NAME)).stream()
        .filter(b -> b.slot() == slot).toList();
    assertThat(in).as("slot %d", slot).hasSize(1);
    return in.get(0);
  }

  /** The missed-leader-slot record, read as another process (the slot ledger) reads it. */
  List<MissedLeaderSlot> missed() throws Exception {
    return MissedSlotLog.read(dir.resolve("db").resolve(MissedSlotLog.FILE_NAME));
  }

  @Test
  void lostSlotBattle_recordedNotAdopted_theServedChainHasTheOtherPoolsBlock() throws Exception {
    long e = startWith("{\"loseSlotBattles\": true}");
    enterEpoch();
    long now = f.node.snapshot().expectedSlot();
    long leader = schedule(e).stream().filter(s -> s > now + 1).findFirst().orElseThrow();
    f.advanceTo(leader);
    ForgedBlock mine = recordedIn(leader);
    assertThat(mine.outcome()).isEqualTo(BlockOutcome.NOT_ADOPTED);
    assertThat(mine.adopted()).isFalse();
    assertThat(mine.onChain()).isFalse();
    assertThat(mine.pool()).isEqualTo(f.pool.hex());
    // Node-to-node: the tip is the other pool's block of that slot, not ours.
    Point.BlockPoint tip = (Point.BlockPoint) servedTip().point();
    assertThat(tip.slot()).isEqualTo(leader);
    assertThat(tip.hash()).isEqualTo(HexFormat.of().formatHex(new SimulatedChain(f.genesis).blockHash(leader)))
        .isNotEqualTo(mine.hash());
    // Node-to-client: the chain holds no block of the pool (its opcert counter is still "never minted").
    try (LedgerQueries q = LedgerQueries.open(f.socket(), ProducerFixture.MAGIC, Duration.ofSeconds(5))) {
      assertThat(q.protocolState().lastSlot()).hasValue(leader);
      assertThat(q.opcertCounter(f.pool)).isEmpty();
    }
    assertThat(SimNodeTest.scrape(f.node)).contains("cardano_node_metrics_Forge_didnt_adopt_counter");
    assertThat(f.log()).contains("Forge.Loop.DidntAdoptBlock");
  }

  @Test
  void lostHeightBattle_recordedAdoptedNotOnChain_theServedChainDoesNotHoldIt() throws Exception {
    long e = startWith("{\"loseHeightBattles\": true}");
    enterEpoch();
    long now = f.node.snapshot().expectedSlot();
    // A leader slot where no other pool made a block: there a slot battle (lower VRF output wins) cannot decide first.
    SimulatedChain others = new SimulatedChain(f.genesis);
    long leader = schedule(e).stream().filter(s -> s > now + 1 && !others.hasBlock(s)).findFirst().orElseThrow();
    f.advanceTo(leader);
    ForgedBlock mine = recordedIn(leader);
    assertThat(mine.outcome()).isEqualTo(BlockOutcome.ORPHANED);
    assertThat(mine.adopted()).isTrue();
    assertThat(mine.onChain()).isFalse();
    Point.BlockPoint tip = (Point.BlockPoint) servedTip().point();
    assertThat(tip.hash()).isNotEqualTo(mine.hash());
    try (LedgerQueries q = LedgerQueries.open(f.socket(), ProducerFixture.MAGIC, Duration.ofSeconds(5))) {
      assertThat(q.opcertCounter(f.pool)).isEmpty();
    }
    ForgeCounters c = f.node.snapshot().forging().counters();
    // Every block forged is lost, to a longer fork or (when another pool's block of the slot won) a slot battle.
    assertThat(c.orphaned() + c.didntAdopt()).isEqualTo(c.forged());
    assertThat(c.orphaned()).isPositive();
    assertThat(SimNodeTest.scrape(f.node)).contains("cardano_node_metrics_forks_counter " + c.orphaned());
  }

  @Test
  void notSynced_noLedgerView_noForging_untilCaughtUp() throws Exception {
    startWith("{\"notSynced\": true}");
    f.advanceTo(first + 60);
    NodeSnapshot s = f.node.snapshot();
    assertThat(s.phase()).isEqualTo(NodeSnapshot.Phase.SYNCING);
    ForgeCounters c = s.forging().counters();
    assertThat(c.aboutToLead()).isGreaterThanOrEqualTo(60);
    assertThat(c.noLedgerView()).isEqualTo(c.aboutToLead());
    assertThat(c.isLeader() + c.notLeader() + c.forged()).isZero();
    assertThat(f.node.forgedBlocks()).isEmpty();
    assertThat(SimNodeTest.scrape(f.node)).contains("cardano_node_metrics_Forge_could_not_forge_counter "
        + c.noLedgerView()).contains("cardano_node_metrics_GSM_state_int 1");
    assertThat(f.log()).containsOnlyOnce("Forge.Loop.NoLedgerView").contains("the node is not synced");
    // The leader slots it could not check are recorded with why; the tip it had is far behind each.
    List<MissedLeaderSlot> missed = missed();
    assertThat(missed).isNotEmpty().allSatisfy(m -> {
      assertThat(m.reason()).isEqualTo(MissReason.NO_LEDGER_VIEW);
      assertThat(m.trace()).isEqualTo("Forge.Loop.NoLedgerView");
      assertThat(m.tipSlot()).isLessThan(m.slot() - 600);
      assertThat(m.pool()).isEqualTo(f.pool.hex());
    });
    setFaults("{}");
    f.advanceTo(first + 160);
    assertThat(f.node.snapshot().phase()).isEqualTo(NodeSnapshot.Phase.FOLLOWING);
    assertThat(f.node.forgedBlocks()).isNotEmpty().allMatch(b -> b.slot() > first + 60);
    assertThat(f.log()).contains("leadership checks again");
    // Once synced, no slot is both forged and missed.
    List<Long> forged = f.node.forgedBlocks().stream().map(ForgedBlock::slot).toList();
    assertThat(missed().stream().map(MissedLeaderSlot::slot).filter(forged::contains).toList()).isEmpty();
  }

  @Test
  void kesExpired_forgeStateUpdateError_noLeaderCheck_everyLeaderSlotRecordedMissed() throws Exception {
    long e = startWith("{\"kesExpired\": true}");
    enterEpoch();
    List<Long> schedule = schedule(e);
    f.advanceTo(first + 30);
    ForgeCounters c = f.node.snapshot().forging().counters();
    assertThat(c.forgeStateUpdateError()).isEqualTo(c.aboutToLead()).isGreaterThanOrEqualTo(30);
    assertThat(c.isLeader() + c.notLeader()).isZero();
    assertThat(f.node.forgedBlocks()).isEmpty();
    assertThat(SimNodeTest.scrape(f.node)).contains("cardano_node_metrics_remainingKESPeriods_int 0");
    assertThat(f.log()).containsOnlyOnce("Forge.Loop.ForgeStateUpdateError").contains("cannot be evolved");
    // Exactly the leader slots the loop checked are recorded, each with the node's KES period and opcert range.
    List<MissedLeaderSlot> missed = missed();
    assertThat(missed.stream().map(MissedLeaderSlot::slot).filter(s -> s >= first && s <= first + 30).toList())
        .isEqualTo(schedule.stream().filter(s -> s >= first && s <= first + 30).toList()).isNotEmpty();
    long kesStart = f.node.snapshot().forging().startKesPeriod();
    assertThat(missed).allSatisfy(m -> {
      assertThat(m.reason()).isEqualTo(MissReason.KES_INVALID);
      assertThat(m.trace()).isEqualTo("Forge.Loop.ForgeStateUpdateError");
      assertThat(m.kesPeriod()).isEqualTo(m.slot() / f.genesis.slotsPerKesPeriod());
      assertThat(m.opcertStartKesPeriod()).isEqualTo(kesStart);
      assertThat(m.opcertExpiryKesPeriod()).isEqualTo(kesStart + f.genesis.maxKesEvolutions());
    });
  }

  @Test
  void clockBehind_blocksFromTheFuture_leaderSlotsNotForged_untilTheClockIsRight() throws Exception {
    long e = startWith("{\"clockBehindSeconds\": 20}");
    enterEpoch();
    List<Long> schedule = schedule(e);
    f.advanceTo(first + 100);
    ForgeCounters c = f.node.snapshot().forging().counters();
    assertThat(c.blockFromFuture()).isPositive();
    // Every slot its clock reached was checked once, 20 slots late, and the chain's tip was mostly past it.
    assertThat(c.aboutToLead()).isEqualTo(c.blockFromFuture() + c.isLeader() + c.notLeader());
    SimulatedChain network = new SimulatedChain(f.genesis);
    for (long s : schedule) {
      if (s > first + 5 && s <= first + 80) {
        boolean futureBlock = false;
        for (long t = s + 1; t <= s + 20; t++) {
          futureBlock |= network.hasBlock(t);
        }
        assertThat(f.node.forgedBlocks().stream().anyMatch(b -> b.slot() == s)).as("slot %d", s - first)
            .isEqualTo(!futureBlock);
        // A leader slot not forged is recorded as a block from the future, with the tip that stopped the check.
        List<MissedLeaderSlot> inSlot = missed().stream().filter(m -> m.slot() == s).toList();
        assertThat(inSlot).as("slot %d", s - first).hasSize(futureBlock ? 1 : 0);
        inSlot.forEach(m -> {
          assertThat(m.reason()).isEqualTo(MissReason.BLOCK_FROM_FUTURE);
          assertThat(m.trace()).isEqualTo("Forge.Loop.BlockFromFuture");
          assertThat(m.tipSlot()).isGreaterThan(s).isLessThanOrEqualTo(s + 20);
        });
      }
    }
    assertThat(SimNodeTest.scrape(f.node)).contains("cardano_node_metrics_Forge_block_from_future_counter "
        + c.blockFromFuture());
    assertThat(f.log()).contains("Forge.Loop.BlockFromFuture");
    setFaults("{}");
    f.advanceTo(first + 199);
    List<Long> late = schedule.stream().filter(s -> s > first + 101).toList();
    assertThat(f.node.forgedBlocks().stream().map(ForgedBlock::slot).filter(s -> s > first + 101).toList())
        .isEqualTo(late);
  }

  /** Writes the fault file and waits until the node runs with it (the file is polled every half second). */
  void setFaults(String json) throws Exception {
    Files.writeString(f.faults, json);
    Faults expected = Faults.read(f.faults);
    await().atMost(Duration.ofSeconds(10)).until(() -> f.node.faults().equals(expected));
  }
}
