package io.palisade.runtime.local;

import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a node's {@code config.json} (with the genesis files beside it) and {@code topology.json} into its
 * directory. The deploy module's renderers do the rendering; this port lets the runtime give them loopback addresses.
 */
public interface NodeFiles {
  /**
   * Writes config.json and the genesis files.
   *
   * @param node the node
   * @param dir its directory
   * @param ports its ports (the metrics port goes into the config)
   * @param version the version it will run (the configuration follows the node version)
   * @throws IOException if a file cannot be written
   */
  void writeConfig(NodeRef node, Path dir, NodePorts ports, NodeVersion version) throws IOException;

  /**
   * Writes topology.json.
   *
   * @param node the node
   * @param dir its directory
   * @param peers the pool peers it connects to (its trustable local roots)
   * @param version the version it runs
   * @throws IOException if the file cannot be written
   */
  void writeTopology(NodeRef node, Path dir, List<InetSocketAddress> peers, NodeVersion version) throws IOException;
}
