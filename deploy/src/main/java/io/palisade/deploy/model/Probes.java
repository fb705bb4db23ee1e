package io.palisade.deploy.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.time.Duration;

/**
 * The node container's probes, all answered by the agent sidecar (which reads the node's metrics), plus the agent's
 * own. The start-up probe allows a whole ledger replay; liveness only starts after it and tolerates five minutes of
 * silence; readiness follows sync, so a lagging relay leaves its load balancer but is not restarted.
 */
public final class Probes {
  /** Agent path: the node finished starting (database open, replay done). */
  public static final String STARTUP_PATH = "/startupz";
  /** Agent path: the node process is alive and making progress. */
  public static final String LIVENESS_PATH = "/livez";
  /** Agent path: the node is synced and connected. */
  public static final String READINESS_PATH = "/readyz";
  /** Agent path: the agent's own status document. */
  public static final String STATUS_PATH = "/status";

  static final int STARTUP_PERIOD_SECONDS = 60;

  private Probes() {}

  /** Start-up: every minute, for {@code budget}. */
  public static Probe startup(int agentPort, Duration budget) {
    int failures = (int) Math.max(1, (budget.toSeconds() + STARTUP_PERIOD_SECONDS - 1) / STARTUP_PERIOD_SECONDS);
    return http(STARTUP_PATH, agentPort, STARTUP_PERIOD_SECONDS, failures);
  }

  /** Liveness: every 30 s; ten failures in a row (five minutes) restart the node. */
  public static Probe liveness(int agentPort) {
    return http(LIVENESS_PATH, agentPort, 30, 10);
  }

  /** Readiness: every 15 s; three failures take the node out of its Services. */
  public static Probe readiness(int agentPort) {
    return http(READINESS_PATH, agentPort, 15, 3);
  }

  /** The agent's own liveness: its port accepts connections. */
  public static Probe agentLiveness(int agentPort) {
    return new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(agentPort)).endTcpSocket()
        .withPeriodSeconds(20).withTimeoutSeconds(5).withFailureThreshold(3).build();
  }

  /** The agent's own readiness: it answers its status document. */
  public static Probe agentReadiness(int agentPort) {
    return http(STATUS_PATH, agentPort, 20, 3);
  }

  private static Probe http(String path, int port, int period, int failures) {
    return new ProbeBuilder()
        .withNewHttpGet().withPath(path).withPort(new IntOrString(port)).withScheme("HTTP").endHttpGet()
        .withPeriodSeconds(period).withTimeoutSeconds(5).withFailureThreshold(failures).withSuccessThreshold(1)
        .build();
  }
}
