package io.palisade.cli.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.deploy.model.RenderOptions;
import io.palisade.deploy.monitoring.ScrapeTargets;
import io.palisade.operator.model.OperatorManifests;
import io.palisade.spec.ImageRef;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code palisade k8s operator-manifests --image IMG [--pod-monitor]}: what runs the operator in the cluster, as
 * YAML; with {@code --pod-monitor}, also the Prometheus operator's PodMonitor that scrapes its {@code /metrics} (left
 * out by default: applying it fails on a cluster without the Prometheus operator's CRDs).
 */
@Command(
    name = "operator-manifests",
    mixinStandardHelpOptions = true,
    header = "Print the manifests that run the operator in a cluster (namespace, RBAC, Deployment).",
    description = "Pipe to 'kubectl apply -f -'. The cluster role grants exactly what the operator uses; the"
        + " Deployment runs one replica of Palisade's image, non-root on a read-only root filesystem, its /metrics"
        + " (the pools' leader-slot series the rendered alerting rules use) on the container port named 'metrics'.")
public final class K8sOperatorManifestsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--image", required = true, paramLabel = "IMAGE",
      description = "Palisade's image, pinned by digest (REGISTRY/REPOSITORY[:TAG]@sha256:DIGEST).")
  String image;

  @Option(names = "--namespace", paramLabel = "NAMESPACE", defaultValue = RenderOptions.DEFAULT_OPERATOR_NAMESPACE,
      description = "Where the operator runs (default: ${DEFAULT-VALUE}); render the pools with the same"
          + " --operator-namespace, whose block producers admit the operator's pods to their agents.")
  String namespace;

  @Option(names = "--pod-monitor",
      description = "Also print a PodMonitor (Prometheus operator) that scrapes the operator's /metrics, in the"
          + " --monitoring-namespace; needs the Prometheus operator's CRDs.")
  boolean podMonitor;

  @Option(names = "--monitoring-namespace", paramLabel = "NAMESPACE", defaultValue = "monitoring",
      description = "Where the PodMonitor goes, the same as the pools' render (default: ${DEFAULT-VALUE}).")
  String monitoringNamespace;

  @Override
  public Integer call() {
    ImageRef ref;
    try {
      ref = ImageRef.parse(image);
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "--image " + e.getMessage(), e);
    }
    for (String[] ns : new String[][] {{"--namespace", namespace}, {"--monitoring-namespace", monitoringNamespace}}) {
      if (!ns[1].matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
        throw new ExitException(ExitCodes.INVALID_INPUT, ns[0] + " must be a namespace name, was: \"" + ns[1]
            + "\"");
      }
    }
    List<HasMetadata> objects = new ArrayList<>(OperatorManifests.all(namespace, ref));
    if (podMonitor) {
      objects.add(ScrapeTargets.operatorPodMonitor(namespace, monitoringNamespace));
    }
    PrintWriter out = spec.commandLine().getOut();
    for (HasMetadata o : objects) {
      out.print(Serialization.asYaml(o));
    }
    out.flush();
    return ExitCodes.OK;
  }
}
