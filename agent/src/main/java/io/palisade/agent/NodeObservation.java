package io.palisade.agent;

import io.palisade.agent.metrics.NodeMetrics;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything observed about a node at one instant: its metrics (or why they could not be read), the port probe, the
 * operational certificate file, and what the pool's controller sees of the other nodes. Exactly one of
 * {@code metrics} and {@code metricsError} is present.
 *
 * @param observedAt when the observation started
 * @param metrics the scraped metrics, if the scrape worked
 * @param metricsError why the scrape failed, if it did
 * @param port the port probe's result, if the port is probed
 * @param opcert the operational certificate file's facts, if a file is configured and readable
 * @param opcertError why a configured file could not be read
 * @param pool the other nodes' tips, when a controller that sees the whole pool provides them
 */
public record NodeObservation(
    Instant observedAt,
    Optional<NodeMetrics> metrics,
    Optional<String> metricsError,
    Optional<PortProbeResult> port,
    Optional<OperationalCertificate> opcert,
    Optional<String> opcertError,
    Optional<PoolView> pool) {

  /** Checks that exactly one of metrics and metricsError is present. */
  public NodeObservation {
    Objects.requireNonNull(observedAt, "observedAt");
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(opcert, "opcert");
    Objects.requireNonNull(opcertError, "opcertError");
    Objects.requireNonNull(pool, "pool");
    if (metrics.isPresent() == metricsError.isPresent()) {
      throw new IllegalArgumentException("exactly one of metrics and metricsError must be present");
    }
  }

  /** An observation with scraped metrics and nothing else. */
  public static NodeObservation scraped(Instant at, NodeMetrics metrics) {
    return new NodeObservation(at, Optional.of(metrics), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  /** An observation whose scrape failed. */
  public static NodeObservation scrapeFailed(Instant at, String error) {
    return new NodeObservation(at, Optional.empty(), Optional.of(error), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  /** A copy with a port probe result. */
  public NodeObservation withPort(PortProbeResult result) {
    return new NodeObservation(observedAt, metrics, metricsError, Optional.of(result), opcert, opcertError, pool);
  }

  /** A copy with an operational certificate. */
  public NodeObservation withOpcert(OperationalCertificate cert) {
    return new NodeObservation(observedAt, metrics, metricsError, port, Optional.of(cert), Optional.empty(), pool);
  }

  /** A copy noting that the configured certificate file could not be read. */
  public NodeObservation withOpcertError(String error) {
    return new NodeObservation(observedAt, metrics, metricsError, port, Optional.empty(), Optional.of(error), pool);
  }

  /** A copy with the controller's view of the other nodes of the pool. */
  public NodeObservation withPool(PoolView view) {
    return new NodeObservation(observedAt, metrics, metricsError, port, opcert, opcertError, Optional.of(view));
  }
}
