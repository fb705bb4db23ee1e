package io.palisade.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The one way palisade prints a time: UTC, ISO 8601, to the second ({@code 2026-12-03T11:37:00Z}), in {@code status},
 * events, {@code --wait} lines and dates alike; what {@code --at} flags accept back. {@code --json} keeps full
 * precision.
 */
public final class CliTime {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  private CliTime() {}

  /** {@code 2026-12-03T11:37:00Z}. */
  public static String format(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** The date alone, for times days away: {@code 2026-12-03}. */
  public static String date(Instant t) {
    return DATE.format(t);
  }

  /** A duration for people: {@code 45s}, {@code 3m 05s}, {@code 2h 10m}, {@code 4d 3h}. */
  public static String duration(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
    }
    if (s < 86_400) {
      return String.format(Locale.ROOT, "%dh %02dm", s / 3600, s / 60 % 60);
    }
    return String.format(Locale.ROOT, "%dd %dh", s / 86_400, s / 3600 % 24);
  }
}
