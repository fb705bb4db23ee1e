package io.palisade.console.testing;

import io.palisade.console.delay.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test clock. By default it runs with real time from a settable origin; {@link #stoppedAt} makes one that moves
 * only when the test moves it (for tests whose assertions hold within one TOTP step or one minute's budget: a running
 * clock crosses such a boundary between two readings now and then, and the test fails once in a while).
 * {@link #advance} moves both the wall clock and the monotonic ticker (time really passed); {@link #jumpWall} moves
 * only the wall clock (someone set the clock).
 */
public final class MutableClock extends Clock {
  private final boolean running;
  private final long originMillis;
  private final AtomicLong wallOffsetMillis = new AtomicLong();
  private final AtomicLong monoOffsetNanos = new AtomicLong();

  /** Starts at the real time, and runs with it. */
  public MutableClock() {
    this(true, 0);
  }

  private MutableClock(boolean running, long originMillis) {
    this.running = running;
    this.originMillis = originMillis;
  }

  /**
   * @param at where it stands
   * @return a clock that stands still at {@code at} until advanced or set
   */
  public static MutableClock stoppedAt(Instant at) {
    return new MutableClock(false, at.toEpochMilli());
  }

  /** @param d how far time passes at once (wall and monotonic) */
  public void advance(Duration d) {
    wallOffsetMillis.addAndGet(d.toMillis());
    monoOffsetNanos.addAndGet(d.toNanos());
  }

  /** @param d how far the wall clock alone is set (negative: back) */
  public void jumpWall(Duration d) {
    wallOffsetMillis.addAndGet(d.toMillis());
  }

  /** @return the monotonic clock that moves with {@link #advance} */
  public Ticker ticker() {
    return () -> (running ? System.nanoTime() : 0) + monoOffsetNanos.get();
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
  public long millis() {
    return (running ? System.currentTimeMillis() : originMillis) + wallOffsetMillis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }
}
