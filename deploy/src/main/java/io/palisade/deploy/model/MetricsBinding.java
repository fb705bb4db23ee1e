package io.palisade.deploy.model;

import io.palisade.spec.PortsSpec;

/**
 * Where a node serves its Prometheus metrics. Palisade binds them to loopback: in a pod the agent sidecar shares the
 * network namespace and reads them there, and on one host the single-host runtime's agent does; nothing else can.
 *
 * @param host address the metrics endpoint binds to
 * @param prometheusPort the Prometheus port
 * @param ekgPort the EKG port the legacy tracing system serves Prometheus from (it must differ per node on one host)
 */
public record MetricsBinding(String host, int prometheusPort, int ekgPort) {
  /** The EKG port of the official configurations. */
  public static final int OFFICIAL_EKG_PORT = 12788;

  /** Loopback on the spec's metrics port, as in a pod. */
  public static MetricsBinding loopback(PortsSpec ports) {
    return new MetricsBinding("127.0.0.1", ports.metrics(), OFFICIAL_EKG_PORT);
  }

  /** The metrics URL a scraper on the same host uses. */
  public String url() {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + prometheusPort + "/metrics";
  }
}
