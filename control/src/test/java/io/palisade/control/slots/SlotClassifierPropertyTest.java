package io.palisade.control.slots;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The classifier's rules over any evidence. */
class SlotClassifierPropertyTest {
  @Provide
  Arbitrary<SlotEvidence> evidence() {
    Arbitrary<PalisadeAction> action = Combinators.combine(Arbitraries.of("upgrade", "restart", "relay add",
        "KES rotation"), Arbitraries.longs().between(0, 2_000_000_000L), Arbitraries.of(true, false))
        .as((w, s, f) -> new PalisadeAction(w, Instant.ofEpochSecond(s), f));
    return Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE / 2), Arbitraries.of(ForgeOutcome.class),
        Arbitraries.strings().ofMaxLength(20).list().ofMaxSize(3), Arbitraries.of(ProducerCondition.class),
        Arbitraries.strings().ofMaxLength(30), Arbitraries.of(ChainCheck.class), action.list().ofMaxSize(3))
        .as(SlotEvidence::new);
  }

  @Property
  void everySlotGetsExactlyOneVerdict(@ForAll("evidence") SlotEvidence e) {
    SlotClassification c = new SlotClassifier(Clock.systemUTC()).classify(e);
    assertThat(c.verdict()).isNotNull().isEqualTo(SlotClassifier.verdictOf(e));
    assertThat(c.slot()).isEqualTo(e.slot());
  }

  @Property
  void aPalisadeActionWinsOverTheDowntimeItCaused(@ForAll("evidence") SlotEvidence e) {
    if (e.forge() == ForgeOutcome.NONE && e.condition() != ProducerCondition.FORGING && e.forgingAction().isPresent()) {
      assertThat(SlotClassifier.verdictOf(e)).isEqualTo(SlotVerdict.MISSED_PALISADE_ACTION);
    }
  }

  @Property
  void anActionThatDoesNotTouchTheProducerIsNeverBlamed(@ForAll("evidence") SlotEvidence e) {
    SlotEvidence harmless = new SlotEvidence(e.slot(), e.forge(), e.forgeSources(), e.trace(), e.condition(),
        e.conditionDetail(), e.chain(), e.actions().stream()
            .map(a -> new PalisadeAction(a.what(), a.since(), false)).toList());
    assertThat(SlotClassifier.verdictOf(harmless)).isNotEqualTo(SlotVerdict.MISSED_PALISADE_ACTION);
  }

  @Property
  void aBlockOnTheChainIsAdoptedWhateverElseWasSeen(@ForAll("evidence") SlotEvidence e) {
    if (e.forge() == ForgeOutcome.ADOPTED && e.chain() != ChainCheck.NOT_ON_CHAIN) {
      assertThat(SlotClassifier.verdictOf(e)).isEqualTo(SlotVerdict.ADOPTED);
    }
  }

  @Property
  void aMissedVerdictMeansNoBlockCounted(@ForAll("evidence") SlotEvidence e) {
    SlotVerdict v = SlotClassifier.verdictOf(e);
    if (v.missed()) {
      assertThat(List.of(ForgeOutcome.ADOPTED, ForgeOutcome.NOT_ADOPTED, ForgeOutcome.ORPHANED))
          .doesNotContain(e.forge());
    }
    if (e.forge() == ForgeOutcome.NONE && e.forgingAction().isEmpty()) {
      assertThat(v.name()).isEqualTo(switch (e.condition()) {
        case DOWN -> "MISSED_NODE_DOWN";
        case NOT_SYNCED -> "MISSED_NOT_SYNCED";
        case KES_INVALID -> "MISSED_KES_INVALID";
        case FORGING, UNOBSERVED -> "UNKNOWN";
      });
    }
  }
}
