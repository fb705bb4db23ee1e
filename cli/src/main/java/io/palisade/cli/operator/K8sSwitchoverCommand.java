package io.palisade.cli.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.operator.k8s.StakePools;
import io.palisade.operator.k8s.Switchovers;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code palisade k8s switchover POOL}: asks the operator to move forging to the other producer. */
@Command(
    name = "switchover",
    mixinStandardHelpOptions = true,
    header = "Ask the operator to move forging to the standby block producer in the next free window.",
    description = {"Annotates the StakePool with palisade.io/switchover; the operator answers with an event and in"
        + " status.producer ('palisade k8s status POOL'), fences the active producer, then promotes the other one"
        + " (docs/standby.md).",
        "Exit codes: 0 asked, 3 refused (no such pool, no standby), 4 the cluster cannot be reached."})
public final class K8sSwitchoverCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KubeOptions kube;

  @Mixin PoolArgument target;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    String ns = target.namespace();
    String pool = target.name();
    try (KubernetesClient client = kube.client()) {
      String holder = new Switchovers(client).request(ns, pool);
      out.println("switchover asked for StakePool " + ns + "/" + pool + (holder == null ? "" : ": forging moves away"
          + " from " + holder) + " in the next free window; follow it with 'palisade k8s status " + pool + "'");
      out.flush();
      return ExitCodes.OK;
    } catch (StakePools.RefusedException e) {
      throw new ExitException(ExitCodes.REFUSED, e.getMessage());
    } catch (KubernetesClientException e) {
      throw new ExitException(ExitCodes.UNAVAILABLE, "cannot reach the cluster: " + e.getMessage(), e);
    }
  }
}
