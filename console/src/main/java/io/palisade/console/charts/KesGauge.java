package io.palisade.console.charts;

import java.time.Duration;
import java.util.Optional;

/**
 * The KES countdown as a bar (pure SVG): the days left until the operational certificate expires, on a logarithmic
 * scale up to {@link #SCALE_DAYS} days (so the last days, where it matters, are wide), with marks at the alert
 * thresholds of 10, 5 and 1 days (the ones {@code palisade render}'s alerting rules use). The bar's class says which
 * threshold it passed: {@code kes-ok}, {@code kes-warn} (10 days or less), {@code kes-bad} (5), {@code kes-critical}
 * (1 day or less, or expired).
 */
public final class KesGauge {
  static final int WIDTH = 300;
  static final int HEIGHT = 44;
  static final int LEFT = 4;
  static final int RIGHT = 4;
  static final int BAR_TOP = 4;
  static final int BAR_HEIGHT = 18;
  /** The scale's end: a mainnet operational certificate lasts 62 KES periods of 36 hours (93 days). */
  static final double SCALE_DAYS = 93;
  /** The alert thresholds in days, as the marks show them. */
  static final int[] THRESHOLDS = {10, 5, 1};

  private KesGauge() {}

  /**
   * @param node the node the certificate is for
   * @param left how long until it expires (negative: expired), empty when not known
   * @return the SVG markup
   */
  public static String render(String node, Optional<Duration> left) {
    String label = node + ": KES expiry " + left.map(KesGauge::words).orElse("not known");
    Svg svg = Svg.start("gauge gauge-kes", WIDTH, HEIGHT, label);
    double plot = WIDTH - LEFT - RIGHT;
    svg.empty("rect", "class", "gauge-track", "x", Svg.num(LEFT), "y", Svg.num(BAR_TOP), "width", Svg.num(plot),
        "height", Svg.num(BAR_HEIGHT));
    if (left.isPresent()) {
      double days = left.get().toSeconds() / 86_400.0;
      svg.empty("rect", "class", "gauge-bar " + level(days), "x", Svg.num(LEFT), "y", Svg.num(BAR_TOP), "width",
          Svg.num(position(days) * plot), "height", Svg.num(BAR_HEIGHT));
    }
    for (int t : THRESHOLDS) {
      double x = LEFT + position(t) * plot;
      svg.empty("line", "class", "gauge-mark", "x1", Svg.num(x), "y1", Svg.num(BAR_TOP - 2), "x2", Svg.num(x), "y2",
          Svg.num(BAR_TOP + BAR_HEIGHT + 2));
      svg.text("text", t + " d", "class", "chart-label", "x", Svg.num(x), "y", Svg.num(HEIGHT - 6), "text-anchor",
          "middle");
    }
    // Below the bar, at its right end: clear of the threshold marks (the 10-day mark sits at 53 %).
    svg.text("text", left.map(KesGauge::words).orElse("not known"), "class", "gauge-value", "x",
        Svg.num(WIDTH - RIGHT), "y", Svg.num(HEIGHT - 4), "text-anchor", "end");
    return svg.end();
  }

  /**
   * Where {@code days} sits on the bar, from 0 (expired) to 1 ({@link #SCALE_DAYS} or more): {@code ln(1 + d) /
   * ln(1 + 93)}, so 1 day is at 15 %, 5 days at 39 %, 10 days at 53 %.
   *
   * @param days days left (negative: expired)
   * @return the fraction of the bar
   */
  static double position(double days) {
    double d = Math.max(0, Math.min(days, SCALE_DAYS));
    return Math.log1p(d) / Math.log1p(SCALE_DAYS);
  }

  /**
   * @param days days left
   * @return the bar's class: the lowest threshold passed
   */
  static String level(double days) {
    if (days <= 1) {
      return "kes-critical";
    }
    if (days <= 5) {
      return "kes-bad";
    }
    if (days <= 10) {
      return "kes-warn";
    }
    return "kes-ok";
  }

  private static String words(Duration left) {
    if (left.isNegative() || left.isZero()) {
      return "EXPIRED";
    }
    long days = left.toDays();
    return days > 0 ? days + " d " + left.toHoursPart() + " h left" : left.toHours() + " h "
        + left.toMinutesPart() + " min left";
  }
}
