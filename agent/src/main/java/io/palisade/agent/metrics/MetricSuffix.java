package io.palisade.agent.metrics;

/**
 * The type suffixes of the new tracing system. Separate from {@link MetricNames} so that {@link NodeMetric}'s
 * constants can use it while {@link MetricNames} indexes them (no class-initialisation cycle).
 */
final class MetricSuffix {
  private static final String[] SUFFIXES = {"_int", "_counter", "_real"};

  private MetricSuffix() {}

  /** {@code name} without a trailing {@code _int}, {@code _counter} or {@code _real}. */
  static String strip(String name) {
    for (String s : SUFFIXES) {
      if (name.endsWith(s)) {
        return name.substring(0, name.length() - s.length());
      }
    }
    return name;
  }
}
