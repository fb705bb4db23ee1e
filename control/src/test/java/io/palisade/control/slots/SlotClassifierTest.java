package io.palisade.control.slots;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** One row per verdict: the evidence that produces it. */
class SlotClassifierTest {
  static final Instant T = Instant.parse("2026-12-03T14:02:00Z");
  static final PalisadeAction UPGRADE = new PalisadeAction("upgrade of block-producer to 10.6.0", T, true);
  static final PalisadeAction RELAY_ADD = new PalisadeAction("relay add relay-a-2", T, false);

  static SlotEvidence ev(ForgeOutcome forge, ProducerCondition condition, ChainCheck chain,
      PalisadeAction... actions) {
    return new SlotEvidence(1000, forge, List.of("Forge.test"), condition, "reason", chain, List.of(actions));
  }

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(ev(ForgeOutcome.ADOPTED, ProducerCondition.FORGING, ChainCheck.ON_CHAIN), SlotVerdict.ADOPTED),
        Arguments.of(ev(ForgeOutcome.ADOPTED, ProducerCondition.FORGING, ChainCheck.UNCHECKED), SlotVerdict.ADOPTED),
        Arguments.of(ev(ForgeOutcome.NOT_ADOPTED, ProducerCondition.FORGING, ChainCheck.UNCHECKED),
            SlotVerdict.LOST_SLOT_BATTLE),
        Arguments.of(ev(ForgeOutcome.ORPHANED, ProducerCondition.FORGING, ChainCheck.UNCHECKED),
            SlotVerdict.LOST_HEIGHT_BATTLE),
        Arguments.of(ev(ForgeOutcome.ADOPTED, ProducerCondition.FORGING, ChainCheck.NOT_ON_CHAIN),
            SlotVerdict.LOST_HEIGHT_BATTLE),
        Arguments.of(ev(ForgeOutcome.NONE, ProducerCondition.DOWN, ChainCheck.UNCHECKED), SlotVerdict.MISSED_NODE_DOWN),
        Arguments.of(ev(ForgeOutcome.NONE, ProducerCondition.DOWN, ChainCheck.UNCHECKED, RELAY_ADD),
            SlotVerdict.MISSED_NODE_DOWN),
        Arguments.of(ev(ForgeOutcome.NONE, ProducerCondition.NOT_SYNCED, ChainCheck.UNCHECKED),
            SlotVerdict.MISSED_NOT_SYNCED),
        Arguments.of(ev(ForgeOutcome.NONE, ProducerCondition.KES_INVALID, ChainCheck.UNCHECKED),
            SlotVerdict.MISSED_KES_INVALID),
        Arguments.of(ev(ForgeOutcome.CANNOT_FORGE, ProducerCondition.FORGING, ChainCheck.UNCHECKED),
            SlotVerdict.MISSED_KES_INVALID),
        Arguments.of(ev(ForgeOutcome.INVALID, ProducerCondition.FORGING, ChainCheck.UNCHECKED),
            SlotVerdict.MISSED_KES_INVALID),
        Arguments.of(ev(ForgeOutcome.FROM_FUTURE, ProducerCondition.FORGING, ChainCheck.UNCHECKED),
            SlotVerdict.MISSED_FUTURE_BLOCK),
        Arguments.of(ev(ForgeOutcome.NONE, ProducerCondition.DOWN, ChainCheck.UNCHECKED, UPGRADE),
            SlotVerdict.MISSED_PALISADE_ACTION),
        Arguments.of(ev(ForgeOutcome.NONE, ProducerCondition.NOT_SYNCED, ChainCheck.UNCHECKED, UPGRADE),
            SlotVerdict.MISSED_PALISADE_ACTION),
        // What the forge loop recorded for a leader slot it did not forge in decides over a condition that looked fine.
        Arguments.of(ev(ForgeOutcome.NO_LEDGER_VIEW, ProducerCondition.FORGING, ChainCheck.UNCHECKED),
            SlotVerdict.MISSED_NOT_SYNCED),
        Arguments.of(ev(ForgeOutcome.NO_LEDGER_VIEW, ProducerCondition.NOT_SYNCED, ChainCheck.UNCHECKED, UPGRADE),
            SlotVerdict.MISSED_PALISADE_ACTION),
        Arguments.of(ev(ForgeOutcome.CANNOT_FORGE, ProducerCondition.KES_INVALID, ChainCheck.UNCHECKED, UPGRADE),
            SlotVerdict.MISSED_PALISADE_ACTION),
        Arguments.of(ev(ForgeOutcome.CANNOT_FORGE, ProducerCondition.FORGING, ChainCheck.UNCHECKED, RELAY_ADD),
            SlotVerdict.MISSED_KES_INVALID),
        Arguments.of(ev(ForgeOutcome.FROM_FUTURE, ProducerCondition.NOT_SYNCED, ChainCheck.UNCHECKED),
            SlotVerdict.MISSED_FUTURE_BLOCK),
        Arguments.of(ev(ForgeOutcome.NONE, ProducerCondition.FORGING, ChainCheck.UNCHECKED), SlotVerdict.UNKNOWN),
        Arguments.of(ev(ForgeOutcome.NONE, ProducerCondition.UNOBSERVED, ChainCheck.UNCHECKED), SlotVerdict.UNKNOWN));
  }

  @ParameterizedTest
  @MethodSource("table")
  void eachVerdictFromItsEvidence(SlotEvidence evidence, SlotVerdict expected) {
    SlotClassification c = new SlotClassifier(Clock.fixed(T.plusSeconds(3600), ZoneOffset.UTC)).classify(evidence);
    assertThat(c.verdict()).isEqualTo(expected);
    assertThat(c.evidence()).isEqualTo(evidence);
    assertThat(c.decidedAt()).isEqualTo(T.plusSeconds(3600));
    assertThat(c.because()).isNotBlank();
  }

  @Test
  void everyVerdictHasARow() {
    assertThat(table().map(a -> (SlotVerdict) a.get()[1]).distinct()).containsExactlyInAnyOrder(SlotVerdict.values());
  }

  /** A simulated producer's missed-leader-slot record: its trace and details, as the slot ledger reads them. */
  static SlotEvidence recorded(ForgeOutcome forge, String trace, String details) {
    return new SlotEvidence(1000, forge, List.of(trace, "block-producer/db/missed-leader-slots.jsonl: " + details),
        trace, ProducerCondition.FORGING, "state: SYNCED", ChainCheck.UNCHECKED, List.of());
  }

  @Test
  void aRecordedMiss_givesItsVerdict_andTheReasonNamesItsTraceAndDetails() {
    SlotClassifier classifier = new SlotClassifier(Clock.fixed(T, ZoneOffset.UTC));
    SlotClassification kes = classifier.classify(recorded(ForgeOutcome.CANNOT_FORGE,
        "Forge.Loop.ForgeStateUpdateError", "reason KES_INVALID, KES period 70, opcert valid for KES periods 0 to 61"));
    assertThat(kes.verdict()).isEqualTo(SlotVerdict.MISSED_KES_INVALID);
    assertThat(kes.because()).contains("KES key or opcert").contains("Forge.Loop.ForgeStateUpdateError")
        .contains("KES period 70");
    assertThat(kes.evidence().trace()).isEqualTo("Forge.Loop.ForgeStateUpdateError");
    SlotClassification future = classifier.classify(recorded(ForgeOutcome.FROM_FUTURE, "Forge.Loop.BlockFromFuture",
        "reason BLOCK_FROM_FUTURE, tip in slot 1003 when the node's clock reached slot 1000"));
    assertThat(future.verdict()).isEqualTo(SlotVerdict.MISSED_FUTURE_BLOCK);
    assertThat(future.because()).contains("block from the future").contains("Forge.Loop.BlockFromFuture")
        .contains("tip in slot 1003");
    SlotClassification noView = classifier.classify(recorded(ForgeOutcome.NO_LEDGER_VIEW, "Forge.Loop.NoLedgerView",
        "reason NO_LEDGER_VIEW, tip in slot 10"));
    assertThat(noView.verdict()).isEqualTo(SlotVerdict.MISSED_NOT_SYNCED);
    assertThat(noView.because()).contains("no ledger view").contains("Forge.Loop.NoLedgerView");
    // Without a recorded trace, the evidence's trace is empty, never null.
    assertThat(ev(ForgeOutcome.NONE, ProducerCondition.DOWN, ChainCheck.UNCHECKED).trace()).isEmpty();
  }

  @Test
  void theReasonNamesTheEvidence() {
    SlotClassification c = new SlotClassifier(Clock.systemUTC()).classify(
        ev(ForgeOutcome.NONE, ProducerCondition.DOWN, ChainCheck.UNCHECKED, UPGRADE));
    assertThat(c.because()).contains("upgrade of block-producer to 10.6.0").contains("down").contains("reason");
  }
}
