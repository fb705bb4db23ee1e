package io.palisade.agent.metrics;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed scrape: its samples in order, the {@code # TYPE} declarations, whether it ended with {@code # EOF}, and the
 * lines that could not be read (skipped, so one odd line does not blind the agent to the rest).
 */
public final class MetricsSnapshot {
  private final List<MetricSample> samples;
  private final Map<String, MetricSample> byName;
  private final Map<String, String> types;
  private final boolean eof;
  private final List<String> problems;
  private final int problemCount;

  MetricsSnapshot(
      List<MetricSample> samples, Map<String, MetricSample> byName, Map<String, String> types, boolean eof,
      List<String> problems, int problemCount) {
    this.samples = Collections.unmodifiableList(samples);
    this.byName = byName;
    this.types = Collections.unmodifiableMap(types);
    this.eof = eof;
    this.problems = List.copyOf(problems);
    this.problemCount = problemCount;
  }

  /** Every sample, in the order of the text. */
  public List<MetricSample> samples() {
    return samples;
  }

  /** The first sample named {@code name}, if any. */
  public Optional<MetricSample> first(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Metric name to the type its {@code # TYPE} line declared (new tracing only; legacy has none). */
  public Map<String, String> types() {
    return types;
  }

  /** Whether the text ended with the OpenMetrics {@code # EOF} line. */
  public boolean terminatedByEof() {
    return eof;
  }

  /** The first few unreadable lines, each as "line N: why" (at most {@link PrometheusTextParser#MAX_PROBLEMS}). */
  public List<String> problems() {
    return problems;
  }

  /** How many lines could not be read, including those not kept in {@link #problems()}. */
  public int problemCount() {
    return problemCount;
  }
}
