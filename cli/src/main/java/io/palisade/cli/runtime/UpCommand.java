package io.palisade.cli.runtime;

import io.palisade.agent.chain.RelayChainCheck;
import io.palisade.cli.DataDirOption;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.leader.NodeSlotSources;
import io.palisade.console.ConsoleSettings;
import io.palisade.console.RunningConsole;
import io.palisade.control.ControlEvent;
import io.palisade.control.api.PoolStatus;
import io.palisade.runtime.local.AlreadyRunningException;
import io.palisade.runtime.local.HotKeyFiles;
import io.palisade.runtime.local.LocalPool;
import io.palisade.runtime.local.LocalPoolOptions;
import io.palisade.runtime.local.NodeCommand;
import io.palisade.runtime.plane.ControlPlane;
import io.palisade.runtime.slots.SlotWatch;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.NodeRole;
import io.palisade.spec.PoolSpecLoader;
import io.palisade.spec.binding.DurationText;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code palisade up [pool.yaml]}: runs a pool on this machine until Ctrl-C or {@code palisade down}. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    header = "Run a pool on this machine: every node a supervised process, kept alive and upgraded safely.",
    description = {"Starts every node of the pool (the demo pool by default), restarts nodes that die or hang,"
        + " and serves the control plane that 'palisade status', 'upgrade', 'relay add' and 'down' talk to.",
        "Also runs the admin console beside it (settings from the spec's console: section, data in DATA_DIR/console)"
            + " and prints its URL and, while no operator exists, the one-time link that enrolls the first one.",
        "Without node.binary in the spec the nodes are SIMULATED (Palisade's simnode): they follow the network's chain"
            + " clock and speak the node's metrics, but hold no real chain and forge nothing real.",
        "Stays in the foreground; Ctrl-C stops every node cleanly. Running it again on the same data directory adopts"
            + " the nodes still running and keeps the rollout history."})
public final class UpCommand implements Callable<Integer> {
  /** How long one relay has to say whether a block is on its chain (the slot ledger's chain check). */
  private static final Duration RELAY_CHECK_TIMEOUT = Duration.ofSeconds(2);
  /** A simulated chain forks only where a fault cuts a node off: its blocks are looked for two minutes on. */
  private static final Duration SIMULATED_CHAIN_CHECK = Duration.ofMinutes(2);

  @Spec CommandSpec spec;

  @Mixin DataDirOption dataDir;

  @Parameters(arity = "0..1", paramLabel = "POOL_YAML",
      description = "The pool spec (default: examples/demo-pool.yaml, the demo pool of simulated nodes).")
  Path poolFile;

  @Option(names = "--simnode-replay", hidden = true, paramLabel = "DURATION",
      description = "Simulated ledger replay at each node start (tests use a short one).")
  String simnodeReplay;

  @Option(names = "--simnode-stake-share", hidden = true, paramLabel = "SHARE",
      description = "The block producer's share of the simulated stake, in (0, 1] (tests: a leader slot every ~20 s).")
  String simnodeStakeShare;

  @Option(names = "--tick", hidden = true, paramLabel = "DURATION", description = "Control loop period.")
  String tick;

  @Option(names = "--any-ports", hidden = true, description = "Take any free loopback ports (tests).")
  boolean anyPorts;

  @Option(names = "--hot-key-passphrase-file", paramLabel = "FILE",
      description = "File holding the passphrase of the spec's keys.hotKeyBundle (else it is asked for).")
  Path passphraseFile;

  @Option(names = "--stop-grace", hidden = true, paramLabel = "DURATION",
      description = "How long a node has after SIGTERM before it is killed (default 30s).")
  String stopGrace;

  @Option(names = "--console-port", paramLabel = "PORT",
      description = "The console's port, instead of the spec's console.port (0: any free port).")
  Integer consolePort;

  @Option(names = "--chain-check-after", paramLabel = "DURATION",
      description = {"How long after an adopted leader slot the pool's relays are asked whether its block is on their"
          + " chain (the slot ledger's chain check). Default: 1h; 2m with simulated nodes, whose chain has no young"
          + " forks to wait out."})
  String chainCheckAfter;

  @Option(names = "--no-console",
      description = "Do not run the console here (run it as its own process with 'palisade console').")
  boolean noConsole;

