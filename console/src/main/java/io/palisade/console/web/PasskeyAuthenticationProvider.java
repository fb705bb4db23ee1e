package io.palisade.console.web;

import io.palisade.console.account.LoginThrottle;
import io.palisade.console.audit.AuditBudget;
import io.palisade.console.audit.AuditLog;
import io.palisade.console.audit.AuditRecord;
import io.palisade.console.audit.AuditWriteException;
import io.palisade.console.store.DatabaseUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthentication;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationProvider;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;

/**
 * The passkey step, around Spring Security's {@link WebAuthnAuthenticationProvider}: the lockout applies, every
 * attempt is recorded, and the granted {@link FactorGrantedAuthority#WEBAUTHN_AUTHORITY} is stamped with the
 * console's clock (the step-up window is measured with it). When the operator has signed in with a password,
 * Spring offers only that operator's passkeys; a passkey of another operator does not add to their session.
 */
final class PasskeyAuthenticationProvider implements AuthenticationProvider {
  private final WebAuthnAuthenticationProvider delegate;
  private final LoginThrottle throttle;
  private final AuditLog audit;
  private final Clock clock;
  private final AuditBudget anonymous;

  PasskeyAuthenticationProvider(WebAuthnAuthenticationProvider delegate, LoginThrottle throttle, AuditLog audit,
      Clock clock, AuditBudget anonymous) {
    this.anonymous = anonymous;
    this.delegate = delegate;
    this.throttle = throttle;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    Authentication current = SecurityContextHolder.getContext().getAuthentication();
    String who = current != null && current.isAuthenticated() && !(current instanceof AnonymousAuthenticationToken)
        ? current.getName()
        : "anonymous";
    try {
      if (!"anonymous".equals(who)) {
        Optional<Instant> locked = throttle.lockedUntil(LoginThrottle.userKey(who));
        if (locked.isPresent()) {
          audit.append(AuditRecord.of(who, "login.locked", who, "passkey refused unchecked: too many failed attempts;"
              + " locked until " + locked.get()));
          throw new LockedException("Too many failed attempts. Try again after " + locked.get() + ".");
        }
      }
      Authentication result;
      try {
        result = delegate.authenticate(authentication);
      } catch (AuthenticationException e) {
        if (!"anonymous".equals(who)) {
          throttle.failure(LoginThrottle.userKey(who), LoginThrottle.USER_THRESHOLD);
          audit.append(AuditRecord.of(who, "factor.passkey-failed", who, "passkey not accepted: " + e.getMessage()));
          throw e;
        }
        // Anonymous assertions cost nothing to send: they are slowed per address like failed passwords, and
        // written to the log within a budget (a client sending fifty a second must not grow it at that pace).
        String from = ClientAddress.of(authentication);
        LoginThrottle.AddressSlowdown slow = throttle.addressFailure(LoginThrottle.addressKey(from));
        anonymous.append(AuditRecord.of(who, "factor.passkey-failed", "", "anonymous passkey assertion not accepted"
            + " from " + from + ": " + e.getMessage()));
        pause(slow.delay());
        throw e;
      }
      WebAuthnAuthentication w = (WebAuthnAuthentication) result;
      List<GrantedAuthority> authorities = new ArrayList<>();
      for (GrantedAuthority a : w.getAuthorities()) {
        if (!FactorGrantedAuthority.WEBAUTHN_AUTHORITY.equals(a.getAuthority())) {
          authorities.add(a);
        }
      }
      authorities.add(FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.WEBAUTHN_AUTHORITY)
          .issuedAt(clock.instant()).build());
      audit.append(AuditRecord.of(w.getName(), "factor.passkey", w.getName(), "passkey accepted"
          + (who.equals(w.getName()) ? "" : " (no password in this session yet)")));
      throttle.success(LoginThrottle.userKey(w.getName()));
      WebAuthnAuthentication stamped = new WebAuthnAuthentication(w.getPrincipal(), authorities);
      stamped.setDetails(authentication.getDetails());
      return stamped;
    } catch (AuditWriteException | DatabaseUnavailableException e) {
      throw new InternalAuthenticationServiceException("the audit log cannot be written: passkey refused", e);
    }
  }

  private static void pause(java.time.Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return WebAuthnAuthenticationRequestToken.class.isAssignableFrom(authentication);
  }
}
