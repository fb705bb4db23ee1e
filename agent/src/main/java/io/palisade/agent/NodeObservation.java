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
 * @param scrapeEnd when the scrape of the metrics returned (its start is {@code observedAt}): what the metrics say,
 *     the forge counters among them, was sampled between the two
 */
public record NodeObservation(
    Instant observedAt,
    Optional<NodeMetrics> metrics,
    Optional<String> metricsError,
    Optional<PortProbeResult> port,
    Optional<OperationalCertificate> opcert,
    Optional<String> opcertError,
    Optional<PoolView> pool,
    Instant scrapeEnd) {

  /** Checks that exactly one of metrics and metricsError is present. */
  public NodeObservation {
    Objects.requireNonNull(observedAt, "observedAt");
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(opcert, "opcert");
    Objects.requireNonNull(opcertError, "opcertError");
    Objects.requireNonNull(pool, "pool");
    // A clock stepped back during the scrape cannot make it end before it began.
    scrapeEnd = scrapeEnd == null || scrapeEnd.isBefore(observedAt) ? observedAt : scrapeEnd;
    if (metrics.isPresent() == metricsError.isPresent()) {
      throw new IllegalArgumentException("exactly one of metrics and metricsError must be present");
    }
  }

  /** An observation with scraped metrics and nothing else, the scrape taking no time. */
  public static NodeObservation scraped(Instant at, NodeMetrics metrics) {
    return scraped(at, metrics, at);
  }

  /** An observation with metrics scraped from {@code at} to {@code end}, and nothing else. */
  public static NodeObservation scraped(Instant at, NodeMetrics metrics, Instant end) {
    return new NodeObservation(at, Optional.of(metrics), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), end);
  }

  /** When the metrics were sampled: from the observation's start to the scrape's end. */
  public ScrapeWindow scrape() {
    return new ScrapeWindow(observedAt, scrapeEnd);
  }

  /** An observation whose scrape failed. */
  public static NodeObservation scrapeFailed(Instant at, String error) {
    return new NodeObservation(at, Optional.empty(), Optional.of(error), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), at);
  }

  /** A copy with a port probe result. */
  public NodeObservation withPort(PortProbeResult result) {
    return new NodeObservation(observedAt, metrics, metricsError, Optional.of(result), opcert, opcertError,
        pool, scrapeEnd);
  }

  /** A copy with an operational certificate. */
  public NodeObservation withOpcert(OperationalCertificate cert) {
    return new NodeObservation(observedAt, metrics, metricsError, port, Optional.of(cert), Optional.empty(),
        pool, scrapeEnd);
  }

  /** A copy noting that the configured certificate file could not be read. */
  public NodeObservation withOpcertError(String error) {
    return new NodeObservation(observedAt, metrics, metricsError, port, Optional.empty(), Optional.of(error),
        pool, scrapeEnd);
  }

  /** A copy with the controller's view of the other nodes of the pool. */
  public NodeObservation withPool(PoolView view) {
    return new NodeObservation(observedAt, metrics, metricsError, port, opcert, opcertError,
        Optional.of(view), scrapeEnd);
  }
}
