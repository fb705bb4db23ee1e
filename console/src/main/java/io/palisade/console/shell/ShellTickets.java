package io.palisade.console.shell;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One-time tickets that let a browser open the shell WebSocket. A ticket is issued by a POST (CSRF token and a recent
 * second factor checked), is bound to the operator, their HTTP session and the node, and is good once, within a
 * minute. The WebSocket handshake (a GET, which CSRF protection does not cover) must present it.
 */
public final class ShellTickets {
  /** How long a ticket stays good. */
  public static final Duration VALIDITY = Duration.ofSeconds(60);

  private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
  private final SecureRandom random;
  private final Clock clock;

  private record Ticket(String username, String sessionId, String node, Instant expires) {}

  /**
   * @param random a strong random source
   * @param clock the console's clock
   */
  public ShellTickets(SecureRandom random, Clock clock) {
    this.random = random;
    this.clock = clock;
  }

  /**
   * @param username the operator
   * @param sessionId their HTTP session
   * @param node the node
   * @return a fresh ticket
   */
  public String issue(String username, String sessionId, String node) {
    purge();
    byte[] b = new byte[32];
    random.nextBytes(b);
    String t = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    tickets.put(t, new Ticket(username, sessionId, node, clock.instant().plus(VALIDITY)));
    return t;
  }

  /**
   * Spends a ticket.
   *
   * @param ticket what the browser presented
   * @param username the operator of the handshake's session
   * @param sessionId the handshake's HTTP session
   * @return the node the ticket is for, if it is good for this operator and session
   */
  public Optional<String> redeem(String ticket, String username, String sessionId) {
    if (ticket == null || ticket.length() > 100) {
      return Optional.empty();
    }
    Ticket t = tickets.remove(ticket);
    if (t == null || clock.instant().isAfter(t.expires())) {
      return Optional.empty();
    }
    boolean same = MessageDigest.isEqual(t.username().getBytes(StandardCharsets.UTF_8),
        String.valueOf(username).getBytes(StandardCharsets.UTF_8))
        && MessageDigest.isEqual(t.sessionId().getBytes(StandardCharsets.UTF_8),
            String.valueOf(sessionId).getBytes(StandardCharsets.UTF_8));
    return same ? Optional.of(t.node()) : Optional.empty();
  }

  private void purge() {
    Instant now = clock.instant();
    for (Iterator<Ticket> it = tickets.values().iterator(); it.hasNext(); ) {
      if (now.isAfter(it.next().expires())) {
        it.remove();
      }
    }
  }
}
