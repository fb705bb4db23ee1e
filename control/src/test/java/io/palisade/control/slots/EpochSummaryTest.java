package io.palisade.control.slots;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one-line summary of an epoch, and the epoch's bounds. */
class EpochSummaryTest {
  static final Instant T0 = Instant.parse("2026-12-03T14:00:00Z");

  static Instant at(long slot) {
    return T0.plusSeconds(slot);
  }

  @Test
  void theIssuesExampleLine() {
    EpochSlots e = EpochSlots.empty(612).withSchedule(List.of(60L, 120L, 300L, 600L, 900L, 1200L, 1500L))
        .withCondition(at(0), ProducerCondition.FORGING, "")
        .withCondition(at(120), ProducerCondition.DOWN, "process exited")
        .withCondition(at(540), ProducerCondition.FORGING, "");
    SlotClassifier c = new SlotClassifier(Clock.fixed(at(2000), ZoneOffset.UTC));
    for (long s : e.scheduled()) {
      ForgeOutcome f = s == 300 ? ForgeOutcome.NONE : s == 600 ? ForgeOutcome.NOT_ADOPTED : ForgeOutcome.ADOPTED;
      e = e.withVerdict(c.classify(e.evidence(s, at(s), f, List.of(), ChainCheck.UNCHECKED)));
    }
    EpochSummary s = EpochSummary.of(e, EpochSummaryTest::at, ZoneOffset.UTC);
    assertThat(s.line()).isEqualTo(
        "epoch 612: 7 scheduled, 5 adopted, 1 lost slot battle, 1 missed (node down 14:02–14:09)");
    assertThat(s.missed()).isEqualTo(1);
    assertThat(s.pending()).isZero();
  }

  @Test
  void slotsToComeAndAnUnreadScheduleAreSaid() {
    EpochSlots e = EpochSlots.empty(5).withSlot(10);
    assertThat(EpochSummary.of(e, EpochSummaryTest::at, ZoneOffset.UTC).line())
        .isEqualTo("epoch 5: 1 scheduled (schedule not read yet: only the slots seen forged), 1 to come");
  }

  @Test
  void theTimelineIsBoundedAndIgnoresRepeats() {
    EpochSlots e = EpochSlots.empty(1);
    for (int i = 0; i < EpochSlots.MAX_CHANGES + 100; i++) {
      e = e.withCondition(at(i), i % 2 == 0 ? ProducerCondition.DOWN : ProducerCondition.FORGING, "");
      e = e.withCondition(at(i), i % 2 == 0 ? ProducerCondition.DOWN : ProducerCondition.FORGING, "");
    }
    assertThat(e.timeline()).hasSize(EpochSlots.MAX_CHANGES);
    assertThat(e.conditionAt(at(0)).condition()).isEqualTo(ProducerCondition.UNOBSERVED);
    assertThat(e.conditionAt(at(EpochSlots.MAX_CHANGES + 99)).condition()).isEqualTo(ProducerCondition.FORGING);
  }
}
