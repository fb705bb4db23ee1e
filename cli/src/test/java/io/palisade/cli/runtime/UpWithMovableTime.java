package io.palisade.cli.runtime;

import io.palisade.cli.Main;
import io.palisade.console.delay.ChainTimeReference;
import io.palisade.console.delay.Ticker;
import io.palisade.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code palisade up} whose console lives ahead of real time by the offset (ISO-8601 duration) in the file named by
 * {@code -Dpalisade.test.time-offset-file}: as if that much time had passed, for the wall clock, the monotonic clock
 * and the chain's time alike, so the clock guard sees no jump; each offset applied is echoed to the file's
 * {@code .applied} sibling, for the test to wait on. The pool itself runs on real time. For
 * {@link ConsoleEndToEndTest} only.
 */
public final class UpWithMovableTime {
  private UpWithMovableTime() {}

  /**
   * @param args the arguments of {@code palisade}
   */
  public static void main(String[] args) {
    Path file = Path.of(System.getProperty("palisade.test.time-offset-file"));
    Path applied = file.resolveSibling(file.getFileName() + ".applied");
    MutableClock clock = new MutableClock();
    AtomicLong offsetMillis = new AtomicLong();
    Thread watcher = new Thread(() -> {
      while (true) {
        try {
          String text = Files.readString(file).strip();
          long offset = Duration.parse(text).toMillis();
          // Wall clock, monotonic ticker and chain time move together, as if the time had really passed.
          long before = offsetMillis.getAndSet(offset);
          clock.advance(Duration.ofMillis(offset - before));
          if (offset != before || !Files.exists(applied)) {
            // Tell the test the console's time has moved: it waits for this instead of sleeping.
            Path tmp = applied.resolveSibling(applied.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, applied, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
          }
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
    UpCommand.consoleTime = new ConsoleTime() {
      @Override
      public Clock clock() {
        return clock;
      }

      @Override
      public Ticker ticker() {
        return clock::nanos;
      }

      @Override
      public ChainTimeReference chain(ChainTimeReference nodeTips) {
        return () -> nodeTips.chainNow().map(t -> t.plusMillis(offsetMillis.get()));
      }
    };
    Main.main(args);
  }
}
