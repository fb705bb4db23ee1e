package io.palisade.console.web;

import io.palisade.console.ConsoleServices;
import java.net.URI;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.authorization.EnableMultiFactorAuthentication;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationProvider;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;

/**
 * The console's Spring Security set-up. What comes from the library: CSRF tokens (synchronizer, in the session),
 * session fixation protection (a new session id at every factor), security headers, form login, WebAuthn passkeys,
 * and multi-factor authorities ({@link FactorGrantedAuthority}, merged across factors of the same operator). The
 * console adds the TOTP factor and the rules:
 *
 * <ul>
 *   <li>viewing needs a password and a second factor (TOTP or passkey);
 *   <li>every change (every POST, passkey registration and the shell) needs a second factor from the last few
 *       minutes (step-up);
 *   <li>removing a passkey through Spring's endpoint is refused (it is a delayed action).
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMultiFactorAuthentication(authorities = {})
class SecurityConfiguration {
  static final String SECOND_FACTOR_PAGE = "/login/second-factor";

  @Bean
  CsrfTokenRepository csrfTokenRepository() {
    return new HttpSessionCsrfTokenRepository();
  }

  @Bean
  PublicKeyCredentialUserEntityRepository userEntities(ConsoleServices services) {
    return new JdbcPublicKeyCredentialUserEntityRepository(new JdbcTemplate(services.db().dataSource()));
  }

  @Bean
  UserCredentialRepository userCredentials(ConsoleServices services, PublicKeyCredentialUserEntityRepository users) {
    DataSource ds = services.db().dataSource();
    return new AuditedUserCredentialRepository(new JdbcUserCredentialRepository(new JdbcTemplate(ds)), users,
        services.audit());
  }

  @Bean
  WebAuthnRelyingPartyOperations relyingParty(ConsoleServices services, PublicKeyCredentialUserEntityRepository users,
      UserCredentialRepository credentials) {
    URI url = services.publicUrl();
    return new Webauthn4JRelyingPartyOperations(users, credentials,
        PublicKeyCredentialRpEntity.builder().id(url.getHost()).name("Palisade console").build(),
        java.util.Set.of(origin(url)));
  }

  static String origin(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
  }

  @Bean
  SecurityFilterChain consoleSecurity(HttpSecurity http, ConsoleServices services, OperatorDetailsService details,
      CsrfTokenRepository csrf, WebAuthnRelyingPartyOperations relyingParty) throws Exception {
    var clock = services.clock();
    var stepUp = services.settings().stepUpWindow();

    DaoAuthenticationProvider dao = new DaoAuthenticationProvider(details);
    dao.setPasswordEncoder(Argon2PasswordHasher.asEncoder(services.passwords()));
    PasswordAuthenticationProvider passwords =
        new PasswordAuthenticationProvider(dao, services.throttle(), services.audit());

    SessionAuthenticationStrategy newSessionPerFactor = new CompositeSessionAuthenticationStrategy(
        List.of(new ChangeSessionIdAuthenticationStrategy(), new CsrfAuthenticationStrategy(csrf)));
    SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
        new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());

    HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
    requestCache.setMatchingRequestParameterName(null);

    TotpAuthenticationFilter totp = new TotpAuthenticationFilter(new ProviderManager(
        new TotpAuthenticationProvider(services.totp(), services.throttle(), services.audit(), clock)));
    totp.setSessionAuthenticationStrategy(newSessionPerFactor);
    totp.setSecurityContextRepository(contexts);
    SavedRequestAwareAuthenticationSuccessHandler toSavedPage = new SavedRequestAwareAuthenticationSuccessHandler();
    toSavedPage.setRequestCache(requestCache);
    toSavedPage.setDefaultTargetUrl("/");
    totp.setAuthenticationSuccessHandler(toSavedPage);
    totp.setAuthenticationFailureHandler(new SimpleUrlAuthenticationFailureHandler(SECOND_FACTOR_PAGE + "?error"));

    PasskeyAuthenticationProvider passkeys = new PasskeyAuthenticationProvider(
        new WebAuthnAuthenticationProvider(relyingParty, details), services.throttle(), services.audit(), clock,
        services.anonymousAudit());
    LoginUrlAuthenticationEntryPoint secondFactorPage = new LoginUrlAuthenticationEntryPoint(SECOND_FACTOR_PAGE);

    http
        // The only manager, without a parent: a failed or locked password must not fall through to another provider.
        .authenticationManager(new ProviderManager(passwords))
        .requestCache(c -> c.requestCache(requestCache))
        .csrf(c -> c.csrfTokenRepository(csrf).withObjectPostProcessor(new ObjectPostProcessor<CsrfFilter>() {
          @Override
          public <O extends CsrfFilter> O postProcess(O filter) {
            filter.setAccessDeniedHandler(ForbiddenRequestAudit.csrfRefusal()); // 403 as before, reason recorded
            return filter;
          }
        }))
        .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
        .headers(h -> h
            .contentSecurityPolicy(p -> p.policyDirectives("default-src 'self'; script-src 'self'; style-src 'self';"
                + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self';"
                + " base-uri 'none'; object-src 'none'"))
            .frameOptions(f -> f.deny())
            .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
            .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin"))
            .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Resource-Policy", "same-origin"))
            .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
                "camera=(), microphone=(), geolocation=(), payment=()")))
        .formLogin(f -> f.loginPage("/login").defaultSuccessUrl(SECOND_FACTOR_PAGE, true).permitAll())
        .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
        .webAuthn(w -> w
            .rpName("Palisade console")
            .rpId(services.publicUrl().getHost())
            .allowedOrigins(origin(services.publicUrl()))
            .disableDefaultRegistrationPage(true)
            .withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
              @Override
              public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
                filter.setAuthenticationManager(new ProviderManager(passkeys));
                filter.setSessionAuthenticationStrategy(newSessionPerFactor);
                filter.setMfaEnabled(true);
                return filter;
              }
            }))
        .exceptionHandling(e -> e
            .defaultDeniedHandlerForMissingAuthority(
                ep -> ep.addEntryPointFor(secondFactorPage, AnyRequestMatcher.INSTANCE), Factors.TOTP)
            .defaultDeniedHandlerForMissingAuthority(
                ep -> ep.addEntryPointFor(secondFactorPage, AnyRequestMatcher.INSTANCE),
                FactorGrantedAuthority.WEBAUTHN_AUTHORITY))
        .addFilterBefore(new HostHeaderFilter(services.publicUrl(), services.anonymousAudit()),
            SecurityContextHolderFilter.class)
        // Inside the security context (so an operator's refused request carries their name), around the CSRF check.
        .addFilterAfter(new ForbiddenRequestAudit(services.anonymousAudit()), SecurityContextHolderFilter.class)
        .addFilterBefore(totp, AuthorizationFilter.class)
        .addFilterBefore(new SessionGuardFilter(services.operators(), services.settings().sessionMaxLifetime(),
            services.settings().sessionIdleTimeout()),
            AuthorizationFilter.class)
        .authorizeHttpRequests(a -> a
            .requestMatchers("/css/**", "/js/**", "/favicon.ico", "/error").permitAll()
            .requestMatchers("/login", "/enroll/**").permitAll()
            .requestMatchers(HttpMethod.DELETE, "/webauthn/register/**").denyAll()
            .requestMatchers(SECOND_FACTOR_PAGE).access(Factors.password(clock))
            .requestMatchers(HttpMethod.POST, "/**").access(Factors.passwordAndSecondFactor(clock, stepUp))
            .requestMatchers("/shell/ws").access(Factors.passwordAndSecondFactor(clock, stepUp))
            .anyRequest().access(Factors.passwordAndSecondFactor(clock, null)));
    return http.build();
  }
}
