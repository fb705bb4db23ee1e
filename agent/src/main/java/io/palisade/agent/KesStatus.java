package io.palisade.agent;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A block producer's KES key and operational certificate, judged against the chain clock.
 *
 * @param currentPeriod the KES period the chain clock is in
 * @param periodsRemaining KES periods left, counting the current one (0 or less: expired); for a certificate that is
 *     not valid yet, the periods until its expiry (see {@link #validYet()})
 * @param expiresAt when the certificate stops being valid (start of period {@code start + maxKESEvolutions})
 * @param opcertStartPeriod the certificate's start KES period
 * @param opcertExpiryPeriod the first KES period the certificate is no longer valid in
 * @param opcertCounter the certificate's issue counter, when its file was given (the node does not expose it)
 * @param nodeRemainingPeriods what the node itself reports ({@code remainingKESPeriods}), if exposed
 * @param warning how close the expiry is
 * @param validFrom when the certificate's start period begins
 * @param basis where the start period came from, e.g. {@code operationalCertificateExpiryKESPeriod_int - 62
 *     (maxKESEvolutions)}: the node's metrics, the opcert file, or both
 */
public record KesStatus(
    long currentPeriod,
    long periodsRemaining,
    Instant expiresAt,
    long opcertStartPeriod,
    long opcertExpiryPeriod,
    OptionalLong opcertCounter,
    OptionalLong nodeRemainingPeriods,
    KesWarning warning,
    Instant validFrom,
    String basis) {

  /** Requires the non-optional values. */
  public KesStatus {
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(opcertCounter, "opcertCounter");
    Objects.requireNonNull(nodeRemainingPeriods, "nodeRemainingPeriods");
    Objects.requireNonNull(warning, "warning");
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(basis, "basis");
  }

  /** Whether the certificate's start period has begun (a certificate from the future cannot forge yet). */
  public boolean validYet() {
    return opcertStartPeriod <= currentPeriod;
  }

  /** Periods left that can be used: none before the certificate is valid or after it expired. */
  public long usablePeriodsLeft() {
    return validYet() ? Math.max(0, periodsRemaining) : 0;
  }
}
