package io.palisade.console.account;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored one-time enrollment link (its token is known only by its hash).
 *
 * @param purpose the first operator, or an invitation for the second
 * @param createdBy the inviting operator; empty for the first operator's link
 * @param expiresAt when it stops being valid
 * @param used whether an enrollment spent it
 */
public record EnrollmentLink(EnrollmentPurpose purpose, Optional<String> createdBy, Instant expiresAt, boolean used) {
  /** Rejects nulls. */
  public EnrollmentLink {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
