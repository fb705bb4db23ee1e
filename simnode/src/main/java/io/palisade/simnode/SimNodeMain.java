package io.palisade.simnode;

import io.palisade.spec.NodeVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The simulated node's command line: {@code run} with cardano-node's arguments, or {@code --version}. The runtime
 * starts it as {@code java -cp palisade.jar io.palisade.cli.Main simnode run ...} (or this class's {@code main}).
 */
public final class SimNodeMain {
  /** The version reported when the runtime does not set one. */
  public static final NodeVersion DEFAULT_VERSION = NodeVersion.parse("10.5.3");

  private SimNodeMain() {}

  /**
   * Runs the simulated node until the process is terminated.
   *
   * @param args {@code run --topology ...}
   */
  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.getenv(), System.out, System.err));
  }

  /**
   * Runs the command; {@code run} returns only if the node cannot start.
   *
   * @param args the arguments
   * @param env the environment (settings and fault files)
   * @param out node log
   * @param err errors
   * @return the exit status: 0 for {@code --version}, 1 if the node cannot start, 2 for bad arguments
   */
  public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("--help")) {
      out.println("Usage: simnode run --topology FILE --database-path DIR --socket-path FILE --port PORT"
          + " --config FILE [--host-addr IP] [--shelley-kes-key FILE --shelley-vrf-key FILE"
          + " --shelley-operational-certificate FILE] [--start-as-non-producing-node]");
      out.println("SIGHUP re-reads the forging credentials: forging on with the files as they are, off without them.");
      out.println("A simulated cardano-node for demos and tests. Environment: " + SimNodeSettings.VERSION_ENV + ", "
          + SimNodeSettings.REPLAY_ENV + ", " + SimNodeSettings.SYNC_ENV + ", " + SimNodeSettings.STAKE_ENV + ", "
          + Faults.ENV);
      return args.isEmpty() ? 2 : 0;
    }
    SimNodeSettings settings;
    RunArguments runArgs;
    try {
      settings = SimNodeSettings.fromEnvironment(env, DEFAULT_VERSION);
      if (args.get(0).equals("--version")) {
        out.println("cardano-node " + settings.version() + " - linux-x86_64 - simulated by Palisade (simnode)");
        return 0;
      }
      if (!args.get(0).equals("run")) {
        err.println("simnode: unknown command " + args.get(0) + " (expected: run)");
        return 2;
      }
      runArgs = RunArguments.parse(args.subList(1, args.size()));
    } catch (IllegalArgumentException e) {
      err.println("simnode: " + e.getMessage());
      return 2;
    }
    // Every HTTP read has a deadline: the JDK server reads these once, before its first use.
    System.setProperty("sun.net.httpserver.maxReqTime", System.getProperty("sun.net.httpserver.maxReqTime", "10"));
    System.setProperty("sun.net.httpserver.maxReqHeaders",
        System.getProperty("sun.net.httpserver.maxReqHeaders", "32"));
    // Signals are handled before the node starts, not after: a SIGHUP that came while it replayed (a standby given
    // its credentials as it started) would otherwise hit the JVM's default action and end the node, and a SIGTERM
    // would skip its clean shutdown. A SIGHUP before the node exists is kept and applied once it does.
    SignalTarget target = new SignalTarget();
    Runtime.getRuntime().addShutdownHook(new Thread(target::close, "simnode-shutdown"));
    // cardano-node re-reads its forging credentials on SIGHUP (and would otherwise die of it, as the JVM does).
    sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> target.hangUp());
    SimNode node;
    try {
      node = SimNode.start(runArgs, settings, Clock.systemUTC(), out, System::exit);
    } catch (IOException | RuntimeException e) {
      err.println("simnode: cannot start: " + e.getMessage());
      return 1;
    }
    target.started(node);
    if (hangUpIgnored()) {
      out.println("[simnode] WARNING: SIGHUP was ignored when this process started (nohup, or a parent that ignores"
          + " it) and a JVM cannot take it back: forging credentials are read at start only. Start the node with"
          + " SIGHUP at its default handling (env --default-signal=HUP), as Palisade's runtime does.");
    }
    CountDownLatch forever = new CountDownLatch(1);
    try {
      forever.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    node.close();
    return 0;
  }

  /** The running node for the signal handlers, which are installed before it exists. */
  private static final class SignalTarget {
    private SimNode node;
    private boolean hangUpPending;
    private boolean closed;

    synchronized void started(SimNode n) {
      if (closed) {
        n.close();
        return;
      }
      node = n;
      if (hangUpPending) {
        hangUpPending = false;
        n.reloadCredentials();
      }
    }

    synchronized void hangUp() {
      if (node == null) {
        hangUpPending = true;
      } else {
        node.reloadCredentials();
      }
    }

    synchronized void close() {
      closed = true;
      if (node != null) {
        node.close();
      }
    }
  }

  /** Whether SIGHUP was ignored when the process started ({@code SigIgn} in {@code /proc/self/status}). */
  static boolean hangUpIgnored() {
    try {
      for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
        if (line.startsWith("SigIgn:")) {
          return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & 1L) != 0;
        }
      }
    } catch (java.io.IOException | NumberFormatException e) {
      // Not Linux, or an unexpected format: nothing to warn about.
    }
    return false;
  }
}
