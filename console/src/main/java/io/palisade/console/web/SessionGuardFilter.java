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
 * Ends a session that should not go on: its operator was removed, it is older than the maximum lifetime, or its
 * operator has done nothing for the idle timeout (the server's session timeout ends idle sessions too, but the
 * dashboard's live polls keep those fresh: {@link IdleSessions}).
 */
final class SessionGuardFilter extends OncePerRequestFilter {
  private final OperatorStore operators;
  private final Duration maxLifetime;
  private final Duration idleTimeout;

  SessionGuardFilter(OperatorStore operators, Duration maxLifetime, Duration idleTimeout) {
    this.operators = operators;
    this.maxLifetime = maxLifetime;
    this.idleTimeout = idleTimeout;
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
      } else if (session != null && IdleSessions.expired(lastActivity(session), System.currentTimeMillis(),
          idleTimeout)) {
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
    if (session != null && !IdleSessions.background(request.getMethod(), request.getServletPath())) {
      session.setAttribute(IdleSessions.LAST_ACTIVITY, System.currentTimeMillis());
    }
    chain.doFilter(request, response);
  }

  private static Long lastActivity(HttpSession session) {
    return session.getAttribute(IdleSessions.LAST_ACTIVITY) instanceof Long l ? l : null;
  }
}
