package io.palisade.console.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** The client address of an authentication attempt, for throttling and the audit log. */
final class ClientAddress {
  private ClientAddress() {}

  static String of(Authentication auth) {
    return auth != null && auth.getDetails() instanceof WebAuthenticationDetails d && d.getRemoteAddress() != null
        ? d.getRemoteAddress()
        : "unknown";
  }
}
