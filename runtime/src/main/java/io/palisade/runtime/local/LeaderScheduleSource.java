package io.palisade.runtime.local;

import io.palisade.control.LeaderCalendar;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the runtime learns the block producer's leader slots: the one cached schedule that leader-aware maintenance,
 * the slot ledger and {@code palisade up}'s output all read ({@link LocalPool#leaderSchedule()}), so an epoch is
 * computed once, not once per reader. Called on the control loop's thread every pass and from the readers' own
 * threads: it must answer at once from what it knows, and do any slow work (reading the node's ledger, a whole epoch
 * of VRF evaluations) elsewhere.
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

  /**
   * The leader slots of one epoch, from the cache (asking for the epoch starts its computation if it is the current
   * or the next one and not cached yet).
   *
   * @param epoch the epoch
   * @param now the clock's time
   * @return the slots in slot order (empty list: the producer leads none, or has no keys), or empty while the epoch
   *     is not computed (yet)
   */
  default Optional<List<LeaderCalendar.Slot>> epoch(long epoch, Instant now) {
    return Optional.empty();
  }

  /** Stops any work in progress. */
  @Override
  default void close() {}
}
