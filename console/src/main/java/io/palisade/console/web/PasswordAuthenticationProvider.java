package io.palisade.console.web;

import io.palisade.console.account.LoginThrottle;
import io.palisade.console.audit.AuditLog;
import io.palisade.console.audit.AuditRecord;
import io.palisade.console.audit.AuditWriteException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * The password step, around Spring's {@link DaoAuthenticationProvider} (Argon2id): a locked username or address is
 * refused before the password is checked; a failure is counted and recorded; a success is recorded (and if that
 * record cannot be written, the login fails). The username's failure count is cleared only by a second factor, so
 * knowing the password does not reset the throttle on TOTP guesses.
 */
final class PasswordAuthenticationProvider implements AuthenticationProvider {
  private final DaoAuthenticationProvider delegate;
  private final LoginThrottle throttle;
  private final AuditLog audit;

  PasswordAuthenticationProvider(DaoAuthenticationProvider delegate, LoginThrottle throttle, AuditLog audit) {
    this.delegate = delegate;
    this.throttle = throttle;
    this.audit = audit;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String name = authentication.getName() == null ? "" : authentication.getName();
    String from = ClientAddress.of(authentication);
    String userKey = LoginThrottle.userKey(name);
    String addressKey = LoginThrottle.addressKey(from);
    // Only the username's own failures lock it; an address is slowed, never locked (see LoginThrottle).
    Optional<Instant> locked = throttle.lockedUntil(userKey);
    if (locked.isPresent()) {
      record(AuditRecord.of("anonymous", "login.locked", name, "refused without checking the password: too many"
          + " failed attempts; locked until " + locked.get() + "; from " + from));
      throw new LockedException("Too many failed attempts. Try again after " + locked.get() + ".");
    }
    Authentication result;
    try {
      result = delegate.authenticate(authentication);
    } catch (InternalAuthenticationServiceException e) {
      throw e;
    } catch (AuthenticationException e) {
      Optional<Instant> lockedNow = throttle.failure(userKey, LoginThrottle.USER_THRESHOLD);
      LoginThrottle.AddressSlowdown slow = throttle.addressFailure(addressKey);
      record(AuditRecord.of("anonymous", "login.failed", name, "wrong username or password from " + from
          + lockedNow.map(t -> "; locked until " + t).orElse("")));
      if (slow.started()) {
        record(AuditRecord.of("console", "login.address-slowed", from, slow.failures() + " failed attempts from "
            + from + ": its failed attempts are answered slowly from now on (never locked: a correct password and"
            + " second factor still pass)"));
      }
      pause(slow.delay());
      throw new BadCredentialsException("Wrong username or password.");
    }
    record(AuditRecord.of(result.getName(), "login.password", result.getName(), "password accepted from " + from
        + "; second factor next"));
    return result;
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

  private void record(AuditRecord r) {
    try {
      audit.append(r);
    } catch (AuditWriteException e) {
      throw new InternalAuthenticationServiceException("the audit log cannot be written: login refused", e);
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
