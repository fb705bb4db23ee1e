package io.palisade.deploy.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.spec.NodeRef;
import io.palisade.spec.PoolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a node's config.json from the official configuration of the pool's network and node version. Pure: no
 * Kubernetes, no file writes. The single-host runtime and the Kubernetes renderer both use it.
 *
 * <pre>{@code
 * NodeConfigRenderer configs = PoolFiles.nodeConfigRenderer(loaded);
 * byte[] json = configs.configBytes(node, MetricsBinding.loopback(spec.ports()));
 * for (NodeFile f : configs.filesBeside(node)) { write(dir.resolve(f.name()), f.readAllBytes()); }
 * }</pre>
 *
 * <p>What changes from the official file, and nothing else: the genesis and checkpoint file names (to the names
 * {@link #filesBeside} uses); the metrics endpoint (bound to {@link MetricsBinding}); and for the block producer the
 * block-producer settings of the official {@code config-bp.json} ({@code PeerSharing: false}, known and root peer
 * targets of 100). Relays keep {@code PeerSharing: true}.
 */
public final class NodeConfigRenderer {
  /** What the official config-bp.json adds to config.json (book.play.dev.cardano.org, every network). */
  static final Map<String, Integer> BLOCK_PRODUCER_TARGETS =
      Map.of("TargetNumberOfKnownPeers", 100, "TargetNumberOfRootPeers", 100);

  private final PoolSpec spec;
  private final NetworkEnvironment environment;

  /**
   * @param spec the pool
   * @param environment the resolved network environment
   */
  public NodeConfigRenderer(PoolSpec spec, NetworkEnvironment environment) {
    this.spec = spec;
    this.environment = environment;
  }

  /** The official configuration the configs derive from. */
  public NetworkEnvironment environment() {
    return environment;
  }

  /**
   * The node's config.json.
   *
   * @param node a node of the pool
   * @param metrics where its metrics are served
   * @return a fresh object
   */
  public ObjectNode configJson(NodeRef node, MetricsBinding metrics) {
    ObjectNode config = environment.config();
    for (Map.Entry<String, String> key : NetworkEnvironment.GENESIS_KEYS.entrySet()) {
      if (config.has(key.getKey())) {
        config.put(key.getKey(), key.getValue());
      }
    }
    if (config.has("CheckpointsFile")) {
      config.put("CheckpointsFile", NetworkEnvironment.CHECKPOINTS_FILE);
    }
    bindMetrics(config, metrics);
    if (node.isBlockProducer()) {
      // A block producer never gossips its relays' or its own address.
      config.put("PeerSharing", false);
      BLOCK_PRODUCER_TARGETS.entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> config.put(e.getKey(), e.getValue()));
    } else {
      config.put("PeerSharing", true);
    }
    return config;
  }

  /** The node's config.json as canonical bytes. */
  public byte[] configBytes(NodeRef node, MetricsBinding metrics) {
    return CanonicalJson.bytes(configJson(node, metrics));
  }

  /**
   * The files to place beside config.json (and topology.json) for {@code node}: the genesis files, the checkpoints
   * when the config names them, and for relays the peer snapshot when the network has one.
   *
   * @param node a node of the pool
   * @return the files, genesis first
   */
  public List<NodeFile> filesBeside(NodeRef node) {
    List<NodeFile> files = new ArrayList<>(environment.files());
    if (!node.isBlockProducer()) {
      environment.peerSnapshot().ifPresent(files::add);
    }
    return files;
  }

  /** The pool the renderer serves. */
  public PoolSpec spec() {
    return spec;
  }

  private static void bindMetrics(ObjectNode config, MetricsBinding metrics) {
    boolean newTracing = config.path("UseTraceDispatcher").asBoolean(false);
    if (newTracing) {
      ObjectNode root = config.withObjectProperty("TraceOptions").withObjectProperty("");
      ArrayNode backends = root.withArrayProperty("backends");
      String prometheus = "PrometheusSimple suffix " + metrics.host() + " " + metrics.prometheusPort();
      boolean replaced = false;
      for (int i = 0; i < backends.size(); i++) {
        if (backends.get(i).asText().startsWith("PrometheusSimple")) {
          backends.set(i, backends.textNode(prometheus));
          replaced = true;
        }
      }
      if (!replaced) {
        backends.add(prometheus);
      }
    } else {
      ArrayNode prometheus = config.arrayNode();
      prometheus.add(metrics.host());
      prometheus.add(metrics.prometheusPort());
      config.set("hasPrometheus", prometheus);
      JsonNode ekg = config.get("hasEKG");
      // The legacy system serves Prometheus from its EKG store, so EKG stays on, on loopback, on a per-node port.
      if (ekg == null || ekg.isNumber()) {
        config.put("hasEKG", metrics.ekgPort());
      } else {
        ArrayNode pair = config.arrayNode();
        pair.add("127.0.0.1");
        pair.add(metrics.ekgPort());
        config.set("hasEKG", pair);
      }
    }
  }
}
