package io.palisade.spec.binding;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;

/**
 * Durations as operators write them: {@code 90s}, {@code 10m}, {@code 2h}, {@code 7d}, {@code 1h30m}, or ISO-8601
 * ({@code PT2H}).
 */
public final class DurationText {
  private static final java.util.regex.Pattern SHORT =
      java.util.regex.Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  /** The JSON-schema pattern of what {@link #parse} accepts. */
  public static final String SCHEMA_PATTERN = "^((\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?|P.*)$";

  private DurationText() {}

  /**
   * @param text a duration such as {@code 2h}
   * @return the duration
   * @throws IllegalArgumentException with an example of the expected form
   */
  public static Duration parse(String text) {
    String t = text.trim();
    if (t.startsWith("P") || t.startsWith("p")) {
      try {
        return requireNonNegative(Duration.parse(t), text);
      } catch (DateTimeParseException e) {
        throw invalid(text);
      }
    }
    Matcher m = SHORT.matcher(t);
    if (t.isEmpty() || !m.matches()) {
      throw invalid(text);
    }
    try {
      Duration d = Duration.ZERO;
      d = d.plusDays(group(m, 1)).plusHours(group(m, 2)).plusMinutes(group(m, 3)).plusSeconds(group(m, 4));
      return d;
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("duration is too large: \"" + text + "\"");
    }
  }

  /**
   * Writes a duration in the short form {@link #parse} reads ({@code 2h}, {@code 1h30m}, {@code 0s}).
   *
   * @param d a non-negative duration
   * @return the short form
   */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long days = d.toDays();
    if (days > 0) {
      sb.append(days).append('d');
    }
    if (d.toHoursPart() > 0) {
      sb.append(d.toHoursPart()).append('h');
    }
    if (d.toMinutesPart() > 0) {
      sb.append(d.toMinutesPart()).append('m');
    }
    if (d.toSecondsPart() > 0 || sb.length() == 0) {
      sb.append(d.toSecondsPart()).append('s');
    }
    return sb.toString();
  }

  /**
   * Writes a duration for people, to its two largest units ({@code 850ms}, {@code 90s}, {@code 2m30s}, {@code 5h},
   * {@code 2d3h}): what messages and events say about waits, deadlines and clock skew. Apart from milliseconds, the
   * result is in the form {@link #parse} reads; a negative duration gets a minus sign.
   *
   * @param d any duration
   * @return the rounded-down short form
   */
  public static String approximate(Duration d) {
    if (d.isNegative()) {
      return "-" + approximate(d.negated());
    }
    long ms = d.toMillis();
    if (ms < 10_000 && ms % 1000 != 0) {
      return ms + "ms";
    }
    long s = d.toSeconds();
    if (s < 120) {
      return s + "s";
    }
    if (s < 7_200) {
      return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
    }
    if (s < 172_800) {
      return s / 3600 + "h" + (s % 3600 / 60 == 0 ? "" : s % 3600 / 60 + "m");
    }
    return s / 86_400 + "d" + (s % 86_400 / 3600 == 0 ? "" : s % 86_400 / 3600 + "h");
  }

  private static long group(Matcher m, int i) {
    return m.group(i) == null ? 0 : Long.parseLong(m.group(i));
  }

  private static Duration requireNonNegative(Duration d, String text) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, was: \"" + text + "\"");
    }
    return d;
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "must be a duration such as 90s, 10m, 2h, 7d or 1h30m, was: \"" + text + "\"");
  }
}
