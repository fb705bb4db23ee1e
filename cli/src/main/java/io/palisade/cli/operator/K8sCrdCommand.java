package io.palisade.cli.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.operator.k8s.StakePools;
import io.palisade.operator.model.StakePool;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade k8s crd [--apply]}: the StakePool CRD, printed or installed. */
@Command(
    name = "crd",
    mixinStandardHelpOptions = true,
    header = "Print the StakePool CustomResourceDefinition, or install it with --apply.",
    description = "The CRD is generated from Palisade's classes at build time; its spec mirrors pool.yaml.")
public final class K8sCrdCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KubeOptions kube;

  @Option(names = "--apply", description = "Create or update the CRD in the cluster instead of printing it.")
  boolean apply;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (!apply) {
      out.print(StakePools.crdYaml());
      out.flush();
      return ExitCodes.OK;
    }
    try (KubernetesClient client = kube.client()) {
      boolean created = new StakePools(client).installCrd();
      out.println(StakePool.CRD_NAME + (created ? " created" : " updated"));
      out.flush();
      return ExitCodes.OK;
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      throw new ExitException(ExitCodes.UNAVAILABLE, "cannot install the CRD: " + e.getMessage(), e);
    }
  }
}
