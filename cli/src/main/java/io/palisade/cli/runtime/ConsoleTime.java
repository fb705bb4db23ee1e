package io.palisade.cli.runtime;

import io.palisade.console.delay.ChainTimeReference;
import io.palisade.console.delay.Ticker;
import java.time.Clock;

/**
 * The time sources the console of {@code palisade up} measures its delay with: the wall clock, the monotonic ticker
 * it is checked against, and the chain's time as the pool's node tips give it. In production they are the system's
 * and the nodes'; only code in the same JVM can substitute others (the end-to-end test moves all three together,
 * as if days had passed).
 */
interface ConsoleTime {
  /** The system clock, the JVM's monotonic clock, the nodes' tips as they are. */
  ConsoleTime SYSTEM = new ConsoleTime() {
    @Override
    public Clock clock() {
      return Clock.systemUTC();
    }

    @Override
    public Ticker ticker() {
      return Ticker.system();
    }

    @Override
    public ChainTimeReference chain(ChainTimeReference nodeTips) {
      return nodeTips;
    }
  };

  /** @return the wall clock */
  Clock clock();

  /** @return the monotonic clock */
  Ticker ticker();

  /**
   * @param nodeTips the chain's time from the pool's node tips
   * @return the chain reference the console uses
   */
  ChainTimeReference chain(ChainTimeReference nodeTips);
}
