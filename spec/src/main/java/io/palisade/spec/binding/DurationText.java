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
