package io.palisade.runtime.slots;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.control.ControlEvent;
import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.HealthState;
import io.palisade.control.NodeObservation;
import io.palisade.control.lease.ProducerLease;
import io.palisade.control.slots.EpochSlots;
import io.palisade.control.slots.ForgeOutcome;
import io.palisade.control.slots.SlotVerdict;
import io.palisade.runtime.local.DataDir;
import io.palisade.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch on a model of time: each tick is driven by hand, the sources and observations are the test's. */
class SlotWatchTest {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  /** 100-slot epochs of 1 s slots: epoch 3 is 300..399. */
  static final GenesisParameters GENESIS = new GenesisParameters("test", 42, START, 1000, 10, 0, 100, 1000, 36, 62,
      10, 0.05);
  static final String BP = "block-producer";

  @TempDir
  Path tmp;

  final MutableClock clock = MutableClock.stoppedAt(START.plusSeconds(300));
  final Map<String, NodeObservation> observed = new HashMap<>();
  final List<ForgedSlot> forged = new ArrayList<>();
  final List<String> said = new ArrayList<>();
  List<Long> schedule = List.of(310L, 320L, 330L, 340L);

  SlotWatch watch() throws IOException {
    return new SlotWatch(new SlotLedger(new DataDir(tmp)), new ChainClock(GENESIS, clock), BP, sources(),
        () -> Map.copyOf(observed), clock, Duration.ofSeconds(5), said::add);
  }

  /** The test's schedule (epoch 3) and forge record. */
  SlotSources sources() {
    return new SlotSources() {
      @Override
      public Optional<List<Long>> leaderSlots(long epoch) {
        return epoch == 3 ? Optional.of(schedule) : Optional.of(List.of());
      }

      @Override
      public List<ForgedSlot> forged(long epoch) {
        return List.copyOf(forged);
      }
    };
  }

  void producer(HealthState state, boolean alive) {
    observed.put(BP, new NodeObservation(BP, clock.instant(), alive, alive, alive,
        state == HealthState.SYNCED, state, null, null, null, List.of("state: " + state)));
  }

  EpochSlots ledger() throws IOException {
    return new SlotLedger(new DataDir(tmp)).epoch(3).orElseThrow();
  }

  @Test
  void eachSlotGetsTheVerdictOfWhatHappenedAtIt() throws IOException {
    SlotWatch w = watch();
    producer(HealthState.SYNCED, true);
    w.tick();
    assertThat(ledger().scheduleKnown()).isTrue();
    assertThat(ledger().scheduled()).containsExactly(310L, 320L, 330L, 340L);

    clock.set(START.plusSeconds(310));
    forged.add(new ForgedSlot(310, ForgeOutcome.ADOPTED, List.of("forged-blocks.jsonl: ADOPTED")));
    w.tick();
    clock.set(START.plusSeconds(318));
    producer(HealthState.DOWN, false);
    w.tick();
    clock.set(START.plusSeconds(322));
    w.tick();
    producer(HealthState.STARTING, true);
    clock.set(START.plusSeconds(324));
    w.tick();
    clock.set(START.plusSeconds(326));
    producer(HealthState.SYNCED, true);
    w.tick();
    // The upgrade of the block producer: Palisade's own action, then the node is down across slot 340.
    clock.set(START.plusSeconds(335));
    w.onEvent(ControlEvent.of(clock.instant(), Reason.NODE_UPGRADING, BP, "to 10.6.0"));
    clock.set(START.plusSeconds(336));
    producer(HealthState.DOWN, false);
    w.tick();
    clock.set(START.plusSeconds(350));
    producer(HealthState.SYNCED, true);
    w.tick();

    EpochSlots e = ledger();
    assertThat(e.verdict(310).orElseThrow().verdict()).isEqualTo(SlotVerdict.ADOPTED);
    assertThat(e.verdict(310).orElseThrow().evidence().forgeSources()).containsExactly("forged-blocks.jsonl: ADOPTED");
    assertThat(e.verdict(320).orElseThrow().verdict()).isEqualTo(SlotVerdict.MISSED_NODE_DOWN);
    assertThat(e.verdict(320).orElseThrow().because()).contains("state: DOWN");
    assertThat(e.verdict(330).orElseThrow().verdict()).isEqualTo(SlotVerdict.UNKNOWN);
    assertThat(e.verdict(340).orElseThrow().verdict()).isEqualTo(SlotVerdict.MISSED_PALISADE_ACTION);
    assertThat(e.verdict(340).orElseThrow().because()).contains("NodeUpgrading block-producer");
    assertThat(e.running()).isEmpty();
  }

