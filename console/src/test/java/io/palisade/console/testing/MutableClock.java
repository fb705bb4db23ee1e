package io.palisade.console.testing;

import io.palisade.console.delay.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test clock that runs with real time from a settable origin. {@link #advance} moves both the wall clock and the
 * monotonic ticker (time really passed); {@link #jumpWall} moves only the wall clock (someone set the clock).
 */
public final class MutableClock extends Clock {
  private final AtomicLong wallOffsetMillis = new AtomicLong();
  private final AtomicLong monoOffsetNanos = new AtomicLong();

  /** Starts at the real time. */
  public MutableClock() {}

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
    return () -> System.nanoTime() + monoOffsetNanos.get();
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
    return System.currentTimeMillis() + wallOffsetMillis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }
}
