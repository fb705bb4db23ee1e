package io.palisade.runtime.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives every node its own loopback ports, once: a node keeps its ports across restarts (its peers' topologies name
 * them). Ports count up from the spec's {@code ports.nodeToNode} and {@code ports.metrics}, skipping ports in use; a
 * base of 0 takes free ports from the system (tests).
 */
final class PortAllocator {
  private final int nodeToNodeBase;
  private final int metricsBase;

  PortAllocator(int nodeToNodeBase, int metricsBase) {
    this.nodeToNodeBase = nodeToNodeBase;
    this.metricsBase = metricsBase;
  }

  /**
   * Ports for every node in {@code names}, keeping those already given.
   *
   * @param given ports allocated before
   * @param names every node, in order
   * @return the complete map
   */
  Map<String, NodePorts> allocate(Map<String, NodePorts> given, List<String> names) throws IOException {
    Map<String, NodePorts> out = new LinkedHashMap<>(given);
    Set<Integer> used = new HashSet<>();
    given.values().forEach(p -> {
      used.add(p.nodeToNode());
      used.add(p.metrics());
      used.add(p.ekg());
    });
    int nextN2n = nodeToNodeBase;
    int nextMetrics = metricsBase;
    // The official configs put EKG at 12788, ten below Prometheus; keep that layout.
    int nextEkg = metricsBase == 0 ? 0 : Math.max(1024, metricsBase - 10);
    for (String name : names) {
      if (out.containsKey(name)) {
        continue;
      }
      int n2n = nodeToNodeBase == 0 ? ephemeral(used) : nextFree(nextN2n, used);
      used.add(n2n);
      nextN2n = n2n + 1;
      int metrics = metricsBase == 0 ? ephemeral(used) : nextFree(nextMetrics, used);
      used.add(metrics);
      nextMetrics = metrics + 1;
      int ekg = metricsBase == 0 ? ephemeral(used) : nextFree(nextEkg, used);
      used.add(ekg);
      nextEkg = ekg + 1;
      out.put(name, new NodePorts(n2n, metrics, ekg));
    }
    return out;
  }

  private static int nextFree(int from, Set<Integer> used) throws IOException {
    for (int p = from; p < 65536; p++) {
      if (!used.contains(p) && bindable(p)) {
        return p;
      }
    }
    throw new IOException("no free loopback port at or above " + from);
  }

  private static int ephemeral(Set<Integer> used) throws IOException {
    for (int i = 0; i < 50; i++) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (!used.contains(s.getLocalPort())) {
          return s.getLocalPort();
        }
      }
    }
    throw new IOException("no free loopback port");
  }

  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
