package io.palisade.agent.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes node metrics as cardano-node would expose them in a given {@link MetricStyle}: what the simulated node
 * serves, and what tests feed the parser. Legacy output has no {@code # TYPE} lines and puts a space before labels;
 * new tracing writes {@code # TYPE} lines for gauges, counters and info metrics (none for reals, as
 * trace-dispatcher does) and ends with {@code # EOF}.
 *
 * <pre>{@code
 * String body = new MetricsExposition(MetricStyle.NEW_TRACING)
 *     .value(NodeMetric.SLOT_NUM, 14351).value(NodeMetric.DENSITY, 0.05)
 *     .info(NodeMetric.BUILD_INFO, Map.of("version", "10.5.0"))
 *     .render();
 * }</pre>
 */
public final class MetricsExposition {
  private final MetricStyle style;
  private final boolean prefixed;
  private final Map<String, String> lines = new LinkedHashMap<>();

  /**
   * Output with the {@code cardano_node_metrics_} prefix, as official configurations produce.
   *
   * @param style the naming and format
   */
  public MetricsExposition(MetricStyle style) {
    this(style, true);
  }

  /**
   * @param style the naming and format
   * @param prefixed whether names carry the {@code cardano_node_metrics_} prefix
   */
  public MetricsExposition(MetricStyle style, boolean prefixed) {
    this.style = Objects.requireNonNull(style, "style");
    this.prefixed = prefixed;
  }

  /** Adds a metric; skipped when the style does not have it (new-only metrics in legacy output). */
  public MetricsExposition value(NodeMetric metric, double value) {
    name(metric).ifPresent(n -> put(n, metric.kind(), "", format(value, metric.kind() == NodeMetric.Kind.REAL)));
    return this;
  }

  /** Adds an info metric with its labels and the value 1. */
  public MetricsExposition info(NodeMetric metric, Map<String, String> labels) {
    name(metric).ifPresent(n -> put(n, NodeMetric.Kind.INFO, labels(labels), "1"));
    return this;
  }

  /** Adds a metric Palisade does not catalogue, under its exact name (for example the RTS's {@code rts_gc_*}). */
  public MetricsExposition other(String exactName, double value) {
    put(exactName, null, "", format(value, false));
    return this;
  }

  /** The scrape body. */
  public String render() {
    StringBuilder sb = new StringBuilder(lines.size() * 64);
    lines.values().forEach(sb::append);
    if (style != MetricStyle.LEGACY) {
      sb.append("# EOF\n");
    }
    return sb.toString();
  }

  private java.util.Optional<String> name(NodeMetric metric) {
    return (prefixed ? metric.name(style) : metric.unprefixedName(style));
  }

  private void put(String name, NodeMetric.Kind kind, String labels, String value) {
    StringBuilder line = new StringBuilder();
    if (style != MetricStyle.LEGACY && kind != null && kind != NodeMetric.Kind.REAL) {
      line.append("# TYPE ").append(name).append(' ').append(switch (kind) {
        case GAUGE -> "gauge";
        case COUNTER -> "counter";
        default -> "info";
      }).append('\n');
    }
    line.append(name);
    if (!labels.isEmpty()) {
      // The legacy exporter writes "name {labels} v"; PrometheusSimple writes "name{labels} v".
      line.append(style == MetricStyle.LEGACY ? " " : "").append(labels);
    }
    line.append(' ').append(value).append('\n');
    lines.put(name, line.toString());
  }

  private static String labels(Map<String, String> labels) {
    StringBuilder sb = new StringBuilder("{");
    labels.forEach((k, v) -> {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append(k).append("=\"")
          .append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
    });
    return sb.append('}').toString();
  }

  /** Whole values print as integers; reals as Haskell's {@code show} would ({@code 5.0e-2}, {@code 1.0}). */
  private static String format(double v, boolean real) {
    if (!real && v == Math.rint(v) && Math.abs(v) < 0x1p53) {
      return Long.toString((long) v);
    }
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    String s = Double.toString(v);
    return s.replace("E", "e");
  }
}
