package io.palisade.console.delay;

/**
 * A monotonic time source in nanoseconds, as {@link System#nanoTime()}: unaffected by changes to the wall clock, so
 * comparing the two reveals a wall clock that jumped. Tests supply one that moves with their fake wall clock.
 */
@FunctionalInterface
public interface Ticker {
  /**
   * @return nanoseconds since an arbitrary origin; only differences mean anything
   */
  long nanos();

  /**
   * @return the JVM's monotonic clock
   */
  static Ticker system() {
    return System::nanoTime;
  }
}