  /** The console's time sources; only tests in this JVM replace them. */
  static volatile ConsoleTime consoleTime = ConsoleTime.SYSTEM;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path file = poolFile != null ? poolFile : demoPool();
    LoadedPoolSpec loaded = new PoolSpecLoader().load(file);
    Duration checkAfter = chainCheckDelay(loaded.spec().node().binary() == null, chainCheckAfter);
    LocalPoolOptions options = LocalPoolOptions.of(loaded, dataDir.root(), command(loaded))
        .withProgress(line -> {
          err.println("palisade: " + line);
          err.flush();
        });
    if (tick != null) {
      options = options.withTick(duration("--tick", tick));
    }
    if (stopGrace != null) {
      options = options.withStopGrace(duration("--stop-grace", stopGrace));
    }
    if (anyPorts) {
      options = options.withPorts(0, 0);
    }
    if (passphraseFile != null) {
      options = options.withHotKeyPassphraseFile(passphraseFile.toAbsolutePath());
    }
    Optional<HotKeyFiles> keys = UpHotKeys.open(loaded, dataDir.root(), passphraseFile, err);
    if (keys.isPresent()) {
      options = options.withHotKeys(keys.get());
    }
    ConsoleSettings consoleSettings = noConsole ? null : UpConsole.settings(loaded, dataDir.root(), consolePort);
    err.println("palisade: starting pool " + loaded.spec().name() + " on " + loaded.spec().network() + " ("
        + loaded.spec().nodes().size() + " nodes, " + (loaded.spec().node().binary() == null
        ? "SIMULATED nodes" : "cardano-node " + loaded.spec().node().binary()) + "); data in " + dataDir.root());
    err.flush();
    ControlPlane plane;
    try {
      plane = ControlPlane.start(options);
    } catch (AlreadyRunningException | IllegalStateException e) {
      throw new ExitException(ExitCodes.REFUSED, e.getMessage(), e);
    } catch (IOException e) {
      throw new ExitException(ExitCodes.UNAVAILABLE, e.getMessage(), e);
    }
    LocalPool pool = plane.pool();
    pool.onEvent(e -> {
      err.println(line(e));
      err.flush();
    });
    try {
      RelayChainCheck relays = new RelayChainCheck(() -> pool.status().nodes().stream()
          .filter(n -> n.role() == NodeRole.RELAY && n.nodeToNodePort() > 0)
          .map(n -> new InetSocketAddress(InetAddress.getLoopbackAddress(), n.nodeToNodePort())).toList(),
          loaded.genesis().networkMagic(), RELAY_CHECK_TIMEOUT);
      SlotWatch.forPool(pool, loaded, new NodeSlotSources(dataDir.root(), pool.leaderSchedule(), Clock.systemUTC(),
          relays), Clock.systemUTC(), checkAfter,
          line -> {
            err.println("palisade: " + line);
            err.flush();
          });
    } catch (IOException e) {
      // The ledger explains slots; the pool itself matters more.
      err.println("palisade: the slot ledger is not kept: " + e.getMessage());
    }
    err.println("palisade: control plane at " + plane.url() + " (token in " + dataDir.root().resolve("token") + ")");
    err.flush();
    RunningConsole console = consoleSettings == null ? null
        : UpConsole.start(consoleSettings, pool, loaded, consoleTime, out, err);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // The console first: no queued action may start while the nodes stop.
      if (console != null) {
        console.close();
      }
      pool.close();
    }, "palisade-up-shutdown"));
    waitUntilHealthy(pool, out);
    try (LeaderFeed feed = LeaderFeed.start(dataDir.root(), loaded.genesis(), pool.leaderSchedule(), out)) {
      pool.awaitStopped();
    }
    if (console != null) {
      console.close();
    }
    err.println("palisade: pool " + loaded.spec().name() + " stopped");
    err.flush();
    return ExitCodes.OK;
  }

  private void waitUntilHealthy(LocalPool pool, PrintWriter out) throws InterruptedException {
    while (true) {
      PoolStatus s;
      try {
        s = pool.status();
      } catch (IllegalStateException stopping) {
        return;
      }
      if (s.healthy()) {
        out.println("pool " + s.pool() + " is healthy: " + s.nodes().size() + " nodes ready on " + s.version()
            + ". Try 'palisade status'; stop with Ctrl-C or 'palisade down'.");
        out.flush();
        return;
      }
      Thread.sleep(500);
    }
  }

  static String line(ControlEvent e) {
    return EventLine.of(e);
  }

  private NodeCommand command(LoadedPoolSpec loaded) {
    String binary = loaded.spec().node().binary();
    if (binary != null) {
      Path exe = loaded.resolve(binary);
      return new NodeCommand.CardanoNode(exe.toString());
    }
    return NodeCommand.Simulated.onThisJvm("io.palisade.cli.Main", List.of("simnode"), simnodeReplay)
        .withStakeShare(simnodeStakeShare);
  }

  /** The chain check's delay: the operator's, else an hour, or two minutes on a simulated chain (the demo). */
  static Duration chainCheckDelay(boolean simulated, String option) {
    if (option != null) {
      Duration d = duration("--chain-check-after", option);
      if (d.isNegative()) {
        throw new ExitException(ExitCodes.INVALID_INPUT, "--chain-check-after must not be negative, was " + option);
      }
      return d;
    }
    return simulated ? SIMULATED_CHAIN_CHECK : Duration.ofHours(1);
  }

  private static Duration duration(String flag, String text) {
    try {
      return DurationText.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, flag + " " + e.getMessage(), e);
    }
  }

  /** examples/demo-pool.yaml here, or beside the checkout the jar was built in. */
  private static Path demoPool() {
    Path here = Path.of("examples", "demo-pool.yaml");
    if (Files.isRegularFile(here)) {
      return here;
    }
    try {
      Path jar = Path.of(UpCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path p = jar.getParent(); p != null; p = p.getParent()) {
        Path candidate = p.resolve("examples").resolve("demo-pool.yaml");
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
    } catch (java.net.URISyntaxException | RuntimeException ignored) {
      // Fall through to the message below.
    }
    throw new ExitException(ExitCodes.INVALID_INPUT, "no pool.yaml given and examples/demo-pool.yaml not found;"
        + " run from the Palisade checkout or name a pool spec: palisade up POOL_YAML");
  }
}
