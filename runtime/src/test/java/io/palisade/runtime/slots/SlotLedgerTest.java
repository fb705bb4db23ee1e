package io.palisade.runtime.slots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.control.slots.ChainCheck;
import io.palisade.control.slots.EpochSlots;
import io.palisade.control.slots.ForgeOutcome;
import io.palisade.control.slots.ProducerCondition;
import io.palisade.control.slots.SlotClassifier;
import io.palisade.control.slots.SlotVerdict;
import io.palisade.runtime.local.DataDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger's files: round trip, kill -9 leftovers, damage, compaction. */
class SlotLedgerTest {
  static final Instant T = Instant.parse("2026-12-03T14:00:00Z");

  @TempDir
  Path tmp;

  static EpochSlots epochWith(long epoch, SlotVerdict... verdicts) {
    EpochSlots e = EpochSlots.empty(epoch).withCondition(T, ProducerCondition.FORGING, "ready");
    SlotClassifier c = new SlotClassifier(Clock.fixed(T.plusSeconds(600), ZoneOffset.UTC));
    long slot = epoch * 100;
    List<Long> schedule = new java.util.ArrayList<>();
    for (SlotVerdict v : verdicts) {
      schedule.add(++slot);
      ForgeOutcome forge = v == SlotVerdict.ADOPTED ? ForgeOutcome.ADOPTED : ForgeOutcome.NOT_ADOPTED;
      e = e.withVerdict(c.classify(e.evidence(slot, T, forge, List.of("test"), ChainCheck.UNCHECKED)));
    }
    return e.withSchedule(schedule);
  }

  @Test
  void anEpochRoundTrips() throws IOException {
    SlotLedger ledger = new SlotLedger(new DataDir(tmp));
    EpochSlots e = epochWith(7, SlotVerdict.ADOPTED, SlotVerdict.LOST_SLOT_BATTLE);
    ledger.save(e);
    assertThat(ledger.epoch(7)).contains(e);
    assertThat(ledger.epochs()).containsExactly(7L);
    assertThat(ledger.newestEpoch()).contains(7L);
  }

  @Test
  void aTornTemporaryFileIsIgnoredAndThePreviousStateKept() throws IOException {
    DataDir dir = new DataDir(tmp);
    SlotLedger ledger = new SlotLedger(dir);
    EpochSlots e = epochWith(7, SlotVerdict.ADOPTED);
    ledger.save(e);
    // What a kill -9 in the middle of AtomicFile.write leaves: a half-written temporary file beside the old one.
    Files.writeString(dir.slotsDir().resolve(".epoch-7.json1234567.tmp"), "{\"epoch\": 7, \"schedu",
        StandardCharsets.UTF_8);
    SlotLedger reopened = new SlotLedger(new DataDir(tmp));
    assertThat(reopened.epochs()).containsExactly(7L);
    assertThat(reopened.epoch(7)).contains(e);
  }

  @Test
  void aDamagedEpochFileIsReportedByNameAndNotOverwritten() throws IOException {
    DataDir dir = new DataDir(tmp);
    SlotLedger ledger = new SlotLedger(dir);
    Path f = ledger.fileOf(9);
    Files.createDirectories(f.getParent());
    Files.writeString(f, "{\"epoch\": 9, \"verdicts\": [", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ledger.epoch(9)).isInstanceOf(IOException.class).hasMessageContaining("epoch-9.json");
    assertThat(Files.readString(f)).isEqualTo("{\"epoch\": 9, \"verdicts\": [");
  }

  @Test
  void oldEpochsAreCompactedIntoCounts() throws IOException {
    SlotLedger ledger = new SlotLedger(new DataDir(tmp));
    for (long epoch = 1; epoch <= SlotLedger.KEEP_EPOCHS + 2; epoch++) {
      ledger.save(epochWith(epoch, SlotVerdict.ADOPTED, SlotVerdict.ADOPTED, SlotVerdict.LOST_SLOT_BATTLE));
    }
    assertThat(ledger.epochs()).hasSize(SlotLedger.KEEP_EPOCHS).first().isEqualTo(3L);
    assertThat(ledger.compacted()).extracting(c -> c.epoch()).containsExactly(1L, 2L);
    assertThat(ledger.compacted().get(0).scheduled()).isEqualTo(3);
    assertThat(ledger.compacted().get(0).count(SlotVerdict.ADOPTED)).isEqualTo(2);
    assertThat(ledger.compacted().get(0).count(SlotVerdict.LOST_SLOT_BATTLE)).isEqualTo(1);
    assertThat(ledger.newestEpoch()).contains(12L);
  }

  @Test
  void aCrashBetweenCompactingAndDeletingKeepsTheWholeEpoch() throws IOException {
    SlotLedger ledger = new SlotLedger(new DataDir(tmp));
    for (long epoch = 1; epoch <= SlotLedger.KEEP_EPOCHS + 1; epoch++) {
      ledger.save(epochWith(epoch, SlotVerdict.ADOPTED));
    }
    // Epoch 1 is compacted; put its whole file back, as if the crash came before its deletion.
    EpochSlots one = epochWith(1, SlotVerdict.ADOPTED);
    new DataDir(tmp).write(ledger.fileOf(1), one);
    assertThat(ledger.epoch(1)).contains(one);
    assertThat(ledger.compacted()).isEmpty();
  }
}
