package io.palisade.cli.runtime;

import io.palisade.cli.DataDirOption;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.JsonOption;
import io.palisade.control.MemberState;
import io.palisade.control.api.NodeStatus;
import io.palisade.control.api.PoolStatus;
import io.palisade.runtime.plane.ControlPlaneClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code palisade restart NODE}: restarts one node now, also one the controller gave up on (FAILED). */
@Command(
    name = "restart",
    mixinStandardHelpOptions = true,
    header = "Restart one node of the pool on this machine now, also one reported FAILED.",
    description = {"A node that failed too often in a row is stopped and reported FAILED ('palisade status'); once"
        + " its cause is fixed, this starts it again with its failure count reset. A running node is restarted.",
        "With --wait, follows the node until it runs again (a new process) and is ready, with a line every few"
            + " seconds; exit 1 if it fails instead.",
        "Exit 0 accepted (with --wait: ready again), 1 with --wait: it failed, 2 unknown node, 3 refused (the node"
            + " is the current step of a rollout), 4 no control plane."})
public final class RestartCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataDirOption dataDir;

  @Mixin JsonOption json;

  @Parameters(paramLabel = "NODE", description = "The node's name, as 'palisade status' shows it.")
  String node;

  @Option(names = "--wait", description = "Follow the node until it is ready again (or failed).")
  boolean await;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    ControlPlaneClient client = ControlPlaneAccess.connect(dataDir.root(), spec.commandLine().getErr());
    try {
      RolloutWatch watch = await ? RolloutWatch.from(client) : null;
      Optional<NodeStatus> before = await ? find(client.status(), node) : Optional.empty();
      Long pidBefore = before.map(NodeStatus::pid).orElse(null);
      // A node FAILED before the restart still shows FAILED until the control loop acts: only a FAILED after a new
      // process (or after the node left FAILED) is the restart failing.
      AtomicBoolean moved = new AtomicBoolean(before.map(b -> !failed(b)).orElse(true));
      ControlPlaneClient.Answer answer;
      try {
        answer = client.restartNode(node);
      } catch (IllegalArgumentException e) {
        throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
      }
      int code = ControlPlaneAccess.report(answer, json.enabled(), out);
      if (code != ExitCodes.OK || !await) {
        return code;
      }
      Instant since = Instant.now();
      PoolStatus s = watch.until(st -> find(st, node).map(n -> {
            boolean newProcess = n.pid() != null && !n.pid().equals(pidBefore);
            if (newProcess || !failed(n)) {
              moved.set(true);
            }
            return (newProcess && n.ready()) || (moved.get() && failed(n));
          }).orElse(true),
          st -> WaitProgress.node(st, node, since, Instant.now()), Duration.ofDays(1), spec.commandLine().getErr());
      Optional<NodeStatus> n = find(s, node);
      boolean ready = n.map(x -> x.ready() && !failed(x)).orElse(false);
      if (!json.enabled()) {
        out.println(node + (ready ? " is ready again" : n.isEmpty() ? " is no longer in the pool"
            : " failed: " + Objects.requireNonNullElse(n.get().lastFailure(), "see 'palisade status'")));
        out.flush();
      }
      return ready ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    } catch (ControlPlaneClient.UnavailableException e) {
      throw ControlPlaneAccess.unavailable(e);
    }
  }

  private static Optional<NodeStatus> find(PoolStatus s, String name) {
    return s.nodes().stream().filter(n -> n.name().equals(name)).findFirst();
  }

  private static boolean failed(NodeStatus n) {
    return n.phase() == MemberState.Phase.FAILED;
  }
}
