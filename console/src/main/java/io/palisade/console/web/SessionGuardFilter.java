package io.palisade.console.web;

import io.palisade.console.account.OperatorStore;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session that should not go on: its operator was removed, or it is older than the maximum lifetime (idle
 * sessions are ended by the server's session timeout).
 */
final class SessionGuardFilter extends OncePerRequestFilter {
  private final OperatorStore operators;
  private final Duration maxLifetime;

  SessionGuardFilter(OperatorStore operators, Duration maxLifetime) {
    this.operators = operators;
    this.maxLifetime = maxLifetime;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    HttpSession session = request.getSession(false);
    if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
      String why = null;
      if (operators.find(auth.getName()).isEmpty()) {
        why = "removed";
      } else if (session != null
          && System.currentTimeMillis() - session.getCreationTime() > maxLifetime.toMillis()) {
        why = "expired";
      }
      if (why != null) {
        SecurityContextHolder.clearContext();
        if (session != null) {
          session.invalidate();
        }
        response.sendRedirect(request.getContextPath() + "/login?" + why);
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
