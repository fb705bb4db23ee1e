package io.palisade.cli.runtime;

import io.palisade.cli.Main;
import io.palisade.console.delay.ChainTimeReference;
import io.palisade.console.delay.Ticker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code palisade up} whose console lives ahead of real time by the offset (ISO-8601 duration) in the file named by
 * {@code -Dpalisade.test.time-offset-file}: as if that much time had passed, for the wall clock, the monotonic clock
 * and the chain's time alike, so the clock guard sees no jump. The pool itself runs on real time. For
 * {@link ConsoleEndToEndTest} only.
 */
public final class UpWithMovableTime {
  private UpWithMovableTime() {}

  /**
   * @param args the arguments of {@code palisade}
   */
  public static void main(String[] args) {
    Path file = Path.of(System.getProperty("palisade.test.time-offset-file"));
    AtomicLong offsetMillis = new AtomicLong();
    Thread watcher = new Thread(() -> {
      while (true) {
        try {
          offsetMillis.set(Duration.parse(Files.readString(file).strip()).toMillis());
        } catch (IOException | RuntimeException e) {
          // Not written yet, or half written: keep the last offset.
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "time-offset-watcher");
    watcher.setDaemon(true);
    watcher.start();
    Clock clock = new Clock() {
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
        return Instant.ofEpochMilli(System.currentTimeMillis() + offsetMillis.get());
      }
    };
    UpCommand.consoleTime = new ConsoleTime() {
      @Override
      public Clock clock() {
        return clock;
      }

      @Override
      public Ticker ticker() {
        return () -> System.nanoTime() + offsetMillis.get() * 1_000_000;
      }

      @Override
      public ChainTimeReference chain(ChainTimeReference nodeTips) {
        return () -> nodeTips.chainNow().map(t -> t.plusMillis(offsetMillis.get()));
      }
    };
    Main.main(args);
  }
}
