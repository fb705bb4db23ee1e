package io.palisade.control.slots;

import java.util.List;
import java.util.Objects;

/**
 * Everything known about one leader slot, the input of {@link SlotClassifier} and kept beside its verdict.
 *
 * @param slot the absolute slot
 * @param forge what the forge loop recorded for the slot
 * @param forgeSources where that came from: forge counter and trace names of either tracing system
 *     ({@code Forge.didnt-adopt}, {@code Forge_didnt_adopt_int}), or the record's file and line
 * @param trace the forge loop's trace for the slot when the producer named one (new tracing's namespace, e.g.
 *     {@code Forge.Loop.ForgeStateUpdateError}; the legacy constructor is {@code Trace} + its last part); empty when
 *     none was recorded
 * @param condition the block producer's condition at the slot (from the runtime's timeline)
 * @param conditionDetail the observation's reasons at the slot, in words (may be empty)
 * @param chain whether our block was in the chain the relays saw later
 * @param actions the Palisade actions in progress at the slot
 */
public record SlotEvidence(
    long slot,
    ForgeOutcome forge,
    List<String> forgeSources,
    String trace,
    ProducerCondition condition,
    String conditionDetail,
    ChainCheck chain,
    List<PalisadeAction> actions) {

  /** Checks the fields; absent lists and details become empty. */
  public SlotEvidence {
    if (slot < 0) {
      throw new IllegalArgumentException("slot must be >= 0");
    }
    Objects.requireNonNull(forge, "forge");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(chain, "chain");
    forgeSources = forgeSources == null ? List.of() : List.copyOf(forgeSources);
    trace = trace == null ? "" : trace;
    conditionDetail = conditionDetail == null ? "" : conditionDetail;
    actions = actions == null ? List.of() : List.copyOf(actions);
  }

  /** Evidence without a trace name (none recorded for the slot). */
  public SlotEvidence(long slot, ForgeOutcome forge, List<String> forgeSources, ProducerCondition condition,
      String conditionDetail, ChainCheck chain, List<PalisadeAction> actions) {
    this(slot, forge, forgeSources, "", condition, conditionDetail, chain, actions);
  }

  /** The same evidence with what the relays' chain said of the block. */
  public SlotEvidence withChain(ChainCheck checked) {
    return new SlotEvidence(slot, forge, forgeSources, trace, condition, conditionDetail, checked, actions);
  }

  /** The first action in progress that stops the producer or changes what it forges with, if any. */
  public java.util.Optional<PalisadeAction> forgingAction() {
    return actions.stream().filter(PalisadeAction::affectsForging).findFirst();
  }
}
