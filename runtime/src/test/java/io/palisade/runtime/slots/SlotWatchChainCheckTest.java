package io.palisade.runtime.slots;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.chain.ChainClock;
import io.palisade.control.HealthState;
import io.palisade.control.NodeObservation;
import io.palisade.control.lease.ProducerLease;
import io.palisade.control.slots.ChainCheck;
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
 * The chain check: an adopted block the forge record names is looked for on the relays' chain a while after its
 * slot; found, the slot stays adopted with {@code ON_CHAIN}; not found, it is a lost height battle (propagation);
 * while the relays cannot tell it stays {@code UNCHECKED} and is asked again, not at every tick. Ticks by hand on a
 * model of time.
 */
class SlotWatchChainCheckTest {
  static final Instant START = SlotWatchTest.START;
  static final String BP = SlotWatchTest.BP;
  static final Duration AFTER = Duration.ofSeconds(60);
  static final String HASH_310 = "31".repeat(32);
  static final String HASH_320 = "32".repeat(32);

  @TempDir
  Path tmp;

  final MutableClock clock = MutableClock.stoppedAt(START.plusSeconds(300));
  final List<ForgedSlot> forged = new ArrayList<>(List.of(
      new ForgedSlot(310, ForgeOutcome.ADOPTED, List.of("forged-blocks.jsonl: ADOPTED"), "", "", HASH_310),
      new ForgedSlot(320, ForgeOutcome.ADOPTED, List.of("forged-blocks.jsonl: ADOPTED"), "", "", HASH_320)));
  /** What the relays say of each hash; absent: they cannot tell. */
  final Map<String, ChainCheck> relays = new HashMap<>();
  final List<String> asked = new ArrayList<>();
  final Map<String, NodeObservation> observed = new HashMap<>();
  final Map<String, ForgeSample> counters = new HashMap<>();

  SlotWatch watch() throws IOException {
    return new SlotWatch(new SlotLedger(new DataDir(tmp)), new ChainClock(SlotWatchTest.GENESIS, clock), BP,
        sources(), () -> Map.copyOf(observed), clock, Duration.ofSeconds(5), s -> { })
        .readingCounters(() -> Map.copyOf(counters)).checkingChainAfter(AFTER);
  }

  /** The schedule (310 and 320 in epoch 3), the records in {@link #forged}, and relays that answer from {@link #relays}. */
  SlotSources sources() {
    return new SlotSources() {
      @Override
      public Optional<List<Long>> leaderSlots(long epoch) {
        return epoch == 3 ? Optional.of(List.of(310L, 320L)) : Optional.of(List.of());
      }

      @Override
      public List<ForgedSlot> forged(long epoch) {
        return List.copyOf(forged);
      }

      @Override
      public Optional<ChainCheck> chainCheck(long slot, String blockHash) {
        asked.add(slot + ":" + blockHash);
        return Optional.ofNullable(relays.get(blockHash));
      }
    };
  }

  void at(SlotWatch w, long second) throws IOException {
    clock.set(START.plusSeconds(second));
    observed.put(BP, new NodeObservation(BP, clock.instant(), true, true, true, true, HealthState.SYNCED, null, null,
        null, List.of("state: SYNCED")));
    w.tick();
  }

  SlotClassification verdict(long slot) throws IOException {
    EpochSlots e = new SlotLedger(new DataDir(tmp)).epoch(3).orElseThrow();
    return e.verdict(slot).orElseThrow();
  }

  @Test
  void onTheRelaysChain_staysAdopted_andSaysSo_notOnIt_isALostHeightBattle() throws IOException {
    SlotWatch w = watch();
    at(w, 300);
    at(w, 330);
    assertThat(verdict(310).verdict()).isEqualTo(SlotVerdict.ADOPTED);
    assertThat(verdict(310).evidence().chain()).isEqualTo(ChainCheck.UNCHECKED);
    assertThat(asked).as("not before the check is due").isEmpty();

    relays.put(HASH_310, ChainCheck.ON_CHAIN);
    relays.put(HASH_320, ChainCheck.NOT_ON_CHAIN);
    at(w, 370);
    assertThat(asked).containsExactly("310:" + HASH_310);
    assertThat(verdict(310).verdict()).isEqualTo(SlotVerdict.ADOPTED);
    assertThat(verdict(310).evidence().chain()).isEqualTo(ChainCheck.ON_CHAIN);
    assertThat(verdict(310).because()).contains("on the chain the relays saw");

    at(w, 380);
    assertThat(verdict(320).verdict()).isEqualTo(SlotVerdict.LOST_HEIGHT_BATTLE);
    assertThat(verdict(320).evidence().chain()).isEqualTo(ChainCheck.NOT_ON_CHAIN);
    assertThat(verdict(320).evidence().forge()).as("the node's own view stays the evidence")
        .isEqualTo(ForgeOutcome.ADOPTED);
    assertThat(verdict(320).because()).contains("the pool's relays do not have it");

    // Settled verdicts are not asked again.
    at(w, 500);
    assertThat(asked).containsExactly("310:" + HASH_310, "320:" + HASH_320);
  }

