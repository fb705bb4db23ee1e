package io.palisade.cli.console;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.console.ConsoleException;
import io.palisade.console.ConsoleSettings;
import io.palisade.console.PalisadeConsole;
import io.palisade.console.RunningConsole;
import io.palisade.console.gateway.DisconnectedPoolGateway;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.PoolSpecLoader;
import io.palisade.spec.binding.DurationText;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code palisade console}: runs the admin console on its own, until Ctrl-C. Without a running pool it shows an empty
 * pool and refuses pool actions (saying so); operators, factors, the audit log and the delay all work. While no
 * operator exists it prints the one-time link that enrolls the first one.
 */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    header = "Run the admin console (operators, MFA, delayed destructive actions, audit log, shells).",
    description = {"Starts the console and prints its URL. While no operator exists, also prints a one-time link"
        + " that enrolls the first operator: open it in a browser on this machine (or through an SSH tunnel).",
        "The console serves plain HTTP on a loopback address; reach it from elsewhere with"
        + " 'ssh -L 8443:localhost:8443 HOST' or a TLS proxy (then pass --public-url https://...).",
        "Stop it with Ctrl-C."})
public final class ConsoleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConsoleDataOptions data;

  @Parameters(paramLabel = "POOL_YAML", arity = "0..1",
      description = "Take the console settings (bind, port, database, destructiveDelay) from this pool spec.")
  Path poolYaml;

  @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default 127.0.0.1).")
  String bind;

  @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on; 0 for any free port (default 8443).")
  Integer port;

  @Option(names = "--destructive-delay", paramLabel = "DURATION",
      description = "How long destructive actions wait, such as 7d or 14d; never less than 7d (default 7d).")
  String delay;

  @Option(names = "--public-url", paramLabel = "URL",
      description = "The URL browsers use, when it is not http://localhost:PORT (a TLS proxy's https:// URL).")
  URI publicUrl;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConsoleSettings settings = settings();
    quietLibraries();
    err.println("palisade: starting the console (database: "
        + settings.jdbcUrl().map(u -> "PostgreSQL").orElse("embedded, under " + settings.dataDirectory()) + ") ...");
    err.flush();
    Clock clock = Clock.systemUTC();
    RunningConsole console;
    try {
      console = PalisadeConsole.start(settings, new DisconnectedPoolGateway(clock), clock);
    } catch (ConsoleException e) {
      throw new ExitException(ExitCodes.UNAVAILABLE, "the console did not start: " + e.getMessage(), e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      console.close();
      stopped.countDown();
    }, "palisade-console-stop"));
    out.println("Console: " + console.url());
    console.enrollmentLink().ifPresent(link -> {
      out.println("No operator yet. Enroll the first operator with this one-time link (valid 24 hours):");
      out.println("  " + link);
    });
    out.println("No pool runtime is attached: the dashboard is empty and pool actions are refused until"
        + " 'palisade up' runs the console. Ctrl-C stops it.");
    out.flush();
    stopped.await();
    return ExitCodes.OK;
  }

  /** The libraries' start-up chatter stays off the terminal (warnings still show); a -D setting wins. */
  private static void quietLibraries() {
    for (String name : new String[] {"com.zaxxer", "org.flywaydb", "org.springframework", "org.apache",
        "org.thymeleaf",
        "org.springframework.context.support.PostProcessorRegistrationDelegate$BeanPostProcessorChecker"}) {
      String key = "org.slf4j.simpleLogger.log." + name;
      if (System.getProperty(key) == null) {
        System.setProperty(key, name.endsWith("Checker") ? "error" : "warn");
      }
    }
  }

  private ConsoleSettings settings() {
    try {
      ConsoleSettings s = ConsoleSettings.defaults(data.dataDir());
      if (poolYaml != null) {
        LoadedPoolSpec loaded = new PoolSpecLoader().load(poolYaml);
        if (loaded.spec().console() != null) {
          s = ConsoleSettings.fromSpec(loaded.spec().console(), data.dataDir());
        }
      }
      if (bind != null) {
        s = s.withBindAddress(bind);
      }
      if (port != null) {
        s = s.withPort(port);
      }
      if (data.jdbcUrl().isPresent()) {
        s = s.withJdbcUrl(data.jdbcUrl().get());
      }
      if (delay != null) {
        s = s.withDestructiveDelay(DurationText.parse(delay));
      }
      if (publicUrl != null) {
        s = s.withPublicUrl(publicUrl);
      }
      return s;
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
    }
  }
}
