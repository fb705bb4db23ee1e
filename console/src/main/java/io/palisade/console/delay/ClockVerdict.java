package io.palisade.console.delay;

import java.time.Duration;
import java.time.Instant;

/**
 * What the clock guard says about the wall clock.
 *
 * @param held whether execution of due actions is held
 * @param reason why, when held
 * @param since when the hold began (the wall clock's time then), when held
 * @param forwardJump how far the clock jumped forward in total while held (added to every pending action's wait on
 *     release)
 */
public record ClockVerdict(boolean held, String reason, Instant since, Duration forwardJump) {
  /** The clock is trusted. */
  public static final ClockVerdict OK = new ClockVerdict(false, "", Instant.EPOCH, Duration.ZERO);
}
