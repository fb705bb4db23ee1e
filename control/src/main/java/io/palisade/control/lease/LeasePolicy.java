package io.palisade.control.lease;

import java.time.Duration;
import java.util.Objects;

/**
 * The timings of failover and fencing.
 *
 * @param failoverAfter how long the active producer must be down or unable to forge before the standby takes over
 * @param fenceTimeout how long a former holder that still runs has, after its credentials were removed and it got
 *     SIGHUP, to show {@code forging_enabled} 0; after that it is killed (the single-host fence of last resort)
 * @param promotionTime how long a promotion takes (fence, credentials, SIGHUP): a failover starts early enough to be
 *     done this long before the next leader slot
 */
public record LeasePolicy(Duration failoverAfter, Duration fenceTimeout, Duration promotionTime) {
  /** 30 s of trouble, 15 s to confirm keyless, 5 s to promote. */
  public static final LeasePolicy DEFAULT = new LeasePolicy(Duration.ofSeconds(30), Duration.ofSeconds(15),
      Duration.ofSeconds(5));

  /** Checks the fields. */
  public LeasePolicy {
    Objects.requireNonNull(failoverAfter, "failoverAfter");
    Objects.requireNonNull(fenceTimeout, "fenceTimeout");
    Objects.requireNonNull(promotionTime, "promotionTime");
    if (failoverAfter.isNegative() || fenceTimeout.isNegative() || promotionTime.isNegative()) {
      throw new IllegalArgumentException("lease timings are not negative");
    }
  }
}
