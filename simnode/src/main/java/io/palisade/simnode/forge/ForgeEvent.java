package io.palisade.simnode.forge;

/**
 * How one slot's leadership check ended, named as cardano-node traces it ({@code TraceForgeEvent}; new tracing's
 * namespace {@code Forge.Loop.<name>}). The simulated node logs these names, so a reader of its log (the slot ledger,
 * a test) sees the node's own words for why a slot was or was not forged.
 */
public enum ForgeEvent {
  /** The leader check found the node is not the slot's leader. */
  NODE_NOT_LEADER("NodeNotLeader"),
  /** The chain's tip is in a slot after the one being checked (the node's clock is behind): no check. */
  BLOCK_FROM_FUTURE("BlockFromFuture"),
  /** The ledger view for the slot cannot be forecast from the node's tip (the node is not synced): no check. */
  NO_LEDGER_VIEW("NoLedgerView"),
  /** The KES key could not be evolved to the slot's period (expired operational certificate): no check. */
  FORGE_STATE_UPDATE_ERROR("ForgeStateUpdateError"),
  /** The node leads the slot but cannot forge (its KES key is not valid yet). */
  NODE_CANNOT_FORGE("NodeCannotForge"),
  /** Forged and adopted (a later fork switch may still drop it: a lost height battle). */
  ADOPTED_BLOCK("AdoptedBlock"),
  /** Forged, not adopted: another pool's block of the same slot won. */
  DIDNT_ADOPT_BLOCK("DidntAdoptBlock"),
  /** Forged, refused by the node's own ledger (an opcert counter outside m..m + 1). */
  FORGED_INVALID_BLOCK("ForgedInvalidBlock");

  private final String traceName;

  ForgeEvent(String traceName) {
    this.traceName = traceName;
  }

  /** The constructor of cardano-node's {@code TraceForgeEvent} without its {@code Trace} prefix, e.g. NoLedgerView. */
  public String traceName() {
    return traceName;
  }

  /** The new tracing system's namespace, e.g. {@code Forge.Loop.NoLedgerView}. */
  public String namespace() {
    return "Forge.Loop." + traceName;
  }

  /** Whether the check ended before a leader check could be made or a block forged, for a reason worth a log line. */
  public boolean isFailure() {
    return this == BLOCK_FROM_FUTURE || this == NO_LEDGER_VIEW || this == FORGE_STATE_UPDATE_ERROR
        || this == NODE_CANNOT_FORGE;
  }
}
