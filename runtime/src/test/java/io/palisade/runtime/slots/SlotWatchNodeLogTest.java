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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real cardano-node's forge loop lines in its log give each leader slot its own evidence, where its counters alone
 * (which did not move here) would leave the slot to the producer's condition. Each tick is driven by hand.
 */
class SlotWatchNodeLogTest {
  static final String BP = SlotWatchTest.BP;
  static final String PREFIX = "[bp:cardano.node.Forge:Error:38] [2026-01-01 00:05:10.02 UTC] ";

  @TempDir Path tmp;

  final MutableClock clock = MutableClock.stoppedAt(SlotWatchTest.START.plusSeconds(300));
  final Map<String, NodeObservation> observed = new HashMap<>();
  final Map<String, ForgeSample> counters = new HashMap<>();

  SlotWatch watch(Path nodeDir) throws IOException {
    NodeLogForgeTraces traces = new NodeLogForgeTraces();
    SlotSources sources = new SlotSources() {
      @Override
      public Optional<List<Long>> leaderSlots(long epoch) {
        return epoch == 3 ? Optional.of(List.of(310L, 320L)) : Optional.of(List.of());
      }

      @Override
      public List<ForgedSlot> forged(long epoch) throws IOException {
        return traces.forged(nodeDir, BP, new HashSet<>(leaderSlots(epoch).orElseThrow()));
      }
    };
    return new SlotWatch(new SlotLedger(new DataDir(tmp.resolve("data"))), new ChainClock(SlotWatchTest.GENESIS,
        clock), BP, sources, () -> Map.copyOf(observed), clock, Duration.ofSeconds(5), s -> { })
        .readingCounters(() -> Map.copyOf(counters));
  }

  /** Moves to {@code second}, the producer synced and forging, its counters unmoved, and ticks. */
  void at(SlotWatch w, long second) throws IOException {
    clock.set(SlotWatchTest.START.plusSeconds(second));
    observed.put(BP, new NodeObservation(BP, clock.instant(), true, true, true, true, HealthState.SYNCED, null, null,
        null, List.of("state: SYNCED")));
    counters.put(BP, new ForgeSample(new ForgeCounters(7L, 0L, 0L, 0L, 0L, 7L), clock.instant()));
    w.tick();
  }

  SlotClassification verdict(long slot) throws IOException {
    EpochSlots e = new SlotLedger(new DataDir(tmp.resolve("data"))).epoch(3).orElseThrow();
    return e.verdict(slot).orElseThrow();
  }

  @Test
  void didntAdopt_isALostSlotBattle_andABlockFromTheFuture_isItsVerdict_withTheTraceAsEvidence() throws IOException {
    Path node = Files.createDirectories(tmp.resolve("nodes").resolve(BP));
    Path log = node.resolve("node.log");
    Files.writeString(log, PREFIX + "Chain extended, new tip: " + "01".repeat(32) + " at slot 300\n");
    SlotWatch w = watch(node);
    at(w, 308);
    Files.writeString(log, PREFIX + "Didn't adopt forged block in slot 310\n", StandardOpenOption.APPEND);
    at(w, 312);
    at(w, 316);
    assertThat(verdict(310).verdict()).isEqualTo(SlotVerdict.LOST_SLOT_BATTLE);
    assertThat(verdict(310).evidence().forge()).isEqualTo(ForgeOutcome.NOT_ADOPTED);
    assertThat(verdict(310).evidence().trace()).isEqualTo("Forge.Loop.DidntAdoptBlock");
    assertThat(verdict(310).evidence().forgeSources()).containsExactly("Forge.Loop.DidntAdoptBlock",
        BP + "/node.log: Didn't adopt forged block in slot 310");

    Files.writeString(log, PREFIX + "Couldn't forge block because current tip is in the future: current tip slot:"
        + " 321, current slot: 320\n", StandardOpenOption.APPEND);
    at(w, 322);
    at(w, 326);
    assertThat(verdict(320).verdict()).isEqualTo(SlotVerdict.MISSED_FUTURE_BLOCK);
    assertThat(verdict(320).evidence().forgeSources()).contains(
        BP + "/node.log: Couldn't forge block because current tip is in the future, current slot: 320");
  }

  @Test
  void withoutTheForgeLoopsLines_theUnmovedCountersLeaveTheSlotToTheCondition() throws IOException {
    Path node = Files.createDirectories(tmp.resolve("nodes").resolve(BP));
    Files.writeString(node.resolve("node.log"), PREFIX + "Chain extended, new tip: " + "01".repeat(32)
        + " at slot 300\n");
    SlotWatch w = watch(node);
    at(w, 308);
    at(w, 312);
    at(w, 316);
    assertThat(verdict(310).verdict()).isEqualTo(SlotVerdict.UNKNOWN);
  }
}
