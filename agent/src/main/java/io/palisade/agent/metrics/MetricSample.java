package io.palisade.agent.metrics;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One sample line of a Prometheus text scrape.
 *
 * @param name the metric name as exposed (prefix included)
 * @param labels label name to value, empty when the line has none
 * @param value the value ({@code NaN} and infinities allowed, as Prometheus allows them)
 * @param integer the exact value when it was written as an integer that fits a long (doubles lose digits above 2^53)
 */
public record MetricSample(String name, Map<String, String> labels, double value, OptionalLong integer) {
  /** Copies the labels. */
  public MetricSample {
    Objects.requireNonNull(name, "name");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(integer, "integer");
  }

  /**
   * The value as a whole number: the exact integer when written as one, else the double if it is integral and
   * finite.
   */
  public OptionalLong asLong() {
    if (integer.isPresent()) {
      return integer;
    }
    if (Double.isFinite(value) && value == Math.rint(value) && Math.abs(value) < 0x1p63) {
      return OptionalLong.of((long) value);
    }
    return OptionalLong.empty();
  }
}
