package io.palisade.console.testing;

import io.palisade.console.ConsoleSettings;
import io.palisade.console.PalisadeConsole;
import io.palisade.console.RunningConsole;
import io.palisade.testing.ScaledClock;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * A console in its own JVM, for the tests that kill it with {@code kill -9}: prints its URL (and, while no operator
 * exists, the first enrollment link), then serves until killed. Arguments: the data directory, and optionally a clock
 * origin (epoch ms) and speed for a {@link ScaledClock}.
 */
public final class ConsoleProcessMain {
  private ConsoleProcessMain() {}

  /**
   * @param args the data directory [origin-ms speed]
   * @throws InterruptedException never, in practice: the process is killed
   */
  public static void main(String[] args) throws InterruptedException {
    Path data = Path.of(args[0]);
    RunningConsole console;
    if (args.length >= 3) {
      ScaledClock clock = new ScaledClock(Long.parseLong(args[1]), Integer.parseInt(args[2]));
      console = PalisadeConsole.start(ConsoleSettings.defaults(data).withPort(0),
          new FakePoolGateway(clock, data.resolve("nodes")), clock, clock::nanos, Optional.empty());
    } else {
      Clock clock = Clock.systemUTC();
      console = PalisadeConsole.start(ConsoleSettings.defaults(data).withPort(0),
          new FakePoolGateway(clock, data.resolve("nodes")), clock);
    }
    console.enrollmentLink().ifPresent(link -> System.out.println("LINK " + link));
    System.out.println("URL " + console.url());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
