package io.palisade.deploy.model;

import java.util.Objects;

/**
 * Facts about the target cluster that the pool spec does not hold.
 *
 * @param clusterDomain the cluster's DNS domain, for the fully qualified service names in topologies
 * @param monitoringNamespace the namespace whose pods may scrape the agents' metrics
 * @param regionLabel the node label that names a node's region; relays of a region are pinned to it
 * @param operatorNamespace the namespace the operator runs in: its pods alone may read the producers' agents
 */
public record RenderOptions(String clusterDomain, String monitoringNamespace, String regionLabel,
    String operatorNamespace) {
  /** Where {@code palisade operator install} puts the operator unless told otherwise. */
  public static final String DEFAULT_OPERATOR_NAMESPACE = "palisade-system";

  /** Rejects blanks. */
  public RenderOptions {
    Objects.requireNonNull(clusterDomain, "clusterDomain");
    Objects.requireNonNull(monitoringNamespace, "monitoringNamespace");
    Objects.requireNonNull(regionLabel, "regionLabel");
    Objects.requireNonNull(operatorNamespace, "operatorNamespace");
    if (!clusterDomain.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
      throw new IllegalArgumentException("cluster domain must be a DNS name such as cluster.local, was: \""
          + clusterDomain + "\"");
    }
    if (!monitoringNamespace.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
      throw new IllegalArgumentException("monitoring namespace must be a namespace name, was: \""
          + monitoringNamespace + "\"");
    }
    if (!operatorNamespace.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")) {
      throw new IllegalArgumentException("operator namespace must be a namespace name, was: \""
          + operatorNamespace + "\"");
    }
  }

  /** Options with the operator in its default namespace. */
  public RenderOptions(String clusterDomain, String monitoringNamespace, String regionLabel) {
    this(clusterDomain, monitoringNamespace, regionLabel, DEFAULT_OPERATOR_NAMESPACE);
  }

  /** The same options with the operator in {@code namespace}. */
  public RenderOptions withOperatorNamespace(String namespace) {
    return new RenderOptions(clusterDomain, monitoringNamespace, regionLabel, namespace);
  }

  /** {@code cluster.local}, {@code monitoring}, {@code topology.kubernetes.io/region}, {@code palisade-system}. */
  public static RenderOptions defaults() {
    return new RenderOptions("cluster.local", "monitoring", "topology.kubernetes.io/region");
  }
}
