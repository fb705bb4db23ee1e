package io.palisade.cli.runtime;

import io.palisade.cli.DataDirOption;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.runtime.local.AlreadyRunningException;
import io.palisade.runtime.local.DataDir;
import io.palisade.runtime.local.LocalPool;
import io.palisade.runtime.plane.ControlPlaneClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code palisade down}: stops every node of the pool on this machine, cleanly. */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    header = "Stop every node of the pool on this machine (SIGTERM, then a kill after a grace period).",
    description = "Asks the running control plane to stop; if none runs (it was killed), stops the nodes it left"
        + " behind. The data directory (chain databases, history, failed versions) is kept.")
public final class DownCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataDirOption dataDir;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    DataDir dir = new DataDir(dataDir.root());
    ControlPlaneClient client;
    try {
      client = ControlPlaneClient.connect(dir);
      ControlPlaneAccess.banner(spec.commandLine().getErr(), client.pool(), dir.root());
    } catch (ControlPlaneClient.UnavailableException e) {
      List<String> stopped;
      try {
        stopped = LocalPool.stopLeftoverNodes(dir.root(), Duration.ofSeconds(30));
      } catch (AlreadyRunningException busy) {
        throw new ExitException(ExitCodes.UNAVAILABLE, "a control plane holds " + dir.root() + " but does not"
            + " answer: " + e.getMessage(), e);
      }
      out.println(stopped.isEmpty() ? "nothing runs on " + dir.root()
          : "no control plane was running; stopped " + String.join(", ", stopped));
      out.flush();
      return ExitCodes.OK;
    }
    try {
      client.shutdown();
    } catch (ControlPlaneClient.UnavailableException e) {
      throw ControlPlaneAccess.unavailable(e);
    }
    spec.commandLine().getErr().println("palisade: stopping the pool ...");
    spec.commandLine().getErr().flush();
    Instant end = Instant.now().plus(Duration.ofMinutes(10));
    while (dir.isLockedByAnother()) {
      if (Instant.now().isAfter(end)) {
        throw new ExitException(ExitCodes.UNAVAILABLE, "the control plane did not stop within 10 minutes");
      }
      Thread.sleep(200);
    }
    out.println("stopped");
    out.flush();
    return ExitCodes.OK;
  }
}
