package io.palisade.control.slots;

import java.time.Clock;
import java.util.Objects;

/**
 * Decides one {@link SlotVerdict} for a leader slot from its {@link SlotEvidence}; pure but for the clock that stamps
 * the decision.
 *
 * <p>The rules, in order (the first that applies wins):
 * <ol>
 *   <li>a block was forged: its fate decides (adopted and not contradicted by the relays' chain: adopted; adopted but
 *       absent from the relays' chain, or orphaned: lost height battle; not adopted: lost slot battle; refused by the
 *       ledger or not forgeable: KES or opcert invalid; from the future: block from the future) and so does what the
 *       forge loop recorded for a leader slot it did not forge in (its KES key or opcert did not let it: KES or opcert
 *       invalid; a block from the future at its tip: block from the future; no ledger view: not synced), except that
 *       a Palisade action that changes the producer's keys or stops it explains the first and the last;</li>
 *   <li>no block, and the producer was not forging while a Palisade action that stops it or changes its keys was in
 *       progress: during a Palisade action, whatever the producer's condition (the action caused it);</li>
 *   <li>no block: the producer's condition (down; not synced; KES invalid);</li>
 *   <li>otherwise (forging as far as we saw, or not observed): unknown.</li>
 * </ol>
 * A forged block's fate wins over the producer's condition: a node that forged was up at the slot, whatever a coarse
 * timeline says.
 */
public final class SlotClassifier {
  private final Clock clock;

  /** A classifier stamping its decisions with {@code clock}. */
  public SlotClassifier(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The verdict for a slot, with its evidence.
   *
   * @param evidence what is known of the slot
   * @return the slot's classification
   */
  public SlotClassification classify(SlotEvidence evidence) {
    SlotVerdict verdict = verdictOf(evidence);
    return new SlotClassification(evidence.slot(), verdict, because(verdict, evidence), evidence, clock.instant());
  }

  /** The verdict alone (total: every evidence gets exactly one). */
  public static SlotVerdict verdictOf(SlotEvidence e) {
    switch (e.forge()) {
      case ADOPTED:
        return e.chain() == ChainCheck.NOT_ON_CHAIN ? SlotVerdict.LOST_HEIGHT_BATTLE : SlotVerdict.ADOPTED;
      case ORPHANED:
        return SlotVerdict.LOST_HEIGHT_BATTLE;
      case NOT_ADOPTED:
        return SlotVerdict.LOST_SLOT_BATTLE;
      case INVALID:
      case CANNOT_FORGE:
        return e.forgingAction().isPresent() ? SlotVerdict.MISSED_PALISADE_ACTION : SlotVerdict.MISSED_KES_INVALID;
      case FROM_FUTURE:
        return SlotVerdict.MISSED_FUTURE_BLOCK;
      case NO_LEDGER_VIEW:
        return e.forgingAction().isPresent() ? SlotVerdict.MISSED_PALISADE_ACTION : SlotVerdict.MISSED_NOT_SYNCED;
      case NONE:
      default:
        break;
    }
    if (e.condition() != ProducerCondition.FORGING && e.forgingAction().isPresent()) {
      return SlotVerdict.MISSED_PALISADE_ACTION;
    }
    return switch (e.condition()) {
      case DOWN -> SlotVerdict.MISSED_NODE_DOWN;
      case NOT_SYNCED -> SlotVerdict.MISSED_NOT_SYNCED;
      case KES_INVALID -> SlotVerdict.MISSED_KES_INVALID;
      case FORGING, UNOBSERVED -> SlotVerdict.UNKNOWN;
    };
  }

  private static String because(SlotVerdict verdict, SlotEvidence e) {
    String forged = e.forgeSources().isEmpty() ? "" : " (" + String.join(", ", e.forgeSources()) + ")";
    String detail = e.conditionDetail().isEmpty() ? "" : ": " + e.conditionDetail();
    return switch (verdict) {
      case ADOPTED -> "forged and adopted" + forged
          + (e.chain() == ChainCheck.ON_CHAIN ? "; on the chain the relays saw" : "");
      case LOST_SLOT_BATTLE -> "forged, another pool's block in the slot won" + forged;
      case LOST_HEIGHT_BATTLE -> "forged and adopted, then not on the chain" + forged
          + (e.chain() == ChainCheck.NOT_ON_CHAIN ? "; the pool's relays do not have it" : "");
      case MISSED_KES_INVALID -> switch (e.forge()) {
        case INVALID -> "the block was forged, then refused for its opcert counter" + forged;
        case CANNOT_FORGE -> "the block producer's KES key or opcert did not let it forge" + forged;
        default -> "the block producer's KES key or opcert did not let it forge" + detail;
      };
      case MISSED_FUTURE_BLOCK -> "the forge loop found a block from the future at its tip (the node's clock behind,"
          + " or load)" + forged;
      case MISSED_PALISADE_ACTION -> "Palisade's action " + e.forgingAction().map(PalisadeAction::what).orElse("?")
          + " was in progress and the block producer was " + e.condition().name().toLowerCase(java.util.Locale.ROOT)
          .replace('_', ' ') + detail + (e.forge() == ForgeOutcome.NONE ? "" : forged);
      case MISSED_NODE_DOWN -> "the block producer was down" + detail;
      case MISSED_NOT_SYNCED -> e.forge() == ForgeOutcome.NO_LEDGER_VIEW
          ? "the block producer was not synced: no ledger view for the slot" + forged
          : "the block producer was not synced" + detail;
      case UNKNOWN -> e.condition() == ProducerCondition.UNOBSERVED
          ? "nothing observed the block producer at the slot" : "no block recorded, and the block producer looked able to forge";
    };
  }
}
