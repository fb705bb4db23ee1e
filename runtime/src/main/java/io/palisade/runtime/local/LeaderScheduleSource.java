package io.palisade.runtime.local;

import io.palisade.control.LeaderCalendar;
import java.time.Instant;

/**
 * Where the runtime learns the block producer's leader slots, for leader-aware maintenance. Called on the control
 * loop's thread every pass: it must answer at once from what it knows, and do any slow work (reading the node's
 * ledger, a whole epoch of VRF evaluations) elsewhere.
 */
public interface LeaderScheduleSource extends AutoCloseable {
  /**
   * The leader slots known now.
   *
   * @param now the clock's time
   * @return the calendar: {@link LeaderCalendar#notForging()} when the producer has no keys,
   *     {@link LeaderCalendar#unknown()} while nothing is computed yet
   */
  LeaderCalendar calendar(Instant now);

  /** Stops any work in progress. */
  @Override
  default void close() {}
}
