package io.palisade.agent.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The cardano-node metrics of one scrape, by {@link NodeMetric}, whatever style the node wrote them in. A metric the
 * node did not expose is <em>unknown</em>: every getter returns an empty optional, never 0 (after a restart
 * {@code slotNum} is absent until the first block is added; KES metrics exist only on block producers).
 */
public final class NodeMetrics {
  private final Map<NodeMetric, MetricSample> samples;
  private final MetricStyle style;
  private final int sampleCount;
  private final List<String> problems;
  private final int problemCount;

  private NodeMetrics(
      Map<NodeMetric, MetricSample> samples, MetricStyle style, int sampleCount, List<String> problems,
      int problemCount) {
    this.samples = samples;
    this.style = style;
    this.sampleCount = sampleCount;
    this.problems = problems;
    this.problemCount = problemCount;
  }

  /**
   * Picks the node metrics out of a parsed scrape.
   *
   * @param snapshot a parsed scrape
   * @return the metrics
   */
  public static NodeMetrics of(MetricsSnapshot snapshot) {
    Map<NodeMetric, MetricSample> found = new EnumMap<>(NodeMetric.class);
    int legacy = 0;
    int suffix = 0;
    int nosuffix = 0;
    for (MetricSample s : snapshot.samples()) {
      NodeMetric m = MetricNames.find(s.name());
      if (m == null || found.putIfAbsent(m, s) != null) {
        continue;
      }
      // Votes for the style: only spellings that belong to one style count.
      String name = s.name();
      int at = name.startsWith(MetricNames.PREFIX) ? MetricNames.PREFIX.length() : 0;
      boolean isLegacy = is(name, at, m.rawName(MetricStyle.LEGACY));
      boolean isNew = is(name, at, m.rawName(MetricStyle.NEW_TRACING));
      boolean isNosuffix = is(name, at, m.rawName(MetricStyle.NEW_TRACING_NOSUFFIX));
      if (isLegacy && !isNew && !isNosuffix) {
        legacy++;
      } else if (isNew && !isNosuffix && !isLegacy) {
        suffix++;
      } else if (isNosuffix && !isNew && !isLegacy) {
        nosuffix++;
      }
    }
    MetricStyle style;
    if (legacy > suffix && legacy > nosuffix) {
      style = MetricStyle.LEGACY;
    } else if (nosuffix > suffix) {
      style = MetricStyle.NEW_TRACING_NOSUFFIX;
    } else if (suffix > 0 || snapshot.terminatedByEof() || !snapshot.types().isEmpty()) {
      style = MetricStyle.NEW_TRACING;
    } else {
      style = MetricStyle.LEGACY;
    }
    return new NodeMetrics(found, style, snapshot.samples().size(), snapshot.problems(), snapshot.problemCount());
  }

  private static boolean is(String exposed, int offset, String candidate) {
    return candidate != null && exposed.length() - offset == candidate.length()
        && exposed.regionMatches(offset, candidate, 0, candidate.length());
  }

  /**
   * Parses a scrape and picks the node metrics out of it.
   *
   * @param text the scrape body
   * @return the metrics
   * @throws MetricsFormatException if the text is not a scrape
   */
  public static NodeMetrics parse(CharSequence text) throws MetricsFormatException {
    return of(PrometheusTextParser.parse(text));
  }

  /** The value as a whole number, or empty if the node did not expose it (or it is not whole). */
  public OptionalLong integer(NodeMetric metric) {
    MetricSample s = samples.get(Objects.requireNonNull(metric, "metric"));
    return s == null ? OptionalLong.empty() : s.asLong();
  }

  /** The value, or empty if the node did not expose it. */
  public OptionalDouble real(NodeMetric metric) {
    MetricSample s = samples.get(Objects.requireNonNull(metric, "metric"));
    return s == null ? OptionalDouble.empty() : OptionalDouble.of(s.value());
  }

  /** The labels of an info metric ({@link NodeMetric#BUILD_INFO}...), empty if absent. */
  public Map<String, String> labels(NodeMetric metric) {
    MetricSample s = samples.get(Objects.requireNonNull(metric, "metric"));
    return s == null ? Map.of() : s.labels();
  }

  /**
   * The name the node exposed a metric under, without the {@code cardano_node_metrics_} prefix (what an operator
   * greps for in the scrape), or empty if it did not expose it.
   */
  public Optional<String> exposedName(NodeMetric metric) {
    MetricSample s = samples.get(Objects.requireNonNull(metric, "metric"));
    if (s == null) {
      return Optional.empty();
    }
    String name = s.name();
    return Optional.of(name.startsWith(MetricNames.PREFIX) ? name.substring(MetricNames.PREFIX.length())
        : name);
  }

  /** Whether the node exposed the metric. */
  public boolean has(NodeMetric metric) {
    return samples.containsKey(metric);
  }

  /** The metrics found, with their samples. */
  public Map<NodeMetric, MetricSample> found() {
    return Collections.unmodifiableMap(samples);
  }

  /** The style the node writes in, judged from the names it used. */
  public MetricStyle style() {
    return style;
  }

  /** How many samples the scrape had in total (node metrics and others). */
  public int sampleCount() {
    return sampleCount;
  }

  /** The scrape's unreadable lines (see {@link MetricsSnapshot#problems()}). */
  public List<String> problems() {
    return problems;
  }

  /** How many lines were unreadable. */
  public int problemCount() {
    return problemCount;
  }
}
