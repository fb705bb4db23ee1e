package io.palisade.runtime.local;

import io.palisade.spec.NodeRef;
import java.util.Optional;

/**
 * Which forging credentials a node is started with. A pool without a standby starts its block producer with the hot
 * keys (when it has them); with a standby, only the holder of the producer lease gets them, and the other producer
 * starts non-producing ({@code --start-as-non-producing-node}) with the paths where its credentials would be given.
 */
@FunctionalInterface
interface ProducerCredentials {
  /**
   * What to start a node with.
   *
   * @param node the node
   * @return its credential files (if any) and whether it starts non-producing
   */
  Launch forLaunch(NodeRef node);

  /**
   * A node's start.
   *
   * @param keys the credential files' paths for its command line (they may not exist for a non-producing start)
   * @param nonProducing whether it starts with {@code --start-as-non-producing-node}
   */
  record Launch(Optional<HotKeyFiles> keys, boolean nonProducing) {}
}
