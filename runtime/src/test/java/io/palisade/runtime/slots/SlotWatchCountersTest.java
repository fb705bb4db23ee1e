package io.palisade.runtime.slots;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.chain.ChainClock;
import io.palisade.control.HealthState;
import io.palisade.control.NodeObservation;
import io.palisade.control.slots.EpochSlots;
import io.palisade.control.slots.ForgeCounters;
import io.palisade.control.slots.ForgeOutcome;
import io.palisade.control.slots.SlotClassification;
import io.palisade.control.slots.SlotVerdict;
import io.palisade.runtime.local.DataDir;
import io.palisade.runtime.local.NodeHealth.ForgeSample;
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

/**
 * A producer that keeps no forge record (a real cardano-node): the watch decides its leader slots on its forge
 * counters as the runtime reads them beside the observations. Each tick is driven by hand on a model of time.
 */
class SlotWatchCountersTest {
  static final Instant START = SlotWatchTest.START;
  static final String BP = SlotWatchTest.BP;

  @TempDir
  Path tmp;

  final MutableClock clock = MutableClock.stoppedAt(START.plusSeconds(300));
  final Map<String, NodeObservation> observed = new HashMap<>();
  final Map<String, ForgeSample> counters = new HashMap<>();
  /** What the forge records say: nothing, unless a test adds a simulated node's line. */
  final List<ForgedSlot> forged = new ArrayList<>();

  SlotWatch watch() throws IOException {
    SlotSources sources = new SlotSources() {
      @Override
      public Optional<List<Long>> leaderSlots(long epoch) {
        return epoch == 3 ? Optional.of(List.of(310L, 320L)) : Optional.of(List.of());
      }

      @Override
      public List<ForgedSlot> forged(long epoch) {
        return List.copyOf(forged);
      }
    };
    return new SlotWatch(new SlotLedger(new DataDir(tmp)), new ChainClock(SlotWatchTest.GENESIS, clock), BP,
        sources, () -> Map.copyOf(observed), clock, Duration.ofSeconds(5), s -> { })
        .readingCounters(() -> Map.copyOf(counters));
  }

  /** Moves to {@code second}, the producer seen synced and forging with these counters, and ticks. */
  void at(SlotWatch w, long second, long adopted, long didntAdopt) throws IOException {
    clock.set(START.plusSeconds(second));
    observed.put(BP, new NodeObservation(BP, clock.instant(), true, true, true, true, HealthState.SYNCED, null, null,
        null, List.of("state: SYNCED")));
    counters.put(BP, new ForgeSample(new ForgeCounters(adopted, didntAdopt, 0L, 0L, 0L, adopted + didntAdopt),
        clock.instant()));
    w.tick();
  }

  SlotClassification verdict(long slot) throws IOException {
    EpochSlots e = new SlotLedger(new DataDir(tmp)).epoch(3).orElseThrow();
    return e.verdict(slot).orElseThrow();
  }

  @Test
  void noForgeRecord_butTheAdoptedCounterMovedAcrossTheSlot_isAnAdoptedBlockWithTheCounterAsEvidence()
      throws IOException {
    SlotWatch w = watch();
    at(w, 300, 7, 0);
    at(w, 308, 7, 0);
    at(w, 312, 8, 0);
    at(w, 316, 8, 0);
    assertThat(verdict(310).verdict()).isEqualTo(SlotVerdict.ADOPTED);
    assertThat(verdict(310).evidence().forge()).isEqualTo(ForgeOutcome.ADOPTED);
    assertThat(verdict(310).evidence().forgeSources()).contains("Forge_adopted +1");
    assertThat(verdict(310).because()).contains("Forge_adopted +1");

    at(w, 318, 8, 0);
    at(w, 322, 8, 1);
    at(w, 326, 8, 1);
    assertThat(verdict(320).verdict()).isEqualTo(SlotVerdict.LOST_SLOT_BATTLE);
    assertThat(verdict(320).evidence().forgeSources()).contains("Forge_didnt_adopt +1");
  }

  @Test
  void countersThatDidNotMove_leaveTheSlotToTheCondition_namingTheCounters() throws IOException {
    SlotWatch w = watch();
    at(w, 308, 7, 0);
    at(w, 312, 7, 0);
    at(w, 316, 7, 0);
    assertThat(verdict(310).verdict()).isEqualTo(SlotVerdict.UNKNOWN);
    assertThat(verdict(310).evidence().forgeSources().get(0)).startsWith("no forge counter moved");
  }

  @Test
  void aSimulatedNodesRecordWinsOverTheCounters() throws IOException {
    SlotWatch w = watch();
    at(w, 308, 7, 0);
    at(w, 312, 8, 0);
    forged.add(new ForgedSlot(310, ForgeOutcome.NOT_ADOPTED, List.of("forged-blocks.jsonl: NOT_ADOPTED")));
    at(w, 316, 8, 0);
    assertThat(verdict(310).verdict()).isEqualTo(SlotVerdict.LOST_SLOT_BATTLE);
    assertThat(verdict(310).evidence().forgeSources()).containsExactly("forged-blocks.jsonl: NOT_ADOPTED");
  }

  @Test
  void aReadingLostWithARestartOfTheControlPlane_leavesTheSlotToTheCondition_neverAGuess() throws IOException {
    SlotWatch w = watch();
    at(w, 308, 7, 0);
    w.close();
    // kill -9 of the control plane across slot 310: the new watch's first reading is after the slot.
    SlotWatch again = watch();
    at(again, 312, 8, 0);
    at(again, 316, 8, 0);
    assertThat(verdict(310).verdict()).isEqualTo(SlotVerdict.UNKNOWN);
    assertThat(verdict(310).evidence().forgeSources()).containsExactly("nothing recorded for the slot");
  }

  @Test
  void withoutCounterReadings_theVerdictIsTodays() throws IOException {
    SlotWatch w = watch();
    at(w, 308, 7, 0);
    counters.clear();
    clock.set(START.plusSeconds(316));
    w.tick();
    assertThat(verdict(310).verdict()).isEqualTo(SlotVerdict.UNKNOWN);
    assertThat(verdict(310).evidence().forgeSources()).containsExactly("nothing recorded for the slot");
  }
}
