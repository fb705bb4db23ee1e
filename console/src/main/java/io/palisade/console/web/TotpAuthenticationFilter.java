package io.palisade.console.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * {@code POST /login/totp}: the TOTP second factor (first login or step-up). The operator is the one already
 * signed in with a password in this session; Spring Security's MFA support (enabled on this filter) merges the new
 * factor into that authentication.
 */
final class TotpAuthenticationFilter extends AbstractAuthenticationProcessingFilter {
  static final String PATH = "/login/totp";

  TotpAuthenticationFilter(AuthenticationManager manager) {
    super(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, PATH));
    setAuthenticationManager(manager);
    setMfaEnabled(true);
  }

  @Override
  public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response) {
    Authentication current = SecurityContextHolder.getContext().getAuthentication();
    if (current == null || !current.isAuthenticated() || current instanceof AnonymousAuthenticationToken) {
      throw new InsufficientAuthenticationException("Sign in with your password first.");
    }
    String code = request.getParameter("code");
    TotpAuthenticationToken token = TotpAuthenticationToken.unauthenticated(current.getName(), code == null ? "" : code);
    token.setDetails(new WebAuthenticationDetailsSource().buildDetails(request));
    return getAuthenticationManager().authenticate(token);
  }
}
