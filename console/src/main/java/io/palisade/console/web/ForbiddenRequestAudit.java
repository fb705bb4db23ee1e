package io.palisade.console.web;

import io.palisade.console.audit.AuditBudget;
import io.palisade.console.audit.AuditRecord;
import io.palisade.console.audit.AuditWriteException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.MissingCsrfTokenException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every request the console refuses with 403 (a missing or wrong CSRF token, a route refused to everyone) in
 * the audit log, within the anonymous budget: anyone can send such requests, so a flood adds a bounded number of
 * entries a minute, and the next entry written says how many were left out. Runs inside the security context, so an
 * operator's refused request is recorded under their name.
 */
final class ForbiddenRequestAudit extends OncePerRequestFilter {
  static final String KIND = "request.forbidden";
  private static final String CSRF_FAILURE = ForbiddenRequestAudit.class.getName() + ".csrf";

  private final AuditBudget audit;

  ForbiddenRequestAudit(AuditBudget audit) {
    this.audit = audit;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(request, response);
    if (response.getStatus() != HttpServletResponse.SC_FORBIDDEN) {
      return;
    }
    try {
      audit.append(AuditRecord.of(actor(), KIND, shorten(request.getRequestURI(), 200), request.getMethod() + " "
          + shorten(request.getRequestURI(), 200) + " refused (403): " + reason(request) + "; from "
          + request.getRemoteAddr()));
    } catch (AuditWriteException e) {
      // Refused either way.
    }
  }

  /**
   * The CSRF filter's refusal, recording the reason for this filter before answering 403 as Spring's default does.
   *
   * @return the handler for {@code CsrfFilter}
   */
  static AccessDeniedHandler csrfRefusal() {
    AccessDeniedHandlerImpl standard = new AccessDeniedHandlerImpl();
    return (request, response, denied) -> {
      request.setAttribute(CSRF_FAILURE, denied);
      standard.handle(request, response, denied);
    };
  }

  /** Why, in words, without the token the client sent (it may be an operator's, from another page). */
  static String reason(HttpServletRequest request) {
    Object csrf = request.getAttribute(CSRF_FAILURE);
    if (csrf instanceof MissingCsrfTokenException) {
      return "no CSRF token in the session (it expired or never existed)";
    }
    if (csrf != null) {
      return "no or a wrong CSRF token (a cross-site request, or a stale page)";
    }
    return "access denied (a route refused to everyone, or one this session may not use)";
  }

  private static String actor() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()) {
      return "anonymous";
    }
    return shorten(auth.getName(), 64);
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }
}
