package io.palisade.control.lease;

/** What a producer's {@code cardano_node_metrics_forging_enabled_int} read at the last scrape. */
public enum ForgingReading {
  /** It read 1: the node forges with credentials in memory. */
  ON,
  /** It read 0: the node holds no forging credentials. */
  OFF,
  /** Not read: the process is dead, stopped, hung, or its metrics did not answer. Never taken as 0. */
  UNKNOWN
}
