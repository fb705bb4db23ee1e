package io.palisade.console.web;

import io.palisade.console.audit.AuditBudget;
import io.palisade.console.audit.AuditRecord;
import io.palisade.console.audit.AuditWriteException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose {@code Host} is not the console's: DNS rebinding points an attacker's name at 127.0.0.1, so
 * a page the operator visits could otherwise talk to the console (or its WebSocket) from the browser. The console
 * answers to its public URL's host and to the loopback names only (421, audited within a budget).
 */
final class HostHeaderFilter extends OncePerRequestFilter {
  private final Set<String> hosts;
  private final AuditBudget audit;

  HostHeaderFilter(URI publicUrl, AuditBudget audit) {
    Set<String> allowed = new java.util.TreeSet<>(Set.of("localhost", "127.0.0.1", "[::1]"));
    allowed.add(publicUrl.getHost().toLowerCase(Locale.ROOT));
    this.hosts = Set.copyOf(allowed);
    this.audit = audit;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String host = request.getHeader("Host");
    if (host == null || !hosts.contains(hostName(host))) {
      String shown = host == null ? "(none)" : host.length() > 100 ? host.substring(0, 100) + "..." : host;
      try {
        audit.append(AuditRecord.of("anonymous", "request.refused", request.getRequestURI(), "Host " + shown
            + " is not this console's (DNS rebinding?); from " + request.getRemoteAddr()));
      } catch (AuditWriteException e) {
        // Refused either way.
      }
      response.sendError(421, "This console answers to " + hosts + " only.");
      return;
    }
    chain.doFilter(request, response);
  }

  static String hostName(String hostHeader) {
    String h = hostHeader.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(0, end + 1);
    }
    int colon = h.lastIndexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }
}
