package io.palisade.agent.metrics;

import java.util.OptionalLong;

/**
 * The number literals of the Prometheus text format, as {@link PrometheusTextParser} reads a sample's value and
 * timestamp: integers that fit a long, decimals and exponent floats (Haskell's {@code 5.0e-2} too) and the infinities;
 * never Java's extras (hex floats, a trailing {@code d} or {@code f}).
 */
final class PrometheusNumbers {
  private PrometheusNumbers() {}

  /** An integer literal that fits a long, or empty. */
  static OptionalLong integer(String text, int start, int end) {
    int i = start;
    boolean negative = false;
    if (i < end && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
      negative = text.charAt(i) == '-';
      i++;
    }
    if (i == end || end - i > 19) {
      return OptionalLong.empty();
    }
    long v = 0;
    for (; i < end; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return OptionalLong.empty();
      }
      int d = c - '0';
      if (v > (Long.MAX_VALUE - d) / 10) {
        return OptionalLong.empty();
      }
      v = v * 10 + d;
    }
    return OptionalLong.of(negative ? -v : v);
  }

  /**
   * A decimal, exponent or special value; NaN when the token is not a number (the parser tells a written NaN apart).
   */
  static double decimal(String text, int start, int end) {
    String token = text.substring(start, end);
    switch (token) {
      case "+Inf", "Inf", "+inf", "inf", "Infinity", "+Infinity" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-Inf", "-inf", "-Infinity" -> {
        return Double.NEGATIVE_INFINITY;
      }
      default -> {
        // Checked by hand: Double.parseDouble also takes hex floats and a trailing 'd' or 'f', which are not numbers
        // in this format.
        if (!isDecimal(token)) {
          return Double.NaN;
        }
        return Double.parseDouble(token);
      }
    }
  }

  /** Whether {@code t} is a decimal or exponent literal (no hex floats, no type suffix). */
  static boolean isDecimal(String t) {
    int i = 0;
    int n = t.length();
    if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
      i++;
      digits++;
    }
    if (i < n && t.charAt(i) == '.') {
      i++;
      while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
      i++;
      if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        return false;
      }
    }
    return i == n;
  }
}
