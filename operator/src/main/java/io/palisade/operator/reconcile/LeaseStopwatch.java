package io.palisade.operator.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * The producer lease's waits (how long the holder has been in trouble, how long a move has fenced) on the operator's
 * monotonic clock. The Lease records in wall time when each began, so that a restarted operator finds the trouble and
 * the move again; but a wait measured as a difference of wall times would let a clock stepped forward on the
 * operator's node start a failover or a fencing kill early, and one stepped back hold them off. So a wait is what this
 * operator process measured on its monotonic clock since it first saw that beginning (as the single host measures
 * them, control's {@code Elapsed}); an operator restarted mid-wait counts again from its restart, which lengthens the
 * wait by at most its own length and never shortens it. One per operator process, shared by its passes.
 */
final class LeaseStopwatch {
  /** One wait: the beginning the Lease records, and the monotonic time this process first saw it. */
  private record Mark(Instant begun, long firstSeenNanos) {}

  private final LongSupplier ticker;
  private final ConcurrentMap<String, Mark> marks = new ConcurrentHashMap<>();

  /** @param ticker the monotonic clock in nanoseconds ({@code System::nanoTime}; a test's movable clock) */
  LeaseStopwatch(LongSupplier ticker) {
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  /**
   * How long the wait {@code key} has run.
   *
   * @param key which wait of which pool (a pool has at most one of each kind at a time)
   * @param begun when it began, as the Lease records it: a new beginning is a new wait
   * @return the monotonic time since this process first saw {@code begun} for {@code key}
   */
  Duration since(String key, Instant begun) {
    long now = ticker.getAsLong();
    Mark mark = marks.compute(key, (k, old) -> old != null && old.begun().equals(begun) ? old : new Mark(begun, now));
    return Duration.ofNanos(Math.max(0, now - mark.firstSeenNanos()));
  }

  /** Forgets the wait {@code key} (it ended): a later one with the same beginning counts from zero. */
  void end(String key) {
    marks.remove(key);
  }
}
