package io.palisade.runtime.local;

import io.palisade.control.NodeRuntimeException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every node's loopback ports, kept in the data directory's {@code ports.json}: a node keeps its ports across restarts
 * of the control plane, and a removed node's ports stay reserved (its name is never given again).
 */
final class PortBook {
  private final DataDir dataDir;
  private final PortAllocator allocator;
  private final Map<String, NodePorts> ports = new LinkedHashMap<>();

  /**
   * The content of {@code ports.json}.
   *
   * @param ports node name to ports
   */
  record PortsFile(Map<String, NodePorts> ports) {}

  /**
   * @param dataDir the data directory
   * @param nodeToNodeBase first node-to-node port (0: any free port)
   * @param metricsBase first metrics port (0: any free port)
   * @throws IOException if ports.json cannot be read
   */
  PortBook(DataDir dataDir, int nodeToNodeBase, int metricsBase) throws IOException {
    this.dataDir = dataDir;
    this.allocator = new PortAllocator(nodeToNodeBase, metricsBase);
    dataDir.read(dataDir.portsFile(), PortsFile.class).ifPresent(p -> ports.putAll(p.ports()));
  }

  /**
   * Gives every node ports (those it had keep them), recording new ones before they are used.
   *
   * @param nodes the nodes' names
   * @throws IOException if ports.json cannot be written
   */
  synchronized void register(List<String> nodes) throws IOException {
    Map<String, NodePorts> all = allocator.allocate(ports, nodes);
    if (!all.equals(ports)) {
      ports.clear();
      ports.putAll(all);
      dataDir.write(dataDir.portsFile(), new PortsFile(ports));
    }
  }

  synchronized boolean has(String node) {
    return ports.containsKey(node);
  }

  /**
   * A node's ports.
   *
   * @throws NodeRuntimeException if the node has none (it was never registered)
   */
  synchronized NodePorts of(String node) {
    NodePorts p = ports.get(node);
    if (p == null) {
      throw new NodeRuntimeException("node " + node + " has no ports (not registered)");
    }
    return p;
  }
}
