package io.palisade.agent;

import java.time.Duration;

/** How close the operational certificate's KES key is to expiring, in the steps operators' alert rules use. */
public enum KesWarning {
  /** More than 10 days left. */
  NONE,
  /** 10 days or less left: plan the rotation. */
  WITHIN_10_DAYS,
  /** 5 days or less left: rotate now. */
  WITHIN_5_DAYS,
  /** 1 day or less left: the pool stops forging when it expires. */
  WITHIN_1_DAY,
  /** Expired: the node cannot forge. */
  EXPIRED;

  /** The warning for {@code left} time before expiry. */
  public static KesWarning of(Duration left) {
    if (left.isNegative() || left.isZero()) {
      return EXPIRED;
    }
    if (left.compareTo(Duration.ofDays(1)) <= 0) {
      return WITHIN_1_DAY;
    }
    if (left.compareTo(Duration.ofDays(5)) <= 0) {
      return WITHIN_5_DAYS;
    }
    if (left.compareTo(Duration.ofDays(10)) <= 0) {
      return WITHIN_10_DAYS;
    }
    return NONE;
  }
}
