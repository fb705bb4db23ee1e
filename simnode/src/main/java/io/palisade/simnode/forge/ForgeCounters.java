package io.palisade.simnode.forge;

/**
 * The forge loop's counters since the node started, as cardano-node's forge tracers count them (the metric of each
 * in both tracing systems is in the agent's catalogue, {@code io.palisade.agent.metrics.NodeMetric}).
 *
 * @param aboutToLead leadership checks started, one a slot ({@code Forge.about-to-lead})
 * @param notLeader checks that found the node is not the leader ({@code Forge.node-not-leader})
 * @param isLeader slots the node led and forged in ({@code Forge.node-is-leader}, {@code nodeIsLeader})
 * @param couldNotForge slots the node led but could not forge in: KES key not valid yet
 *     ({@code Forge.could-not-forge}, {@code nodeCannotForge})
 * @param forged blocks forged ({@code Forge.forged}, {@code blocksForged})
 * @param adopted forged blocks the node adopted ({@code Forge.adopted})
 * @param didntAdopt forged blocks the node did not adopt: a lost slot battle ({@code Forge.didnt-adopt})
 * @param forgedInvalid forged blocks its ledger refused ({@code Forge.forged-invalid})
 * @param orphaned adopted blocks later dropped for a longer fork (a lost height battle; {@code forks})
 * @param slotsMissed slots the forge loop skipped while the node was stalled ({@code slotsMissed})
 * @param blockFromFuture checks stopped because the tip was in a later slot: the node's clock is behind
 *     ({@code TraceBlockFromFuture}, {@code Forge.block-from-future})
 * @param noLedgerView checks stopped because the node's tip is too far behind to forecast the ledger view: it is not
 *     synced ({@code TraceNoLedgerView}, counted in {@code Forge.could-not-forge})
 * @param forgeStateUpdateError checks stopped because the KES key could not be evolved
 *     ({@code TraceForgeStateUpdateError}; legacy {@code Forge.forge-state-update-error})
 * @param lastForgedSlot the slot of the last forged block, or -1 ({@code forgedSlotLast})
 * @param kesUpdateFailed whether the KES key could not be evolved to the last slot checked (expired): the node then
 *     checks no leadership and reports its current and remaining KES periods as 0
 */
public record ForgeCounters(
    long aboutToLead,
    long notLeader,
    long isLeader,
    long couldNotForge,
    long forged,
    long adopted,
    long didntAdopt,
    long forgedInvalid,
    long orphaned,
    long slotsMissed,
    long blockFromFuture,
    long noLedgerView,
    long forgeStateUpdateError,
    long lastForgedSlot,
    boolean kesUpdateFailed) {
  /** Nothing counted yet. */
  public static final ForgeCounters NONE = new ForgeCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, false);
}
