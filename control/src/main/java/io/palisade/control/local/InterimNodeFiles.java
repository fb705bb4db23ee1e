package io.palisade.control.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.chain.KnownNetwork;
import io.palisade.chain.NetworkRef;
import io.palisade.spec.NodeRef;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * INTERIM: a minimal config.json/topology.json writer used until the deploy module's {@code NodeConfigRenderer} and
 * {@code TopologyRenderer} are merged; it is then replaced by an adapter over them. It writes the genesis file names,
 * new-tracing Prometheus on the node's loopback metrics port, PeerSharing off for the block producer, and a P2P
 * topology whose only peers are the pool's own nodes (a trustable local-root group; no public roots, no ledger
 * peers: a local pool talks to nobody else).
 */
public final class InterimNodeFiles implements NodeFiles {
  private final NetworkRef network;
  private final Path baseDir;

  /**
   * @param network the pool's network
   * @param baseDir the directory a custom network path resolves against
   */
  public InterimNodeFiles(NetworkRef network, Path baseDir) {
    this.network = network;
    this.baseDir = baseDir;
  }

  @Override
  public void writeConfig(NodeRef node, Path dir, NodePorts ports) throws IOException {
    for (String name : KnownNetwork.GENESIS_FILES) {
      Path target = dir.resolve(name);
      if (network.known().isPresent()) {
        try (InputStream in = network.known().get().openGenesisFile(name)) {
          AtomicFile.write(target, in.readAllBytes());
        }
      } else {
        Path source = baseDir.resolve(network.directory().orElseThrow()).resolve(name);
        if (Files.exists(source)) {
          AtomicFile.write(target, Files.readAllBytes(source));
        }
      }
    }
    ObjectNode c = StateJson.MAPPER.createObjectNode();
    c.put("Protocol", "Cardano");
    c.put("ByronGenesisFile", "byron-genesis.json");
    c.put("ShelleyGenesisFile", "shelley-genesis.json");
    c.put("AlonzoGenesisFile", "alonzo-genesis.json");
    c.put("ConwayGenesisFile", "conway-genesis.json");
    c.put("RequiresNetworkMagic", network.isMainnet() ? "RequiresNoMagic" : "RequiresMagic");
    long hardFork = network.known().map(KnownNetwork::shelleyTransitionEpoch).orElse(0L);
    c.put("TestShelleyHardForkAtEpoch", hardFork);
    c.put("PeerSharing", !node.isBlockProducer());
    c.put("UseTraceDispatcher", true);
    c.put("TraceOptionMetricsPrefix", "cardano.node.metrics.");
    ObjectNode all = c.putObject("TraceOptions").putObject("");
    all.put("severity", "Notice");
    all.putArray("backends").add("Stdout MachineFormat").add("PrometheusSimple suffix 127.0.0.1 " + ports.metrics());
    AtomicFile.write(dir.resolve("config.json"), StateJson.MAPPER.writeValueAsBytes(c));
  }

  @Override
  public void writeTopology(NodeRef node, Path dir, List<InetSocketAddress> peers) throws IOException {
    ObjectNode t = StateJson.MAPPER.createObjectNode();
    t.putArray("bootstrapPeers");
    ObjectNode group = t.putArray("localRoots").addObject();
    ArrayNode points = group.putArray("accessPoints");
    for (InetSocketAddress p : peers) {
      points.addObject().put("address", p.getHostString()).put("port", p.getPort());
    }
    group.put("advertise", false);
    group.put("trustable", true);
    group.put("hotValency", peers.size());
    t.putArray("publicRoots").addObject().put("advertise", false).putArray("accessPoints");
    t.put("useLedgerAfterSlot", -1);
    AtomicFile.write(dir.resolve("topology.json"), StateJson.MAPPER.writeValueAsBytes(t));
  }
}
