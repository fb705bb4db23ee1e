package io.palisade.agent.metrics;

/** The naming and formatting conventions of cardano-node's Prometheus endpoint. */
public enum MetricStyle {
  /**
   * iohk-monitoring ({@code UseTraceDispatcher: false}, node ≤ 10.5 default): no {@code # TYPE} lines, labels after
   * a space, some names without a type suffix ({@code peerSelection_hot}).
   */
  LEGACY,
  /**
   * trace-dispatcher's PrometheusSimple with {@code suffix} (node ≥ 10.6 default): {@code _int}, {@code _counter},
   * {@code _real} suffixes, {@code # TYPE} lines and a final {@code # EOF}.
   */
  NEW_TRACING,
  /** PrometheusSimple with {@code nosuffix}: the new names with the type suffix removed. */
  NEW_TRACING_NOSUFFIX
}
