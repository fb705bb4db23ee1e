package io.palisade.console.web;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.authorization.AllRequiredFactorsAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.FactorAuthorizationDecision;
import org.springframework.security.authorization.RequiredFactorError;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * The console's factor rules, built from Spring Security's multi-factor authorities: a password
 * ({@link FactorGrantedAuthority#PASSWORD_AUTHORITY}) plus a second factor, either a TOTP code ({@link #TOTP}, issued
 * by {@link TotpAuthenticationFilter}) or a passkey ({@link FactorGrantedAuthority#WEBAUTHN_AUTHORITY}). For a change,
 * the second factor must be recent: its {@link FactorGrantedAuthority#getIssuedAt()} within the step-up window.
 */
final class Factors {
  /** The TOTP factor's authority. */
  static final String TOTP = "FACTOR_TOTP";

  private Factors() {}

  /**
   * @param clock the console's clock (factors are stamped with it)
   * @return the password factor alone (any age)
   */
  static <T> AuthorizationManager<T> password(Clock clock) {
    AllRequiredFactorsAuthorizationManager<T> m =
        AllRequiredFactorsAuthorizationManager.<T>builder().requireFactor(f -> f.passwordAuthority()).build();
    m.setClock(clock);
    return m;
  }

  /**
   * @param clock the console's clock
   * @param recent how recent the second factor must be; null for any age (a full session)
   * @return password and a second factor
   */
  static <T> AuthorizationManager<T> passwordAndSecondFactor(Clock clock, Duration recent) {
    return AuthorizationManagers.allOf(password(clock), new EitherSecondFactor<>(clock, recent));
  }

  /**
   * TOTP or a passkey. When neither is there (or recent enough), the decision lists both as missing, TOTP first, so
   * Spring's missing-authority handler sends the browser to the second-factor page.
   */
  private static final class EitherSecondFactor<T> implements AuthorizationManager<T> {
    private final List<AllRequiredFactorsAuthorizationManager<T>> alternatives = new ArrayList<>();

    EitherSecondFactor(Clock clock, Duration recent) {
      for (String authority : List.of(TOTP, FactorGrantedAuthority.WEBAUTHN_AUTHORITY)) {
        AllRequiredFactorsAuthorizationManager<T> m = AllRequiredFactorsAuthorizationManager.<T>builder()
            .requireFactor(f -> {
              f.authority(authority);
              if (recent != null) {
                f.validDuration(recent);
              }
            })
            .build();
        m.setClock(clock);
        alternatives.add(m);
      }
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, T object) {
      List<RequiredFactorError> errors = new ArrayList<>();
      for (AllRequiredFactorsAuthorizationManager<T> m : alternatives) {
        FactorAuthorizationDecision d = m.authorize(authentication, object);
        if (d.isGranted()) {
          return d;
        }
        errors.addAll(d.getFactorErrors());
      }
      return new FactorAuthorizationDecision(errors);
    }
  }
}
