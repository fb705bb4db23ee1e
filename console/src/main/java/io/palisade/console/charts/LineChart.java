package io.palisade.console.charts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A small line chart of one quantity over a time window, as SVG (pure): time left to right ({@code -6 h} to
 * {@code now}), the value bottom to top from 0 to a round maximum. A sample without a value, or a stretch longer than
 * {@link #BREAK_AFTER} without samples (the console was stopped or did not reach the pool), breaks the line; a lone
 * sample is a dot. Samples outside the window are left out.
 */
public final class LineChart {
  static final int WIDTH = 300;
  static final int HEIGHT = 80;
  static final int LEFT = 34;
  static final int RIGHT = 6;
  static final int TOP = 6;
  static final int BOTTOM = 16;
  /** Samples further apart than this are not joined: the console did not observe in between. */
  static final Duration BREAK_AFTER = PoolHistory.SPACING.multipliedBy(3);

  /**
   * One value at one time.
   *
   * @param at when
   * @param value the value, empty when it was not known then
   */
  public record Point(Instant at, OptionalLong value) {}

  private LineChart() {}

  /**
   * @param cssClass the chart's class ({@code chart chart-gap})
   * @param label what it shows, for its title ({@code relay-eu-0: tip gap in slots})
   * @param points the samples, oldest first
   * @param from the window's start
   * @param to the window's end (now)
   * @return the SVG markup
   */
  public static String render(String cssClass, String label, List<Point> points, Instant from, Instant to) {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("the window must end after it starts: " + from + " .. " + to);
    }
    List<Point> inside = points.stream().filter(p -> !p.at().isBefore(from) && !p.at().isAfter(to)).toList();
    long max = roundMax(inside.stream().filter(p -> p.value().isPresent()).mapToLong(p -> p.value().getAsLong())
        .max().orElse(0));
    String last = inside.isEmpty() || inside.get(inside.size() - 1).value().isEmpty() ? "no value"
        : "now " + inside.get(inside.size() - 1).value().getAsLong();
    Svg svg = Svg.start(cssClass, WIDTH, HEIGHT, label + " over the last " + hours(from, to) + ": " + (inside.isEmpty()
        ? "no samples yet" : last + ", highest " + (inside.stream().anyMatch(p -> p.value().isPresent())
        ? Long.toString(max(inside)) : "unknown")));
    int bottom = HEIGHT - BOTTOM;
    svg.empty("line", "class", "chart-axis", "x1", Svg.num(LEFT), "y1", Svg.num(bottom), "x2",
        Svg.num(WIDTH - RIGHT), "y2", Svg.num(bottom));
    svg.empty("line", "class", "chart-grid", "x1", Svg.num(LEFT), "y1", Svg.num(TOP), "x2", Svg.num(WIDTH - RIGHT),
        "y2", Svg.num(TOP));
    svg.text("text", Long.toString(max), "class", "chart-label", "x", Svg.num(LEFT - 3), "y", Svg.num(TOP + 4),
        "text-anchor", "end");
    svg.text("text", "0", "class", "chart-label", "x", Svg.num(LEFT - 3), "y", Svg.num(bottom), "text-anchor", "end");
    svg.text("text", "-" + hours(from, to), "class", "chart-label", "x", Svg.num(LEFT), "y", Svg.num(HEIGHT - 3));
    svg.text("text", "now", "class", "chart-label", "x", Svg.num(WIDTH - RIGHT), "y", Svg.num(HEIGHT - 3),
        "text-anchor", "end");
    if (inside.isEmpty() || inside.stream().noneMatch(p -> p.value().isPresent())) {
      // No samples, or samples without a value (a runtime that does not report this quantity, as Kubernetes' tip gap).
      svg.text("text", inside.isEmpty() ? "no samples yet" : "not reported", "class", "chart-empty", "x", Svg.num((LEFT + WIDTH - RIGHT) / 2.0), "y",
          Svg.num((TOP + bottom) / 2.0 + 4), "text-anchor", "middle");
      return svg.end();
    }
    for (List<Point> run : runs(inside)) {
      if (run.size() == 1) {
        Point p = run.get(0);
        svg.empty("circle", "class", "chart-dot", "cx", Svg.num(x(p.at(), from, to)), "cy",
            Svg.num(y(p.value().getAsLong(), max)), "r", "2");
      } else {
        StringBuilder pts = new StringBuilder();
        for (Point p : run) {
          pts.append(pts.isEmpty() ? "" : " ").append(Svg.num(x(p.at(), from, to))).append(',')
              .append(Svg.num(y(p.value().getAsLong(), max)));
        }
        svg.empty("polyline", "class", "chart-line", "fill", "none", "points", pts.toString());
      }
    }
    return svg.end();
  }

  /** The stretches of consecutive samples with values and no break between them, in order. */
  static List<List<Point>> runs(List<Point> points) {
    List<List<Point>> runs = new ArrayList<>();
    List<Point> run = new ArrayList<>();
    Instant previous = null;
    for (Point p : points) {
      boolean broken = p.value().isEmpty() || previous != null && p.at().isAfter(previous.plus(BREAK_AFTER));
      if (broken && !run.isEmpty()) {
        runs.add(run);
        run = new ArrayList<>();
      }
      if (p.value().isPresent()) {
        run.add(p);
      }
      previous = p.at();
    }
    if (!run.isEmpty()) {
      runs.add(run);
    }
    return runs;
  }

  /**
   * The top of the scale: the smallest of 1, 2, 5 times a power of ten at or above the highest value (at least 1,
   * so a flat zero line sits at the bottom).
   *
   * @param highest the highest value
   * @return the scale's maximum
   */
  static long roundMax(long highest) {
    long step = 1;
    while (true) {
      for (long m : new long[] {1, 2, 5}) {
        if (m * step >= highest) {
          return m * step;
        }
      }
      if (step > Long.MAX_VALUE / 10) {
        return Long.MAX_VALUE;
      }
      step *= 10;
    }
  }

  static double x(Instant t, Instant from, Instant to) {
    double span = Duration.between(from, to).toMillis();
    return LEFT + Duration.between(from, t).toMillis() / span * (WIDTH - LEFT - RIGHT);
  }

  static double y(long v, long max) {
    double plot = HEIGHT - BOTTOM - TOP;
    return HEIGHT - BOTTOM - Math.min(1.0, Math.max(0, v) / (double) max) * plot;
  }

  private static long max(List<Point> points) {
    return points.stream().filter(p -> p.value().isPresent()).mapToLong(p -> p.value().getAsLong()).max().orElse(0);
  }

  private static String hours(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    return d.toMinutesPart() == 0 && d.toHours() > 0 ? d.toHours() + " h" : d.toMinutes() + " min";
  }
}
