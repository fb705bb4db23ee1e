package io.palisade.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Chain time as the block producer's own node tells it, for leader-aware maintenance not to trust the host clock
 * alone (a clock stepped by minutes would move every leader slot by as much): the start of its tip's slot (from the
 * genesis, not from any clock) and the host time the tip was observed at. The chain's time now is at least the tip's
 * slot start plus the time elapsed since the observation; a synced node's tip lags the chain by the gap since the
 * last block (seconds on a real network, none on a simulated one).
 *
 * <pre>{@code
 * ChainTime c = new ChainTime(o.tipSlot(), chain.startOfSlot(o.tipSlot()), o.observedAt());
 * Duration skew = c.skew(clock.instant());   // positive: the host clock is ahead of the chain
 * }</pre>
 *
 * @param tipSlot the node's tip slot
 * @param tipSlotStart when that slot began, from the genesis
 * @param observedAt the host time the tip was seen at
 */
public record ChainTime(long tipSlot, Instant tipSlotStart, Instant observedAt) {
  /** Checks the fields. */
  public ChainTime {
    Objects.requireNonNull(tipSlotStart, "tipSlotStart");
    Objects.requireNonNull(observedAt, "observedAt");
  }

  /** The chain's time at host time {@code now}, from the tip (its lower bound). */
  public Instant at(Instant now) {
    return tipSlotStart.plus(Duration.between(observedAt, now));
  }

  /** How far the host clock is ahead of the chain's time (negative: behind, the tip looks to be from the future). */
  public Duration skew(Instant now) {
    return Duration.between(at(now), now);
  }
}
