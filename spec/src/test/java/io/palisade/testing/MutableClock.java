package io.palisade.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one test clock every module's tests use (from this test-jar). {@link #stoppedAt} makes one that moves only when
 * the test moves it (for assertions that must hold within one TOTP step, one minute's budget or one slot: a running
 * clock crosses such a boundary between two readings now and then, and the test fails once in a while); the
 * no-argument constructor makes one that runs with real time (holds and deadlines pass as usual) and that a test
 * moves forward over what it does not want to wait for (a leader slot minutes ahead).
 *
 * <p>{@link #advance} moves both the wall clock and the monotonic clock {@link #nanos} (time really passed);
 * {@link #jumpWall} and {@link #set} move the wall clock alone (someone set the clock).
 */
public final class MutableClock extends Clock {
  private final Instant origin;
  private final AtomicReference<Duration> wallOffset = new AtomicReference<>(Duration.ZERO);
  private final AtomicLong monoOffsetNanos = new AtomicLong();

  /** A clock that starts at the real time and runs with it. */
  public MutableClock() {
    this(null);
  }

  private MutableClock(Instant origin) {
    this.origin = origin;
  }

  /**
   * @param at where it stands
   * @return a clock that stands still at {@code at} until advanced or set
   */
  public static MutableClock stoppedAt(Instant at) {
    return new MutableClock(Objects.requireNonNull(at, "at"));
  }

  /** @param d how far time passes at once (wall and monotonic) */
  public void advance(Duration d) {
    wallOffset.updateAndGet(o -> o.plus(d));
    monoOffsetNanos.addAndGet(d.toNanos());
  }

  /** @param d how far the wall clock alone is set (negative: back) */
  public void jumpWall(Duration d) {
    wallOffset.updateAndGet(o -> o.plus(d));
  }

  /** @param t what the wall clock reads from now on (the monotonic clock does not move) */
  public void set(Instant t) {
    wallOffset.set(Duration.between(base(), t));
  }

  /**
   * @return the monotonic clock in nanoseconds, as {@link System#nanoTime()}: it moves with {@link #advance} (and
   *     with real time when the clock runs), never with {@link #jumpWall} or {@link #set}
   */
  public long nanos() {
    return (origin == null ? System.nanoTime() : 0) + monoOffsetNanos.get();
  }

  private Instant base() {
    // A running clock reads whole milliseconds, as the system clock's millis(): the console stores times to the
    // millisecond, and a test comparing what it stored with what it computed must not see a sub-millisecond rest.
    return origin == null ? Instant.ofEpochMilli(System.currentTimeMillis()) : origin;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return base().plus(wallOffset.get());
  }
}
