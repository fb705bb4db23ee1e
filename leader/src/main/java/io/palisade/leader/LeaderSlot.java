package io.palisade.leader;

import java.time.Instant;

/**
 * A slot the pool leads.
 *
 * @param slot the absolute slot
 * @param slotInEpoch the slot's index in its epoch
 * @param start when the slot begins (UTC)
 */
public record LeaderSlot(long slot, long slotInEpoch, Instant start) {}
