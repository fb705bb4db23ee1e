package io.palisade.cli.runtime;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.control.api.ActionResult;
import io.palisade.runtime.local.DataDir;
import io.palisade.runtime.local.UnsupervisedNodes;
import io.palisade.runtime.plane.ControlPlaneClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Connecting to the control plane and turning its answers into exit codes, for the runtime's commands. */
final class ControlPlaneAccess {
  private ControlPlaneAccess() {}

  /**
   * Connects to the control plane of {@code root} and names, on stderr, the pool and the data directory the command
   * acts on (so an exported HOME or a forgotten --data-dir shows before anything happens; stdout stays for --json).
   */
  static ControlPlaneClient connect(Path root, PrintWriter err) {
    try {
      ControlPlaneClient client = ControlPlaneClient.connect(new DataDir(root));
      banner(err, client.pool(), root);
      return client;
    } catch (ControlPlaneClient.UnavailableException e) {
      throw new ExitException(ExitCodes.UNAVAILABLE, e.getMessage() + unsupervised(root), e);
    } catch (IOException e) {
      throw new ExitException(ExitCodes.UNAVAILABLE, "cannot use the data directory " + root + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * What an operator must know when no control plane answers: nodes a killed {@code up} left running, unsupervised
   * (nobody restarts them, no rollout or relay add happens), and how to take them back.
   */
  static String unsupervised(Path root) {
    List<String> nodes;
    try {
      nodes = UnsupervisedNodes.running(root);
    } catch (IOException e) {
      return "";
    }
    if (nodes.isEmpty()) {
      return "";
    }
    return "\n" + nodes.size() + (nodes.size() == 1 ? " node still runs" : " nodes still run") + " unsupervised ("
        + String.join(", ", nodes) + "): nothing restarts them if they fail. 'palisade up"
        + (root.equals(DataDir.defaultRoot(System.getenv())) ? "" : " --data-dir " + root) + "' adopts them again"
        + " (with the same pool.yaml); 'palisade down' stops them.";
  }

  /** The first line of every command that acts on a pool. */
  static void banner(PrintWriter err, String pool, Path root) {
    err.println("palisade: pool " + pool + ", data directory " + root.toAbsolutePath().normalize());
    err.flush();
  }

  static ExitException unavailable(ControlPlaneClient.UnavailableException e) {
    return new ExitException(ExitCodes.UNAVAILABLE, e.getMessage(), e);
  }

  /** Prints an action's answer; returns its exit code (0 accepted, 3 refused, 2 bad input). */
  static int report(ControlPlaneClient.Answer answer, boolean json, PrintWriter out) {
    ActionResult r = answer.result();
    if (json) {
      out.println(RuntimeJson.write(r));
      out.flush();
    }
    return switch (answer.status()) {
      case 202 -> {
        if (!json) {
          out.println(r.message());
          out.flush();
        }
        yield ExitCodes.OK;
      }
      case 409 -> {
        if (json) {
          yield ExitCodes.REFUSED;
        }
        throw new ExitException(ExitCodes.REFUSED, "refused: " + r.message());
      }
      case 400, 404 -> {
        if (json) {
          yield ExitCodes.INVALID_INPUT;
        }
        throw new ExitException(ExitCodes.INVALID_INPUT, r.message());
      }
      default -> throw new ExitException(ExitCodes.UNAVAILABLE, "unexpected answer " + answer.status() + ": "
          + r.message());
    };
  }
}
