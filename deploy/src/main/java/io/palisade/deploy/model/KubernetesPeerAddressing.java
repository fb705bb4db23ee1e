package io.palisade.deploy.model;

import io.palisade.spec.NodeRef;
import io.palisade.spec.PoolSpec;

/**
 * Pool nodes reach each other by in-cluster DNS: each block producer through its own ClusterIP Service, each relay
 * through its pod's name under its region's headless Service. Names are fully qualified, because cardano-node's
 * resolver does not apply the pod's DNS search list.
 */
public final class KubernetesPeerAddressing implements PeerAddressing {
  private final PoolNames names;
  private final String clusterDomain;
  private final int port;

  /**
   * @param spec the pool
   * @param clusterDomain the cluster's DNS domain, e.g. {@code cluster.local}
   */
  public KubernetesPeerAddressing(PoolSpec spec, String clusterDomain) {
    this.names = new PoolNames(spec);
    this.clusterDomain = clusterDomain;
    this.port = spec.ports().nodeToNode();
  }

  @Override
  public PeerEndpoint endpointOf(NodeRef node) {
    String suffix = "." + names.namespace() + ".svc." + clusterDomain;
    if (node.isBlockProducer()) {
      // Each producer (the main one, its standby) through its own Service: a relay lists each producer once.
      return new PeerEndpoint(names.governingService(names.statefulSet(node)) + suffix, port);
    }
    String service = names.governingService(names.relayStatefulSet(node.region()));
    return new PeerEndpoint(names.podName(node) + "." + service + suffix, port);
  }
}
