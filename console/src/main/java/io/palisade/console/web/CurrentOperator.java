package io.palisade.console.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/** Reads the operator and the age of their second factor from a request's authentication. */
final class CurrentOperator {
  private CurrentOperator() {}

  /**
   * @param auth the authentication
   * @return when the newest second factor (TOTP or passkey) was given
   */
  static Optional<Instant> secondFactorAt(Authentication auth) {
    Instant newest = null;
    if (auth != null) {
      for (GrantedAuthority a : auth.getAuthorities()) {
        if (a instanceof FactorGrantedAuthority f && (Factors.TOTP.equals(f.getAuthority())
            || FactorGrantedAuthority.WEBAUTHN_AUTHORITY.equals(f.getAuthority()))) {
          if (newest == null || f.getIssuedAt().isAfter(newest)) {
            newest = f.getIssuedAt();
          }
        }
      }
    }
    return Optional.ofNullable(newest);
  }

  /**
   * @param auth the authentication
   * @param window the step-up window
   * @param clock the console's clock
   * @return how long changes are still allowed without a new second factor (zero when expired)
   */
  static Duration stepUpLeft(Authentication auth, Duration window, Clock clock) {
    return secondFactorAt(auth)
        .map(t -> Duration.between(clock.instant(), t.plus(window)))
        .filter(d -> !d.isNegative())
        .orElse(Duration.ZERO);
  }
}
