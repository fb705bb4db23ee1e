package io.palisade.cli.deploy;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.deploy.model.RenderOptions;
import picocli.CommandLine.Option;

/**
 * The facts about the target cluster that pool.yaml does not hold ({@link RenderOptions}), as options: one home for
 * {@code palisade render} and {@code palisade operator}, which render the same objects.
 */
public final class ClusterOptions {
  @Option(names = "--cluster-domain", paramLabel = "DOMAIN", defaultValue = "cluster.local",
      description = "The cluster's DNS domain (default: ${DEFAULT-VALUE}).")
  String clusterDomain;

  @Option(names = "--monitoring-namespace", paramLabel = "NAMESPACE", defaultValue = "monitoring",
      description = "Namespace allowed to scrape the agents' metrics (default: ${DEFAULT-VALUE}).")
  String monitoringNamespace;

  @Option(names = "--region-label", paramLabel = "LABEL", defaultValue = "topology.kubernetes.io/region",
      description = "Node label naming a machine's region; relays are pinned to theirs (default: ${DEFAULT-VALUE}).")
  String regionLabel;

  @Option(names = "--operator-namespace", paramLabel = "NAMESPACE",
      defaultValue = RenderOptions.DEFAULT_OPERATOR_NAMESPACE,
      description = "Namespace the operator runs in; its pods alone may read the block producers' agents"
          + " (default: ${DEFAULT-VALUE}).")
  String operatorNamespace;

  /**
   * @return the render options these flags name
   * @throws ExitException (invalid input) for a cluster domain or namespace that is not a DNS name
   */
  public RenderOptions renderOptions() {
    try {
      return new RenderOptions(clusterDomain, monitoringNamespace, regionLabel, operatorNamespace);
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, e.getMessage(), e);
    }
  }
}
