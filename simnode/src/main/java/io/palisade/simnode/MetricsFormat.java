package io.palisade.simnode;

/** Which of cardano-node's Prometheus outputs the simulated node writes, as its config.json selects. */
public enum MetricsFormat {
  /** New tracing ({@code UseTraceDispatcher: true}), {@code PrometheusSimple suffix}: {@code _int}, {@code _counter}. */
  NEW_TRACING,
  /** New tracing with {@code PrometheusSimple nosuffix}: names without the type suffix. */
  NEW_TRACING_NOSUFFIX,
  /** The legacy iohk-monitoring output ({@code UseTraceDispatcher: false}, {@code hasPrometheus}). */
  LEGACY
}
