package io.palisade.cli.runtime;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.console.ConsoleStartFailure;
import io.palisade.console.ConsoleException;
import io.palisade.console.ConsoleSettings;
import io.palisade.console.PalisadeConsole;
import io.palisade.console.RunningConsole;
import io.palisade.console.delay.NodeTipChainTime;
import io.palisade.runtime.gateway.SingleHostGateway;
import io.palisade.runtime.local.LocalPool;
import io.palisade.spec.LoadedPoolSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The admin console {@code palisade up} runs beside its pool: its settings (the spec's {@code console:} section, data
 * under DATA_DIR/console), and starting it with the pool itself as its gateway and the pool's node tips as its chain
 * reference.
 */
final class UpConsole {
  private UpConsole() {}

  /**
   * The console's settings, checked before anything starts.
   *
   * @param loaded the pool spec
   * @param dataDir the runtime's data directory
   * @param port the port asked for on the command line, or null
   * @return the settings
   * @throws ExitException (invalid input) for settings the console refuses
   */
  static ConsoleSettings settings(LoadedPoolSpec loaded, Path dataDir, Integer port) {
    Path dir = dataDir.resolve("console");
    try {
      ConsoleSettings s = loaded.spec().console() == null ? ConsoleSettings.defaults(dir)
          : ConsoleSettings.fromSpec(loaded.spec().console(), dir);
      return port == null ? s : s.withPort(port);
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "console: " + e.getMessage(), e);
    }
  }

  /**
   * Starts the console and prints its URL (and the first operator's enrollment link). A console that cannot start
   * (its port taken, its database held) is reported and the pool keeps running: keeping the nodes alive comes first.
   *
   * @return the running console, or null when it did not start
   */
  static RunningConsole start(ConsoleSettings settings, LocalPool pool, LoadedPoolSpec loaded, ConsoleTime time,
      PrintWriter out, PrintWriter err) {
    SingleHostGateway gateway = new SingleHostGateway(pool, time.clock());
    RunningConsole console;
    try {
      console = PalisadeConsole.start(settings, gateway, time.clock(), time.ticker(),
          Optional.of(time.chain(new NodeTipChainTime(gateway, loaded.genesis()))));
    } catch (ConsoleException | IllegalArgumentException e) {
      String why = e instanceof ConsoleException c ? ConsoleStartFailure.reason(c, settings, "--console-port")
          : e.getMessage();
      err.println("palisade: WARNING: the console did not start: " + why + ". The pool keeps running"
          + " without it; fix the cause and run 'palisade up' again (the nodes are adopted)");
      err.flush();
      return null;
    }
    out.println("Console: " + console.url());
    console.enrollmentLink().ifPresent(link -> {
      out.println("No operator yet. Enroll the first operator with this one-time link (valid 24 hours):");
      out.println("  " + link);
    });
    out.flush();
    return console;
  }
}
