package io.palisade.chain;

import java.time.Instant;

/**
 * Where the chain is at one instant.
 *
 * @param network network name
 * @param time the instant asked about
 * @param slot absolute slot number
 * @param epoch epoch number
 * @param slotInEpoch slot within the epoch (0-based)
 * @param era Byron or Shelley-based
 * @param kesPeriod KES period ({@code slot / slotsPerKESPeriod})
 * @param nextKesPeriodStart when the next KES period begins
 */
public record ChainTime(
    String network,
    Instant time,
    long slot,
    long epoch,
    long slotInEpoch,
    ChainEra era,
    long kesPeriod,
    Instant nextKesPeriodStart) {}
