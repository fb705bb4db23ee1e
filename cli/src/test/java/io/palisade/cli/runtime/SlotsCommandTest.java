package io.palisade.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.palisade.cli.CliRun;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.JsonOption;
import io.palisade.control.slots.ChainCheck;
import io.palisade.control.slots.EpochSlots;
import io.palisade.control.slots.ForgeOutcome;
import io.palisade.control.slots.PalisadeAction;
import io.palisade.control.slots.ProducerCondition;
import io.palisade.control.slots.SlotClassifier;
import io.palisade.runtime.local.DataDir;
import io.palisade.runtime.slots.SlotLedger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code palisade slots} on a ledger written here: text, JSON, the exit codes. */
class SlotsCommandTest {
  static final Instant T = Instant.parse("2026-12-03T14:00:00Z");

  @TempDir Path dir;

  /** Epoch 7: slot 701 adopted, 702 missed with the producer down; 703 to come. */
  EpochSlots epoch(boolean duringAnUpgrade) {
    EpochSlots e = EpochSlots.empty(7).withSchedule(List.of(701L, 702L, 703L))
        .withCondition(T, ProducerCondition.FORGING, "")
        .withCondition(T.plusSeconds(60), ProducerCondition.DOWN, "the process exited");
    if (duringAnUpgrade) {
      e = e.withAction(new io.palisade.control.slots.ActionSpan("NodeUpgrading block-producer: to 10.6.0",
          T.plusSeconds(55), null, true));
    }
    SlotClassifier c = new SlotClassifier(Clock.fixed(T.plusSeconds(600), ZoneOffset.UTC));
    e = e.withVerdict(c.classify(e.evidence(701, T.plusSeconds(10), ForgeOutcome.ADOPTED, List.of("Forge.adopted"),
        ChainCheck.UNCHECKED)));
    return e.withVerdict(c.classify(e.evidence(702, T.plusSeconds(90), ForgeOutcome.NONE, List.of(),
        ChainCheck.UNCHECKED)));
  }

  @Test
  void anEpochsSlotsWithTheirVerdictsAndTheSummary() throws Exception {
    new SlotLedger(new DataDir(dir)).save(epoch(false));
    CliRun r = CliRun.run("slots", "--data-dir", dir.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("701").contains("adopted").contains("702").contains("missed: node down")
        .contains("the process exited").contains("703").contains("to come")
        .contains("epoch 7: 3 scheduled, 1 adopted, 1 missed (node down ").contains(", 1 to come");

    CliRun json = CliRun.run("slots", "--data-dir", dir.toString(), "--epoch", "7", "--json");
    assertThat(json.code()).isEqualTo(ExitCodes.OK);
    JsonNode j = JsonOption.mapper().readTree(json.out());
    assertThat(j.get("epoch").asLong()).isEqualTo(7);
    assertThat(j.get("slots")).hasSize(3);
    assertThat(j.get("slots").get(0).get("verdict").asText()).isEqualTo("ADOPTED");
    assertThat(j.get("slots").get(0).get("decision").get("evidence").get("forgeSources").get(0).asText())
        .isEqualTo("Forge.adopted");
    assertThat(j.get("slots").get(1).get("verdict").asText()).isEqualTo("MISSED_NODE_DOWN");
    assertThat(j.get("slots").get(2).has("verdict")).isFalse();
    assertThat(j.get("counts").get("ADOPTED").asInt()).isEqualTo(1);
  }

  @Test
  void aSlotMissedDuringAPalisadeActionFailsTheCheck() throws Exception {
    new SlotLedger(new DataDir(dir)).save(epoch(true));
    CliRun r = CliRun.run("slots", "--data-dir", dir.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(r.out()).contains("missed: during a Palisade action").contains("NodeUpgrading block-producer");
  }

  @Test
  void noLedgerAndAnEpochItDoesNotHoldAreToldApart() throws Exception {
    assertThat(CliRun.run("slots", "--data-dir", dir.toString()).code()).isEqualTo(ExitCodes.UNAVAILABLE);
    new SlotLedger(new DataDir(dir)).save(epoch(false));
    CliRun r = CliRun.run("slots", "--data-dir", dir.toString(), "--epoch", "3");
    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains("no epoch 3").contains("epochs 7..7");
    assertThat(CliRun.run("slots", "--data-dir", dir.toString(), "--epoch", "x").code())
        .isEqualTo(ExitCodes.INVALID_INPUT);
  }

  @Test
  void aCompactedEpochShowsItsCounts() throws Exception {
    SlotLedger ledger = new SlotLedger(new DataDir(dir));
    for (long n = 7; n < 7 + SlotLedger.KEEP_EPOCHS + 1; n++) {
      EpochSlots e = epoch(false);
      ledger.save(new EpochSlots(n, true, e.scheduled(), e.verdicts(), e.timeline(), e.actions()));
    }
    CliRun r = CliRun.run("slots", "--data-dir", dir.toString(), "--epoch", "7");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("epoch 7 (compacted: counts only): 3 scheduled, 1 adopted, 1 missed: node down,"
        + " 1 unknown");
  }

  @Test
  void aDamagedLedgerFileIsNamed() throws Exception {
    SlotLedger ledger = new SlotLedger(new DataDir(dir));
    ledger.save(epoch(false));
    java.nio.file.Files.writeString(ledger.fileOf(7), "{\"epoch\": 7, \"sched");
    CliRun r = CliRun.run("slots", "--data-dir", dir.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains("epoch-7.json is damaged");
  }
}
