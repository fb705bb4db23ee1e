package io.palisade.agent.metrics;

/** A scrape that cannot be read at all: over a size limit, or not Prometheus text. */
public final class MetricsFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what limit was passed or what was found instead of metrics
   */
  public MetricsFormatException(String message) {
    super(message);
  }
}
