package io.palisade.console.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the pages show times and durations (UTC, to the second; durations in days, hours, minutes). */
final class Formats {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private Formats() {}

  static String instant(Instant t) {
    return t == null ? "" : UTC.format(t);
  }

  static String duration(Duration d) {
    if (d.isNegative() || d.isZero()) {
      return "now";
    }
    long days = d.toDays();
    if (days > 0) {
      return days + " d " + d.toHoursPart() + " h " + d.toMinutesPart() + " min";
    }
    if (d.toHours() > 0) {
      return d.toHours() + " h " + d.toMinutesPart() + " min";
    }
    if (d.toMinutes() > 0) {
      return d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }
    return d.toSeconds() + " s";
  }
}