  @Test
  void aRelaysUpgradeIsNotBlamedForTheProducersCrash() throws IOException {
    SlotWatch w = watch();
    producer(HealthState.SYNCED, true);
    w.tick();
    clock.set(START.plusSeconds(315));
    w.onEvent(ControlEvent.of(clock.instant(), Reason.ROLLOUT_STARTED, null, "to 10.6.0"));
    w.onEvent(ControlEvent.of(clock.instant(), Reason.NODE_UPGRADING, "relay-a-0", "to 10.6.0"));
    producer(HealthState.DOWN, false);
    w.tick();
    clock.set(START.plusSeconds(330));
    w.tick();
    EpochSlots e = ledger();
    assertThat(e.verdict(320).orElseThrow().verdict()).isEqualTo(SlotVerdict.MISSED_NODE_DOWN);
    assertThat(e.verdict(320).orElseThrow().evidence().actions()).hasSize(1);
    assertThat(e.verdict(320).orElseThrow().evidence().actions().get(0).affectsForging()).isFalse();
  }

  @Test
  void withAStandby_theHoldersConditionIsTheEvidence_andASwitchoverIsPalisadesAction() throws IOException {
    String standby = "block-producer-standby";
    String[] holder = {BP};
    SlotWatch w = new SlotWatch(new SlotLedger(new DataDir(tmp)), new ChainClock(GENESIS, clock),
        () -> new ProducerLease(holder[0], 1, START), sources(), () -> Map.copyOf(observed), clock,
        Duration.ofSeconds(5), said::add);
    producer(HealthState.SYNCED, true);
    observed.put(standby, new NodeObservation(standby, clock.instant(), true, true, true, true, HealthState.SYNCED,
        null, null, null, List.of("state: SYNCED")));
    w.tick();
    // The standby holds the lease; the main producer, now without keys, is down: slot 320 is the standby's to make.
    holder[0] = standby;
    clock.set(START.plusSeconds(315));
    producer(HealthState.DOWN, false);
    w.tick();
    clock.set(START.plusSeconds(328));
    w.tick();
    // A switchover back names the producer forging is moved away from (the holder until it is done).
    w.onEvent(ControlEvent.of(clock.instant(), Reason.SWITCHOVER_STARTED, standby, "switchover to block-producer"));
    observed.put(standby, new NodeObservation(standby, clock.instant(), true, true, true, false, HealthState.SYNCED,
        null, null, null, List.of("readiness: not ready: forging is not enabled")));
    clock.set(START.plusSeconds(345));
    w.tick();
    EpochSlots e = ledger();
    assertThat(e.verdict(320).orElseThrow().verdict()).as("not blamed on the keyless main producer")
        .isEqualTo(SlotVerdict.UNKNOWN);
    assertThat(e.verdict(330).orElseThrow().verdict()).isEqualTo(SlotVerdict.MISSED_PALISADE_ACTION);
    assertThat(e.verdict(330).orElseThrow().because()).contains("SwitchoverStarted " + standby);
  }

