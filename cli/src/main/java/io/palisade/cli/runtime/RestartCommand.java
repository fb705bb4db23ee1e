package io.palisade.cli.runtime;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.JsonOption;
import io.palisade.runtime.plane.ControlPlaneClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code palisade restart NODE}: restarts one node now, also one the controller gave up on (FAILED). */
@Command(
    name = "restart",
    mixinStandardHelpOptions = true,
    header = "Restart one node of the pool on this machine now, also one reported FAILED.",
    description = {"A node that failed too often in a row is stopped and reported FAILED ('palisade status'); once"
        + " its cause is fixed, this starts it again with its failure count reset. A running node is restarted.",
        "Exit 0 accepted, 2 unknown node, 3 refused (the node is the current step of a rollout), 4 no control"
            + " plane."})
public final class RestartCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataDirOption dataDir;

  @Mixin JsonOption json;

  @Parameters(paramLabel = "NODE", description = "The node's name, as 'palisade status' shows it.")
  String node;

  @Override
  public Integer call() {
    ControlPlaneClient.Answer answer;
    try {
      answer = ControlPlaneAccess.connect(dataDir.root(), spec.commandLine().getErr()).restartNode(node);
    } catch (ControlPlaneClient.UnavailableException e) {
      throw ControlPlaneAccess.unavailable(e);
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
    }
    return ControlPlaneAccess.report(answer, json.enabled(), spec.commandLine().getOut());
  }
}
