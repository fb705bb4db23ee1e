package io.palisade.cli.runtime;

import io.palisade.cli.DataDirOption;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.JsonOption;
import io.palisade.cli.operator.KubernetesRelayAdd;
import io.palisade.cli.operator.StakePoolOptions;
import io.palisade.control.api.NodeStatus;
import io.palisade.control.api.PoolStatus;
import io.palisade.runtime.plane.ControlPlaneClient;
import io.palisade.spec.NodeRole;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade relay add --region R}: one more relay, in the block producer's topology once ready. */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    header = "Add a relay in a region: started, synced, then added to the block producer's topology (on this"
        + " machine, or with --kubernetes through the StakePool).",
    description = "Exit codes: 0 accepted (with --wait: the relay is ready and in the topology), 1 with --wait: it"
        + " never became ready (it is stopped and reported FAILED), 3 refused (a rollout or another addition runs),"
        + " 4 with --kubernetes: the cluster cannot be reached.")
public final class RelayAddCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataDirOption dataDir;

  @Mixin JsonOption json;

  @Option(names = "--region", required = true, paramLabel = "REGION",
      description = "The region (an existing relay group or a new one).")
  String region;

  @Option(names = "--wait", description = "Wait until the relay is ready and in the block producer's topology.")
  boolean await;

  @Option(names = "--kubernetes", description = "The pool runs on Kubernetes: patch its StakePool (with --pool) in"
      + " the current kubeconfig context; the operator adds the relay.")
  boolean kubernetes;

  @Option(names = "--public-address", paramLabel = "ADDRESS",
      description = "With --kubernetes, for a new region: the public DNS name or address of its relays.")
  String publicAddress;

  @Mixin StakePoolOptions stakePool;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    if (kubernetes) {
      return KubernetesRelayAdd.run(stakePool, region, publicAddress, await, json, out, spec.commandLine().getErr());
    }
    ControlPlaneClient client = ControlPlaneAccess.connect(dataDir.root(), spec.commandLine().getErr());
    try {
      RolloutWatch watch = await ? RolloutWatch.from(client) : null;
      ControlPlaneClient.Answer answer = client.addRelay(region);
      int code = ControlPlaneAccess.report(answer, json.enabled(), out);
      if (code != ExitCodes.OK || !await) {
        return code;
      }
      String relay = answer.result().node();
      PoolStatus s = watch.until(st -> st.relayAddition() == null
          && st.nodes().stream().anyMatch(n -> n.name().equals(relay)), Duration.ofDays(1),
          spec.commandLine().getErr());
      NodeStatus n = s.nodes().stream().filter(x -> x.name().equals(relay)).findFirst()
          .orElseThrow(() -> new ExitException(ExitCodes.SOFTWARE, "relay " + relay + " vanished"));
      boolean inTopology = s.nodes().stream().anyMatch(x -> x.role() == NodeRole.BLOCK_PRODUCER
          && x.peers().contains(relay));
      if (!json.enabled()) {
        out.println(relay + (inTopology ? " is ready and in the block producer's topology"
            : " was not added: " + n.lastFailure()));
        out.flush();
      }
      return inTopology ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    } catch (ControlPlaneClient.UnavailableException e) {
      throw ControlPlaneAccess.unavailable(e);
    }
  }
}
