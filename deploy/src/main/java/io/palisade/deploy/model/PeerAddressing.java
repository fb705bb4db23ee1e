package io.palisade.deploy.model;

import io.palisade.spec.NodeRef;

/**
 * How the nodes of a pool reach each other. Kubernetes uses service DNS names ({@link KubernetesPeerAddressing});
 * the single-host runtime uses 127.0.0.1 and a port per node.
 */
@FunctionalInterface
public interface PeerAddressing {
  /**
   * @param node a node of the pool
   * @return where the other nodes of the pool connect to it; MUST NOT return null
   */
  PeerEndpoint endpointOf(NodeRef node);
}
