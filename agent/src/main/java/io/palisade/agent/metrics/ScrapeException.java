package io.palisade.agent.metrics;

/** The metrics endpoint did not answer with a readable scrape: refused, timed out, an HTTP error, not metrics. */
public final class ScrapeException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, for the operator
   */
  public ScrapeException(String message) {
    super(message);
  }

  /**
   * @param message what failed, for the operator
   * @param cause the underlying error
   */
  public ScrapeException(String message, Throwable cause) {
    super(message, cause);
  }
}
