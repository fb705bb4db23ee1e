package io.palisade.control;

/**
 * The order a rollout takes within a group of relays that share one workload (a region), and the order a rollback
 * restores them in. Regions still go one after the other and the block producer always comes last; only the order
 * of ordinals inside a region changes.
 */
public enum RolloutOrder {
  /**
   * Lowest ordinal first; a rollback restores the failed node, then every upgraded node in reverse. Any runtime that
   * can restart each node on its own (the single-host runtime) can follow it.
   */
  LOWEST_ORDINAL_FIRST(new LowestOrdinalFirst()),
  /**
   * The order a StatefulSet's rolling-update partition imposes: only ordinals at or above the partition run the new
   * template, so an upgrade goes highest ordinal first. A rollback restores the failed node first (raising the
   * partition above it), then the rest of its region lowest ordinal first (the partition keeps rising until the
   * template is reverted), then each earlier, fully upgraded region highest ordinal first (a fresh update back to
   * the old template, lowering the partition again).
   */
  STATEFULSET(new StatefulSetOrder());

  private final RollbackOrder behaviour;

  RolloutOrder(RollbackOrder behaviour) {
    this.behaviour = behaviour;
  }

  /** How this order ranks relays and restores nodes. */
  RollbackOrder behaviour() {
    return behaviour;
  }
}
