package io.palisade.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A wall clock that runs {@code speed} times faster than the real one from a fixed origin, with a monotonic clock
 * ({@link #nanos}) that runs equally fast (so the console's clock guard sees no jump). Processes given the same origin
 * and speed agree on the time, also across restarts: the crash test's console and its client compute the same TOTP codes, and a 30-second
 * TOTP step passes in 30/speed real seconds.
 */
public final class ScaledClock extends Clock {
  private final long originMillis;
  private final int speed;

  /**
   * @param originMillis the real epoch milliseconds at which this clock equals the real one
   * @param speed how many times faster it runs
   */
  public ScaledClock(long originMillis, int speed) {
    this.originMillis = originMillis;
    this.speed = speed;
  }

  @Override
  public long millis() {
    return originMillis + (System.currentTimeMillis() - originMillis) * speed;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  /** @return a monotonic clock in nanoseconds, as {@link System#nanoTime()}, that runs as fast as this clock */
  public long nanos() {
    return System.nanoTime() * speed;
  }
}
