package io.palisade.agent;

import io.palisade.agent.metrics.NodeMetric;
import io.palisade.agent.metrics.NodeMetrics;
import io.palisade.chain.ChainClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The KES status from whatever the node and the operator give: the certificate's start period comes from the node's
 * {@code operationalCertificateStartKESPeriod}, else the opcert file, else the node's
 * {@code operationalCertificateExpiryKESPeriod} minus {@code maxKESEvolutions}, else its {@code currentKESPeriod} (or
 * the chain clock's) plus {@code remainingKESPeriods} minus {@code maxKESEvolutions}. Older nodes (1.35.x) expose the
 * last three but not the start period. The status says which it used. Pure.
 */
final class KesAssessment {
  private KesAssessment() {}

  /**
   * Assesses the KES key, adding {@code kes:} and {@code warning:} reasons.
   *
   * @param metrics the scrape, if it worked
   * @param obs the observation (for the opcert file)
   * @param clock the chain clock
   * @param at the observation's instant
   * @param reasons where reasons go
   * @return the status, or empty when nothing tells the start period
   */
  static Optional<KesStatus> assess(
      Optional<NodeMetrics> metrics, NodeObservation obs, ChainClock clock, Instant at, List<String> reasons) {
    obs.opcertError().ifPresent(e -> reasons.add("kes: cannot read the operational certificate: " + e));
    int max = clock.genesis().maxKesEvolutions();
    long current = clock.kesPeriodAt(at);
    Optional<OperationalCertificate> cert = obs.opcert();
    OptionalLong metricStart = integer(metrics, NodeMetric.OPCERT_START_KES_PERIOD);
    OptionalLong metricExpiry = integer(metrics, NodeMetric.OPCERT_EXPIRY_KES_PERIOD);
    OptionalLong metricCurrent = integer(metrics, NodeMetric.CURRENT_KES_PERIOD);
    OptionalLong nodeRemaining = integer(metrics, NodeMetric.REMAINING_KES_PERIODS);
    long start;
    String basis;
    if (metricStart.isPresent()) {
      start = metricStart.getAsLong();
      basis = name(metrics, NodeMetric.OPCERT_START_KES_PERIOD);
    } else if (cert.isPresent()) {
      start = cert.get().kesPeriod();
      basis = "the opcert file";
    } else if (metricExpiry.isPresent()) {
      start = metricExpiry.getAsLong() - max;
      basis = name(metrics, NodeMetric.OPCERT_EXPIRY_KES_PERIOD) + " - " + max + " (maxKESEvolutions)";
    } else if (nodeRemaining.isPresent()) {
      long nodeCurrent = metricCurrent.orElse(current);
      start = nodeCurrent + nodeRemaining.getAsLong() - max;
      basis = (metricCurrent.isPresent() ? name(metrics, NodeMetric.CURRENT_KES_PERIOD)
          : "the chain clock's KES period") + " + " + name(metrics, NodeMetric.REMAINING_KES_PERIODS) + " - " + max
          + " (maxKESEvolutions)";
    } else {
      return Optional.empty();
    }
    long remaining = clock.kesPeriodsRemaining(start, at);
    Instant expires = clock.opcertExpiry(start);
    Instant validFrom = clock.startOfKesPeriod(start);
    KesWarning warning = KesWarning.of(Duration.between(at, expires));
    OptionalLong counter = cert.map(c -> OptionalLong.of(c.issueCounter())).orElse(OptionalLong.empty());
    KesStatus status = new KesStatus(current, remaining, expires, start, start + max, counter, nodeRemaining, warning,
        validFrom, basis);
    String counterText = counter.isPresent() ? ", counter " + counter.getAsLong() : "";
    if (!status.validYet()) {
      reasons.add("kes: the operational certificate is not valid yet: it starts at KES period " + start
          + ", after the current period " + current + " (valid from " + validFrom + " until " + expires + counterText
          + "; from " + basis + ")");
      reasons.add("warning: the opcert starts at KES period " + start + ", after the current period " + current
          + ": the node cannot forge until then (" + HumanText.duration(Duration.between(at, validFrom)) + ")");
    } else {
      reasons.add("kes: " + status.usablePeriodsLeft() + " of " + max + " KES periods left (current period "
          + current + ", opcert start " + start + counterText + "), expires " + expires
          + (remaining > 0 ? " (in " + HumanText.duration(Duration.between(at, expires)) + ")" : "") + "; from "
          + basis);
    }
    if (warning != KesWarning.NONE) {
      reasons.add("warning: " + (warning == KesWarning.EXPIRED
          ? "the KES key has expired: the node cannot forge; issue a new operational certificate"
          : "the KES key expires " + describe(warning) + ": rotate the KES key and issue a new operational"
              + " certificate"));
    }
    OptionalLong nodeStart = metricStart.isPresent() ? metricStart
        : metricExpiry.isPresent() ? OptionalLong.of(metricExpiry.getAsLong() - max) : OptionalLong.empty();
    if (nodeStart.isPresent() && cert.isPresent() && cert.get().kesPeriod() != nodeStart.getAsLong()) {
      reasons.add("warning: the node runs an opcert starting at KES period " + nodeStart.getAsLong()
          + " but the opcert file starts at " + cert.get().kesPeriod()
          + ": restart the node to load the new certificate");
    }
    return Optional.of(status);
  }

  private static OptionalLong integer(Optional<NodeMetrics> metrics, NodeMetric metric) {
    return metrics.isPresent() ? metrics.get().integer(metric) : OptionalLong.empty();
  }

  /** The name the node exposed a metric under, without the common prefix. */
  private static String name(Optional<NodeMetrics> metrics, NodeMetric metric) {
    return metrics.flatMap(m -> m.exposedName(metric)).orElse(metric.name());
  }

  private static String describe(KesWarning w) {
    return switch (w) {
      case WITHIN_1_DAY -> "within 1 day";
      case WITHIN_5_DAYS -> "within 5 days";
      case WITHIN_10_DAYS -> "within 10 days";
      default -> "";
    };
  }
}
