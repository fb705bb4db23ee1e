package io.palisade.console.web;

import io.palisade.console.account.LoginThrottle;
import io.palisade.console.account.Operators;
import io.palisade.console.account.TotpCheck;
import io.palisade.console.audit.AuditLog;
import io.palisade.console.audit.AuditRecord;
import io.palisade.console.audit.AuditWriteException;
import io.palisade.console.store.DatabaseUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks a TOTP code (RFC 6238, single use) for the operator who signed in with their password, and grants the
 * {@link Factors#TOTP} factor stamped with the console's clock. Wrong and replayed codes count towards the lockout.
 */
final class TotpAuthenticationProvider implements AuthenticationProvider {
  private final Operators operators;
  private final LoginThrottle throttle;
  private final AuditLog audit;
  private final Clock clock;

  TotpAuthenticationProvider(Operators operators, LoginThrottle throttle, AuditLog audit, Clock clock) {
    this.operators = operators;
    this.throttle = throttle;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    TotpAuthenticationToken token = (TotpAuthenticationToken) authentication;
    String name = token.getName();
    String from = ClientAddress.of(token);
    String userKey = LoginThrottle.userKey(name);
    Optional<Instant> locked = throttle.lockedUntil(userKey); // an address is never locked: see LoginThrottle
    try {
      if (locked.isPresent()) {
        audit.append(AuditRecord.of(name, "login.locked", name, "TOTP code refused unchecked: too many failed"
            + " attempts; locked until " + locked.get() + "; from " + from));
        throw new LockedException("Too many failed attempts. Try again after " + locked.get() + ".");
      }
      TotpCheck check = operators.verifyTotp(name, String.valueOf(token.getCredentials()), "from " + from);
      switch (check) {
        case ACCEPTED:
          throttle.success(userKey);
          return TotpAuthenticationToken.authenticated(name, List.of(
              new SimpleGrantedAuthority(OperatorDetailsService.ROLE),
              FactorGrantedAuthority.withAuthority(Factors.TOTP).issuedAt(clock.instant()).build()));
        case REPLAYED:
          throttle.failure(userKey, LoginThrottle.USER_THRESHOLD);
          throw new BadCredentialsException("That code was already used. Wait for the next code.");
        case NOT_SET_UP:
          throw new BadCredentialsException("No authenticator app is set up for this operator: use a passkey.");
        default:
          throttle.failure(userKey, LoginThrottle.USER_THRESHOLD);
          throw new BadCredentialsException("Wrong code.");
      }
    } catch (AuditWriteException | DatabaseUnavailableException e) {
      throw new InternalAuthenticationServiceException("the audit log cannot be written: code refused", e);
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return TotpAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
