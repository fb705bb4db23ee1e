package io.palisade.console.testing;

import io.palisade.console.ConsoleSettings;
import io.palisade.console.PalisadeConsole;
import io.palisade.console.RunningConsole;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A console in its own JVM, for the test that kills it with {@code kill -9}: prints its URL, then serves until killed.
 * Arguments: the data directory.
 */
public final class ConsoleProcessMain {
  private ConsoleProcessMain() {}

  /**
   * @param args the data directory
   * @throws InterruptedException never, in practice: the process is killed
   */
  public static void main(String[] args) throws InterruptedException {
    Path data = Path.of(args[0]);
    Clock clock = Clock.systemUTC();
    RunningConsole console = PalisadeConsole.start(ConsoleSettings.defaults(data).withPort(0),
        new FakePoolGateway(clock, data.resolve("nodes")), clock);
    System.out.println("URL " + console.url());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