  @Test
  void whileTheRelaysCannotTell_theSlotStaysUnchecked_andIsAskedAgainAfterAPause() throws IOException {
    SlotWatch w = watch();
    at(w, 300);
    at(w, 330);
    at(w, 371);
    at(w, 373);
    at(w, 375);
    assertThat(asked).as("once, not at every tick").containsExactly("310:" + HASH_310);
    assertThat(verdict(310).evidence().chain()).isEqualTo(ChainCheck.UNCHECKED);

    relays.put(HASH_310, ChainCheck.ON_CHAIN);
    at(w, 371 + ChainRechecks.RETRY.toSeconds());
    assertThat(asked).filteredOn(a -> a.startsWith("310:")).hasSize(2);
    assertThat(verdict(310).evidence().chain()).isEqualTo(ChainCheck.ON_CHAIN);
  }

  @Test
  void aRealNodesBlock_isFoundInItsLog_andLookedFor() throws IOException {
    // A real node keeps no record: the counters say it adopted a block in 310, its log says which one.
    forged.clear();
    java.nio.file.Files.createDirectories(new DataDir(tmp).nodeDir(BP));
    java.nio.file.Files.writeString(new DataDir(tmp).nodeDir(BP).resolve("node.log"),
        "[bp:cardano.node.ChainDB:Notice:90] [2026-01-01 00:05:10.02 UTC] Chain extended, new tip: " + HASH_310
            + " at slot 310\n");
    relays.put(HASH_310, ChainCheck.NOT_ON_CHAIN);
    SlotWatch w = watch().readingNodeLogs(new NodeLogBlocks(new DataDir(tmp)));
    for (long[] r : new long[][] {{308, 7}, {312, 8}, {316, 8}, {400, 8}}) {
      clock.set(START.plusSeconds(r[0]));
      counters.put(BP, new ForgeSample(new ForgeCounters(r[1], 0L, 0L, 0L, 0L, r[1]), clock.instant()));
      at(w, r[0]);
    }
    assertThat(asked).containsExactly("310:" + HASH_310);
    assertThat(verdict(310).verdict()).isEqualTo(SlotVerdict.LOST_HEIGHT_BATTLE);
    assertThat(verdict(310).evidence().forgeSources()).contains("Forge_adopted +1");
  }

  @Test
  void aSlotForgedBeforeTheStandbyTookTheLease_isNotLookedUpInTheStandbysLog() throws IOException {
    // The block producer adopted a block in 310 (its counters), then the standby took the forging lease. The standby
    // followed the chain too, and its log names whichever block won slot 310: not evidence of ours.
    forged.clear();
    String standby = "standby-producer";
    String theirs = "99".repeat(32);
    java.nio.file.Files.createDirectories(new DataDir(tmp).nodeDir(standby));
    java.nio.file.Files.writeString(new DataDir(tmp).nodeDir(standby).resolve("node.log"),
        "[sb:cardano.node.ChainDB:Notice:90] [2026-01-01 00:05:10.50 UTC] Chain extended, new tip: " + theirs
            + " at slot 310\n");
    relays.put(theirs, ChainCheck.ON_CHAIN);
    ProducerLease[] held = {new ProducerLease(BP, 1, Instant.EPOCH)};
    SlotWatch w = new SlotWatch(new SlotLedger(new DataDir(tmp)), new ChainClock(SlotWatchTest.GENESIS, clock),
        () -> held[0], sources(), () -> Map.copyOf(observed), clock, Duration.ofSeconds(5), s -> { })
        .readingCounters(() -> Map.copyOf(counters)).checkingChainAfter(AFTER)
        .readingNodeLogs(new NodeLogBlocks(new DataDir(tmp)));
    for (long[] r : new long[][] {{308, 7}, {312, 8}, {316, 8}}) {
      clock.set(START.plusSeconds(r[0]));
      counters.put(BP, new ForgeSample(new ForgeCounters(r[1], 0L, 0L, 0L, 0L, r[1]), clock.instant()));
      at(w, r[0]);
    }
    assertThat(verdict(310).verdict()).isEqualTo(SlotVerdict.ADOPTED);
    held[0] = new ProducerLease(standby, 2, START.plusSeconds(330));
    at(w, 400);
    at(w, 500);
    assertThat(asked).as("the standby's log is not the forger's").isEmpty();
    assertThat(verdict(310).evidence().chain()).isEqualTo(ChainCheck.UNCHECKED);
  }

  @Test
  void aBlockNoRecordNames_isNeverLookedFor() throws IOException {
    // A real node whose log is not read: the slot is adopted on its counters, no hash to ask the relays for.
    forged.clear();
    SlotWatch w = watch();
    clock.set(START.plusSeconds(308));
    for (long[] r : new long[][] {{308, 7}, {312, 8}, {316, 8}, {400, 8}, {500, 8}}) {
      clock.set(START.plusSeconds(r[0]));
      counters.put(BP, new ForgeSample(new ForgeCounters(r[1], 0L, 0L, 0L, 0L, r[1]), clock.instant()));
      at(w, r[0]);
    }
    assertThat(verdict(310).verdict()).isEqualTo(SlotVerdict.ADOPTED);
    assertThat(verdict(310).evidence().chain()).isEqualTo(ChainCheck.UNCHECKED);
    assertThat(asked).isEmpty();
  }
}
