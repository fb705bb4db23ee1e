package io.palisade.deploy.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.spec.NodeRef;
import io.palisade.spec.PeerAddress;
import io.palisade.spec.PeersSpec;
import io.palisade.spec.PoolSpec;
import java.util.List;
import java.util.Objects;

/**
 * Renders a node's topology.json in the P2P format (the only one cardano-node 10.6 and later accept). Pure.
 *
 * <p>Block producer: one trustable local-root group holding exactly its own relays, {@code hotValency} = number of
 * relays, no public roots, no bootstrap peers, no ledger peers ({@code useLedgerAfterSlot: -1}), no peer snapshot.
 * Relay: one trustable local-root group with the block producer and every sibling relay (never advertised), the
 * spec's public roots, the network's bootstrap peers (or the spec's), ledger peers after the network's recent slot
 * (or the spec's), and the network's peer snapshot when it has one this node version reads.
 */
public final class TopologyRenderer {
  private final PoolSpec spec;
  private final NetworkEnvironment environment;

  /**
   * @param spec the pool
   * @param environment the network environment (from {@link NodeConfigRenderer#environment()})
   */
  public TopologyRenderer(PoolSpec spec, NetworkEnvironment environment) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /** A topology renderer sharing {@code configs}' environment. */
  public static TopologyRenderer of(NodeConfigRenderer configs) {
    return new TopologyRenderer(configs.spec(), configs.environment());
  }

  /**
   * The node's topology.
   *
   * @param node a node of the pool
   * @param addressing how pool nodes reach each other
   * @return a fresh object
   */
  public ObjectNode topology(NodeRef node, PeerAddressing addressing) {
    return node.isBlockProducer() ? blockProducer(addressing) : relay(node, addressing);
  }

  /** The node's topology as canonical bytes. */
  public byte[] topologyBytes(NodeRef node, PeerAddressing addressing) {
    return CanonicalJson.bytes(topology(node, addressing));
  }

  private ObjectNode blockProducer(PeerAddressing addressing) {
    List<NodeRef> relays = spec.relayRefs();
    ObjectNode t = CanonicalJson.object();
    t.putArray("bootstrapPeers");
    ArrayNode localRoots = t.putArray("localRoots");
    localRoots.add(trustedGroup(relays, addressing));
    t.putArray("publicRoots");
    t.put("useLedgerAfterSlot", -1);
    return t;
  }

  private ObjectNode relay(NodeRef self, PeerAddressing addressing) {
    List<NodeRef> own = spec.nodes().stream().filter(n -> !n.name().equals(self.name())).toList();
    ObjectNode official = environment.officialTopology().orElse(CanonicalJson.object());
    PeersSpec peers = spec.peers();
    ObjectNode t = CanonicalJson.object();
    List<PeerAddress> bootstrap = peers == null || peers.bootstrapPeers() == null ? List.of() : peers.bootstrapPeers();
    if (!bootstrap.isEmpty()) {
      ArrayNode array = t.putArray("bootstrapPeers");
      bootstrap.forEach(p -> array.add(accessPoint(p.address(), p.port())));
    } else if (official.hasNonNull("bootstrapPeers")) {
      t.set("bootstrapPeers", official.get("bootstrapPeers"));
    } else {
      t.putArray("bootstrapPeers");
    }
    t.putArray("localRoots").add(trustedGroup(own, addressing));
    environment.peerSnapshot().ifPresent(f -> t.put("peerSnapshotFile", f.name()));
    ArrayNode publicRoots = t.putArray("publicRoots");
    List<PeerAddress> roots = peers == null || peers.publicRoots() == null ? List.of() : peers.publicRoots();
    ObjectNode group = publicRoots.addObject();
    ArrayNode points = group.putArray("accessPoints");
    roots.forEach(p -> points.add(accessPoint(p.address(), p.port())));
    group.put("advertise", false);
    long ledgerSlot;
    if (peers != null && peers.useLedgerAfterSlot() != null) {
      ledgerSlot = peers.useLedgerAfterSlot();
    } else {
      JsonNode officialSlot = official.get("useLedgerAfterSlot");
      ledgerSlot = officialSlot != null && officialSlot.canConvertToLong() ? officialSlot.asLong() : -1;
    }
    t.put("useLedgerAfterSlot", ledgerSlot);
    return t;
  }

  /** One group, every member trusted and hot, none advertised (peer sharing must never spread them). */
  private static ObjectNode trustedGroup(List<NodeRef> members, PeerAddressing addressing) {
    ObjectNode group = CanonicalJson.object();
    ArrayNode points = group.putArray("accessPoints");
    for (NodeRef n : members) {
      PeerEndpoint e = Objects.requireNonNull(addressing.endpointOf(n), "no endpoint for " + n.name());
      points.add(accessPoint(e.host(), e.port()));
    }
    group.put("advertise", false);
    group.put("trustable", true);
    group.put("hotValency", members.size());
    group.put("warmValency", members.size());
    return group;
  }

  private static ObjectNode accessPoint(String address, int port) {
    ObjectNode p = CanonicalJson.object();
    p.put("address", address);
    p.put("port", port);
    return p;
  }
}