  @Test
  void aRestartedWatchKeepsTheVerdictsAndDecidesTheRest() throws IOException {
    SlotWatch w = watch();
    producer(HealthState.SYNCED, true);
    w.tick();
    clock.set(START.plusSeconds(316));
    forged.add(new ForgedSlot(310, ForgeOutcome.NOT_ADOPTED, List.of("Forge.didnt-adopt")));
    w.tick();
    assertThat(ledger().verdict(310).orElseThrow().verdict()).isEqualTo(SlotVerdict.LOST_SLOT_BATTLE);
    // kill -9: a new watch on the same directory; nothing observed since.
    observed.clear();
    clock.set(START.plusSeconds(399));
    SlotWatch again = watch();
    again.tick();
    EpochSlots e = ledger();
    assertThat(e.verdict(310).orElseThrow().verdict()).isEqualTo(SlotVerdict.LOST_SLOT_BATTLE);
    assertThat(e.verdicts()).hasSize(4);
  }

  @Test
  void aNewEpochStartsWithTheLastConditionAndRunningActions() throws IOException {
    SlotWatch w = watch();
    producer(HealthState.SYNCED, true);
    w.tick();
    clock.set(START.plusSeconds(395));
    w.onEvent(ControlEvent.of(clock.instant(), Reason.KEYS_REVOKED, BP, "KES revoked"));
    producer(HealthState.SYNCED, true);
    observed.put(BP, new NodeObservation(BP, clock.instant(), true, true, true, false, HealthState.SYNCED, null,
        null, null, List.of("readiness: not ready: the KES key has expired")));
    w.tick();
    clock.set(START.plusSeconds(420));
    schedule = List.of();
    w.tick();
    EpochSlots four = new SlotLedger(new DataDir(tmp)).epoch(4).orElseThrow();
    assertThat(four.conditionAt(START.plusSeconds(401)).condition().name()).isEqualTo("KES_INVALID");
    assertThat(four.running()).hasSize(1);
    assertThat(ledger().verdicts()).hasSize(4);
  }

  @Test
  void aRecordedMiss_givesItsVerdict_withTheTraceInTheEvidence() throws IOException {
    SlotWatch w = watch();
    producer(HealthState.SYNCED, true);
    w.tick();
    forged.add(new ForgedSlot(310, ForgeOutcome.CANNOT_FORGE, List.of("Forge.Loop.ForgeStateUpdateError",
        "block-producer/db/missed-leader-slots.jsonl: reason KES_INVALID, KES period 9"),
        "Forge.Loop.ForgeStateUpdateError", BP));
    forged.add(new ForgedSlot(320, ForgeOutcome.FROM_FUTURE, List.of("Forge.Loop.BlockFromFuture"),
        "Forge.Loop.BlockFromFuture", BP));
    forged.add(new ForgedSlot(330, ForgeOutcome.NO_LEDGER_VIEW, List.of("Forge.Loop.NoLedgerView"),
        "Forge.Loop.NoLedgerView", BP));
    clock.set(START.plusSeconds(336));
    w.tick();
    EpochSlots e = ledger();
    assertThat(e.verdict(310).orElseThrow().verdict()).isEqualTo(SlotVerdict.MISSED_KES_INVALID);
    assertThat(e.verdict(310).orElseThrow().evidence().trace()).isEqualTo("Forge.Loop.ForgeStateUpdateError");
    assertThat(e.verdict(310).orElseThrow().because()).contains("KES period 9");
    assertThat(e.verdict(320).orElseThrow().verdict()).isEqualTo(SlotVerdict.MISSED_FUTURE_BLOCK);
    assertThat(e.verdict(330).orElseThrow().verdict()).isEqualTo(SlotVerdict.MISSED_NOT_SYNCED);
  }

