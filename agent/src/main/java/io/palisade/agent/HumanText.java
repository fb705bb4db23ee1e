package io.palisade.agent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** How the agent writes numbers for people: the reasons of a report and {@code palisade agent check}'s text. */
public final class HumanText {
  private HumanText() {}

  /**
   * A progress percentage with two decimals, rounded down: a replay at 99.998 % reads {@code 99.99 %}, never
   * {@code 100.00 %} while the node is still replaying.
   *
   * @param percent 0 to 100
   * @return e.g. {@code 99.99}
   */
  public static String progressPercent(double percent) {
    if (!Double.isFinite(percent)) {
      return Double.toString(percent);
    }
    return BigDecimal.valueOf(percent).setScale(2, RoundingMode.FLOOR).toPlainString();
  }

  /**
   * A duration as days from 48 hours on, else hours, else minutes: {@code 93 days}, {@code 36 h}, {@code 12 min}.
   *
   * @param d a non-negative duration
   * @return the text
   */
  public static String duration(Duration d) {
    long hours = d.toHours();
    if (hours >= 48) {
      return hours / 24 + " days";
    }
    return hours >= 1 ? hours + " h" : d.toMinutes() + " min";
  }
}
