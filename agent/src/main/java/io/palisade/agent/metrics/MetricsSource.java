package io.palisade.agent.metrics;

/**
 * Where a node's metrics come from: its Prometheus endpoint ({@link MetricsScraper}), a saved scrape, or a simulated
 * node in the same process.
 */
public interface MetricsSource {
  /**
   * Reads the node's metrics once.
   *
   * @return the metrics; MUST NOT be null
   * @throws ScrapeException if the node did not answer with readable metrics
   */
  NodeMetrics scrape() throws ScrapeException;

  /** Where the metrics come from, for messages ({@code http://127.0.0.1:12798/metrics}). */
  String describe();
}
