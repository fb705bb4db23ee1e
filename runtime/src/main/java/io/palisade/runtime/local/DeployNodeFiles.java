package io.palisade.runtime.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.deploy.files.PoolFiles;
import io.palisade.deploy.model.CanonicalJson;
import io.palisade.deploy.model.MetricsBinding;
import io.palisade.deploy.model.NodeConfigRenderer;
import io.palisade.deploy.model.NodeFile;
import io.palisade.deploy.model.PeerEndpoint;
import io.palisade.deploy.model.TopologyRenderer;
import io.palisade.spec.AtomicFile;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes each node's files with the deploy module's renderers, the same ones the Kubernetes rendering uses: the
 * official config.json of the pool's network for the node's version (metrics bound to the node's own loopback ports),
 * the genesis files and the rest beside it, and a P2P topology by the pool's rules. The runtime decides which pool
 * peers a node has (a relay being added is not in the block producer's topology until it is ready), so the trustable
 * local-root group is filled with exactly those peers, at 127.0.0.1 and their ports.
 */
public final class DeployNodeFiles implements NodeFiles {
  private final LoadedPoolSpec loaded;
  private final Map<NodeVersion, NodeConfigRenderer> renderers = new ConcurrentHashMap<>();

  /**
   * @param loaded the pool spec
   */
  public DeployNodeFiles(LoadedPoolSpec loaded) {
    this.loaded = loaded;
  }

  private NodeConfigRenderer renderer(NodeVersion version) {
    return renderers.computeIfAbsent(version,
        v -> PoolFiles.nodeConfigRenderer(loaded.spec().withNodeVersion(v), loaded.baseDir()));
  }

  @Override
  public void writeConfig(NodeRef node, Path dir, NodePorts ports, NodeVersion version) throws IOException {
    NodeConfigRenderer r = renderer(version);
    for (NodeFile f : r.filesBeside(node)) {
      AtomicFile.write(dir.resolve(f.name()), f.readAllBytes(), true);
    }
    MetricsBinding metrics = new MetricsBinding("127.0.0.1", ports.metrics(), ports.ekg());
    AtomicFile.write(dir.resolve("config.json"), r.configBytes(node, metrics), true);
  }

  @Override
  public void writeTopology(NodeRef node, Path dir, List<InetSocketAddress> peers, NodeVersion version)
      throws IOException {
    TopologyRenderer topologies = TopologyRenderer.of(renderer(version));
    // Every pool node the renderer asks about gets a placeholder; the group is then replaced by the real peers.
    ObjectNode t = topologies.topology(node, n -> new PeerEndpoint("127.0.0.1", 1));
    JsonNode roots = t.get("localRoots");
    if (roots instanceof ArrayNode groups && !groups.isEmpty() && groups.get(0) instanceof ObjectNode group) {
      ArrayNode points = group.putArray("accessPoints");
      for (InetSocketAddress p : peers) {
        points.addObject().put("address", p.getHostString()).put("port", p.getPort());
      }
      group.put("hotValency", peers.size());
      group.put("warmValency", peers.size());
    }
    AtomicFile.write(dir.resolve("topology.json"), CanonicalJson.bytes(t), true);
  }
}
