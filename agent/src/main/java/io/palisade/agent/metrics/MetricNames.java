package io.palisade.agent.metrics;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Looks up cardano-node metrics by any of their exposed names: legacy, new tracing with or without suffix, with or
 * without the {@code cardano_node_metrics_} prefix (new tracing omits it when {@code TraceOptionMetricsPrefix} is not
 * configured). The catalogue itself is {@link NodeMetric}.
 *
 * <pre>{@code
 * MetricNames.lookup("cardano_node_metrics_peerSelection_hot");  // Optional[HOT_PEERS]
 * NodeMetric.HOT_PEERS.name(MetricStyle.NEW_TRACING);            // cardano_node_metrics_peerSelection_Hot_int
 * }</pre>
 */
public final class MetricNames {
  /** The prefix official configurations give every node metric ({@code cardano.node.metrics.} mangled). */
  public static final String PREFIX = "cardano_node_metrics_";

  private static final Map<String, NodeMetric> BY_NAME = index();
  /** Every spelling, with and without the prefix: one hash lookup per scraped line, no substring. */
  private static final Map<String, NodeMetric> BY_EXPOSED_NAME = withPrefixes(BY_NAME);

  private MetricNames() {}

  /**
   * The metric an exposed name denotes.
   *
   * @param exposedName a name as scraped, prefixed or not, in any style
   * @return the metric, or empty for names Palisade does not use
   */
  public static Optional<NodeMetric> lookup(String exposedName) {
    return Optional.ofNullable(BY_EXPOSED_NAME.get(exposedName));
  }

  /** {@link #lookup} without the Optional, for the parser's hot path. */
  static NodeMetric find(String exposedName) {
    return BY_EXPOSED_NAME.get(exposedName);
  }

  /** Every spelling (unprefixed) mapped to its metric. */
  public static Map<String, NodeMetric> spellings() {
    return Collections.unmodifiableMap(BY_NAME);
  }

  /**
   * Removes a trailing {@code _int}, {@code _counter} or {@code _real}: what PrometheusSimple's {@code nosuffix}
   * option does (trace-dispatcher {@code Prometheus/Exposition.hs stripSuffix}).
   */
  public static String stripSuffix(String name) {
    return MetricSuffix.strip(name);
  }

  private static Map<String, NodeMetric> withPrefixes(Map<String, NodeMetric> unprefixed) {
    Map<String, NodeMetric> map = new HashMap<>(unprefixed);
    unprefixed.forEach((name, metric) -> map.put(PREFIX + name, metric));
    return map;
  }

  private static Map<String, NodeMetric> index() {
    Map<String, NodeMetric> map = new HashMap<>();
    for (NodeMetric m : NodeMetric.values()) {
      for (MetricStyle style : MetricStyle.values()) {
        m.unprefixedName(style).ifPresent(n -> {
          NodeMetric other = map.putIfAbsent(n, m);
          if (other != null && other != m) {
            throw new IllegalStateException("metric name " + n + " is claimed by both " + other + " and " + m);
          }
        });
      }
    }
    return map;
  }
}
