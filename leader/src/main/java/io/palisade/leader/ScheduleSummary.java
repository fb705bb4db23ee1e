package io.palisade.leader;

/**
 * What a schedule run found, besides the slots themselves.
 *
 * @param epoch the epoch
 * @param firstSlot its first absolute slot
 * @param epochLength its slots
 * @param sigma the pool's σ
 * @param activeSlotCoefficient f
 * @param expectedBlocks epochLength · (1 − (1 − f)^σ), the mean number of leader slots (floating point: for display)
 * @param leaderSlots how many slots the pool leads
 */
public record ScheduleSummary(long epoch, long firstSlot, long epochLength, Sigma sigma,
    ActiveSlotCoefficient activeSlotCoefficient, double expectedBlocks, long leaderSlots) {}
