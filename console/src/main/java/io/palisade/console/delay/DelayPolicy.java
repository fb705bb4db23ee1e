package io.palisade.console.delay;

import java.time.Duration;

/**
 * How long destructive actions wait. {@link #FLOOR} is a constant of the code: no setting, stored value, API call or
 * delayed action can go below it (the database has the same floor as a constraint). A longer delay can be configured;
 * lowering it again is itself a destructive action.
 */
public final class DelayPolicy {
  /** Seven days: the least any destructive action waits. */
  public static final Duration FLOOR = Duration.ofDays(7);

  /** The longest delay accepted (longer would let a hostile change lock the operators out of urgent fixes). */
  public static final Duration CEILING = Duration.ofDays(90);

  /** The shortest grace period after which a due action that did not run expires. */
  public static final Duration MIN_GRACE = Duration.ofHours(1);

  private DelayPolicy() {}

  /**
   * @param delay a proposed delay
   * @return the delay
   * @throws IllegalArgumentException when it is below the floor or above the ceiling
   */
  public static Duration checkDelay(Duration delay) {
    if (delay == null || delay.compareTo(FLOOR) < 0) {
      throw new IllegalArgumentException("the destructive-action delay must be at least " + days(FLOOR)
          + " (a floor no setting can lower), was: " + (delay == null ? "none" : days(delay)));
    }
    if (delay.compareTo(CEILING) > 0) {
      throw new IllegalArgumentException("the destructive-action delay must be at most " + days(CEILING)
          + ", was: " + days(delay));
    }
    return delay;
  }

  /**
   * @param grace a proposed grace period
   * @return the grace period
   * @throws IllegalArgumentException when shorter than {@link #MIN_GRACE} or longer than the ceiling
   */
  public static Duration checkGrace(Duration grace) {
    if (grace == null || grace.compareTo(MIN_GRACE) < 0 || grace.compareTo(CEILING) > 0) {
      throw new IllegalArgumentException("the grace period must be between 1 hour and 90 days, was: " + grace);
    }
    return grace;
  }

  /**
   * The delay to apply: never below the floor, whatever was stored.
   *
   * @param stored the stored delay
   * @return {@code max(FLOOR, stored)}
   */
  public static Duration effective(Duration stored) {
    return stored == null || stored.compareTo(FLOOR) < 0 ? FLOOR : stored;
  }

  /**
   * @param d a duration
   * @return it in days and hours, for messages
   */
  public static String days(Duration d) {
    long h = d.toHours();
    return h % 24 == 0 ? (h / 24) + " days" : (h / 24) + " days " + (h % 24) + " h";
  }
}
