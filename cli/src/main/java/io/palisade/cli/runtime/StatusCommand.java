package io.palisade.cli.runtime;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.JsonOption;
import io.palisade.control.FailedVersion;
import io.palisade.control.MemberState;
import io.palisade.control.RolloutRecord;
import io.palisade.control.api.NodeStatus;
import io.palisade.control.api.PoolStatus;
import io.palisade.runtime.plane.ControlPlaneClient;
import io.palisade.spec.NodeRole;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code palisade status}: the pool on this machine, node by node, with the latest decisions. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    header = "Show the pool running on this machine: each node's health, the rollout, the latest events.",
    description = {"Asks the control plane started by 'palisade up'.",
        "Exit 0 when the pool is healthy (every node ready, nothing in progress), 1 when it is not (the output says"
            + " why), 4 when no control plane runs."})
public final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataDirOption dataDir;

  @Mixin JsonOption json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PoolStatus s;
    try {
      s = ControlPlaneAccess.connect(dataDir.root(), spec.commandLine().getErr()).status();
    } catch (ControlPlaneClient.UnavailableException e) {
      throw ControlPlaneAccess.unavailable(e);
    }
    if (json.enabled()) {
      out.println(RuntimeJson.write(s));
    } else {
      print(out, s);
    }
    out.flush();
    // A script (or a monitor) can tell a healthy pool from one that needs attention by the exit code alone.
    return s.healthy() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  private static void print(PrintWriter out, PoolStatus s) {
    out.printf("pool %s on %s: %s, version %s%s%n", s.pool(), s.network(), s.healthy() ? "healthy" : "NOT healthy",
        s.version(), s.targetVersion().equals(s.version()) ? "" : " (target " + s.targetVersion() + ")");
    out.printf("%-22s %-8s %-8s %-5s %-8s %-8s %-7s %-9s %-6s %s%n", "NODE", "ROLE", "STATE", "READY", "VERSION",
        "PID", "PORT", "TIP", "GAP", "RESTARTS");
    for (NodeStatus n : s.nodes()) {
      out.printf("%-22s %-8s %-8s %-5s %-8s %-8s %-7d %-9s %-6s %d%s%n", n.name(),
          n.role() == NodeRole.BLOCK_PRODUCER ? "producer" : "relay",
          n.phase() == MemberState.Phase.FAILED ? "FAILED" : n.state(), n.ready() ? "yes" : "no",
          n.version(), n.pid() == null ? "-" : n.pid(), n.nodeToNodePort(),
          n.tipSlot() == null ? "-" : n.tipSlot(), n.slotGap() == null ? "-" : n.slotGap(), n.restarts(),
          n.ready() || n.reasons().isEmpty() ? "" : "  (" + String.join("; ", n.reasons()) + ")");
      if (n.lastFailure() != null && n.phase() == MemberState.Phase.FAILED) {
        out.printf("%-22s failed: %s%n", "", n.lastFailure());
      }
    }
    if (s.rollout() != null) {
      var r = s.rollout();
      out.printf("rollout %s -> %s: %s%s, %d of %d done%s%n", r.from(), r.to(), r.phase(),
          r.current() == null ? "" : " " + r.current(), r.done().size(), r.order().size(),
          r.waitingFor() == null ? "" : " (" + r.waitingFor() + ")");
    }
    if (s.relayAddition() != null) {
      out.printf("adding relay %s (since %s)%n", s.relayAddition().node(), s.relayAddition().startedAt());
    }
    if (s.keys() != null) {
      out.printf("hot keys: %s%s%n", s.keys().state(), s.keys().detail() == null ? "" : " (" + s.keys().detail() + ")");
    }
    if (s.removedNodes() != null && !s.removedNodes().isEmpty()) {
      out.printf("removed nodes: %s%n", String.join(", ", s.removedNodes()));
    }
    for (FailedVersion f : s.failedVersions()) {
      out.printf("failed version %s (%s on %s): %s%n", f.version(), f.at(), f.node(), f.reason());
    }
    if (!s.history().isEmpty()) {
      RolloutRecord last = s.history().get(s.history().size() - 1);
      out.printf("last rollout %s -> %s: %s at %s%n", last.from(), last.to(), last.outcome(), last.endedAt());
    }
    if (!s.events().isEmpty()) {
      out.println("recent events:");
      s.events().stream().skip(Math.max(0, s.events().size() - 10)).forEach(e -> out.println("  " + UpCommand.line(e)));
    }
  }
}