  @Test
  void aRecordThatComesAfterTheSlotWasJudgedUnknown_explainsIt_otherVerdictsStay() throws IOException {
    SlotWatch w = watch();
    producer(HealthState.SYNCED, true);
    w.tick();
    clock.set(START.plusSeconds(316));
    w.tick();
    assertThat(ledger().verdict(310).orElseThrow().verdict()).isEqualTo(SlotVerdict.UNKNOWN);
    // A node whose clock is 10 s behind checks slot 310 at 320: its record comes after the settle time.
    forged.add(new ForgedSlot(310, ForgeOutcome.FROM_FUTURE, List.of("Forge.Loop.BlockFromFuture"),
        "Forge.Loop.BlockFromFuture", BP));
    clock.set(START.plusSeconds(321));
    w.tick();
    assertThat(ledger().verdict(310).orElseThrow().verdict()).isEqualTo(SlotVerdict.MISSED_FUTURE_BLOCK);
    assertThat(ledger().verdict(310).orElseThrow().evidence().trace()).isEqualTo("Forge.Loop.BlockFromFuture");
    // A verdict that something explained is final.
    forged.add(new ForgedSlot(310, ForgeOutcome.ADOPTED, List.of("Forge.adopted"), "", BP));
    forged.remove(0);
    clock.set(START.plusSeconds(322));
    w.tick();
    assertThat(ledger().verdict(310).orElseThrow().verdict()).isEqualTo(SlotVerdict.MISSED_FUTURE_BLOCK);
  }

  @Test
  void withAStandby_theRecordsOfTheHolderAtTheSlotCount_aFormerHoldersStaleLineAfterTheMoveDoesNot()
      throws IOException {
    String standby = "block-producer-standby";
    ProducerLease[] lease = {new ProducerLease(BP, 1, START)};
    SlotWatch w = new SlotWatch(new SlotLedger(new DataDir(tmp)), new ChainClock(GENESIS, clock), () -> lease[0],
        sources(), () -> Map.copyOf(observed), clock, Duration.ofSeconds(5), said::add);
    producer(HealthState.SYNCED, true);
    observed.put(standby, new NodeObservation(standby, clock.instant(), true, true, true, true, HealthState.SYNCED,
        null, null, null, List.of("state: SYNCED")));
    w.tick();
    // Slot 310: the main producer holds the lease and forges. At 315 the lease moves to the standby.
    forged.add(new ForgedSlot(310, ForgeOutcome.ADOPTED, List.of("Forge.adopted", "block-producer/db/..."), "", BP));
    // Both have a line for 320 and 330: the standby's counts; the former holder's is stale (a fence that failed).
    forged.add(new ForgedSlot(320, ForgeOutcome.ADOPTED, List.of("Forge.adopted", BP), "", BP));
    forged.add(new ForgedSlot(320, ForgeOutcome.FROM_FUTURE, List.of("Forge.Loop.BlockFromFuture", standby),
        "Forge.Loop.BlockFromFuture", standby));
    // 330: only the former holder recorded a block after the move: not the pool's evidence for the slot.
    forged.add(new ForgedSlot(330, ForgeOutcome.ADOPTED, List.of("Forge.adopted", BP), "", BP));
    // 335: a slot of the former holder's alone, after the move: not added to the pool's slots.
    forged.add(new ForgedSlot(335, ForgeOutcome.ADOPTED, List.of("Forge.adopted", BP), "", BP));
    clock.set(START.plusSeconds(315));
    lease[0] = lease[0].passTo(standby, clock.instant());
    w.tick();
    clock.set(START.plusSeconds(345));
    w.tick();
    EpochSlots e = ledger();
    assertThat(e.verdict(310).orElseThrow().verdict()).as("before the move: the former holder's record")
        .isEqualTo(SlotVerdict.ADOPTED);
    assertThat(e.verdict(320).orElseThrow().verdict()).isEqualTo(SlotVerdict.MISSED_FUTURE_BLOCK);
    assertThat(e.verdict(320).orElseThrow().evidence().forgeSources()).contains(standby);
    assertThat(e.verdict(330).orElseThrow().verdict()).isEqualTo(SlotVerdict.UNKNOWN);
    assertThat(e.verdict(330).orElseThrow().evidence().forgeSources()).doesNotContain(BP);
    assertThat(e.scheduled()).doesNotContain(335L);
  }

  @Test
  void anEventAfterTheWatchClosedIsDroppedQuietly() throws IOException {
    SlotWatch w = watch();
    w.close();
    w.event(ControlEvent.of(clock.instant(), Reason.NODE_UPGRADING, BP, "to 10.6.0"));
    assertThat(said).isEmpty();
  }
}
