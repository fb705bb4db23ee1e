package io.palisade.cli.runtime;

import io.palisade.cli.DataDirOption;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.JsonOption;
import io.palisade.cli.VerboseOption;
import io.palisade.control.api.PoolStatus;
import io.palisade.runtime.plane.ControlPlaneClient;
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
        "The verdict first, then one line per node (why it is not ready; the producer's KES expiry as a date), what"
            + " is in progress and the latest events, newest first; it fits 100 columns. --verbose adds pids, ports, the"
            + " full reasons, why versions failed and whole event lines. Times are UTC, ISO 8601, to the second.",
        "Exit 0 when the pool is healthy (every node ready, nothing in progress), 1 when it is not (the output says"
            + " why), 4 when no control plane runs (and which nodes still run unsupervised)."})
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
      StatusText.print(out, s, VerboseOption.given(spec));
    }
    out.flush();
    // A script (or a monitor) can tell a healthy pool from one that needs attention by the exit code alone.
    return s.healthy() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }
}
