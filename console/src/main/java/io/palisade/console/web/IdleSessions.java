package io.palisade.console.web;

import java.time.Duration;

/**
 * The idle timeout, kept by the console itself as well as by the servlet container: the dashboard's live updates poll
 * every few seconds, and each poll would otherwise keep an unattended session alive forever. A request counts as the
 * operator's activity unless it is such a poll; a session whose last activity is older than the idle timeout ends at
 * its next request (pure rules here, applied by {@link SessionGuardFilter}).
 */
final class IdleSessions {
  /** The dashboard's live data, polled by console.js. */
  static final String LIVE_PATH = "/dashboard.json";
  /** The session attribute holding the last activity (epoch milliseconds). */
  static final String LAST_ACTIVITY = "palisade.lastActivity";

  private IdleSessions() {}

  /**
   * @param method the request's method
   * @param path the request's path inside the console
   * @return whether the request is a background poll (not the operator's activity)
   */
  static boolean background(String method, String path) {
    return "GET".equals(method) && LIVE_PATH.equals(path);
  }

  /**
   * @param lastActivity the last activity (epoch milliseconds), or null when none was recorded yet
   * @param now the time (epoch milliseconds)
   * @param idle the idle timeout
   * @return whether the session has been idle too long
   */
  static boolean expired(Long lastActivity, long now, Duration idle) {
    return lastActivity != null && now - lastActivity > idle.toMillis();
  }
}
