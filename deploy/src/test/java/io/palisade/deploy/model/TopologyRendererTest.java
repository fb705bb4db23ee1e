package io.palisade.deploy.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.deploy.Fixtures;
import io.palisade.deploy.files.PoolFiles;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.NodeRef;
import io.palisade.spec.PoolSpec;
import io.palisade.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** topology.json per node: P2P only, the producer behind its relays, checked against the rules and real examples. */
class TopologyRendererTest {
  private final LoadedPoolSpec loaded = Fixtures.mainnet();
  private final PoolSpec spec = loaded.spec();
  private final TopologyRenderer topologies = TopologyRenderer.of(PoolFiles.nodeConfigRenderer(loaded));
  private final PeerAddressing k8s = new KubernetesPeerAddressing(spec, "cluster.local");

  @Test
  void blockProducer_onlyItsRelays_oneTrustableGroup_noPublicOrBootstrapOrLedgerPeers() {
    ObjectNode t = topologies.topology(spec.blockProducerRef(), k8s);
    List<PeerEndpoint> relays = spec.relayRefs().stream().map(k8s::endpointOf).toList();
    assertThat(TopologyRules.blockProducer(t, relays)).isEmpty();
    assertThat(t.at("/localRoots/0/hotValency").asInt()).isEqualTo(4);
    assertThat(t.at("/localRoots/0/accessPoints/0/address").asText())
        .isEqualTo("relay-eu-west-0.relay-eu-west.pyur-pool.svc.cluster.local");
    assertThat(t.get("useLedgerAfterSlot").asLong()).isEqualTo(-1);
    assertThat(t.get("bootstrapPeers")).isEmpty();
    assertThat(t.has("peerSnapshotFile")).isFalse();
  }

  @Test
  void relay_trustsTheProducerAndSiblings_notItself_usesOfficialBootstrapAndLedgerSlot() {
    NodeRef self = spec.relayRefs().get(0);
    ObjectNode t = topologies.topology(self, k8s);
    assertThat(TopologyRules.relay(t, k8s.endpointOf(spec.blockProducerRef()))).isEmpty();
    assertThat(t.at("/localRoots/0/accessPoints").size()).isEqualTo(4);
    assertThat(t.at("/localRoots/0/accessPoints").toString()).doesNotContain(k8s.endpointOf(self).host());
    assertThat(t.at("/localRoots/0/advertise").asBoolean()).isFalse();
    assertThat(t.at("/bootstrapPeers/0/address").asText()).isEqualTo("backbone.cardano.iog.io");
    assertThat(t.get("useLedgerAfterSlot").asLong()).isEqualTo(177724800L);
    assertThat(t.at("/publicRoots/0/accessPoints/0/address").asText()).isEqualTo("relay1.friendly-pool.example");
  }

  @Test
  void singleHostAddressing_loopbackPortsPerNode() {
    // The single-host runtime passes 127.0.0.1 and a port per node.
    PeerAddressing loopback = node -> new PeerEndpoint("127.0.0.1", 30000 + spec.nodes().indexOf(node));
    ObjectNode bp = topologies.topology(spec.blockProducerRef(), loopback);
    assertThat(bp.at("/localRoots/0/accessPoints/3/port").asInt()).isEqualTo(30004);
    assertThat(TopologyRules.blockProducer(bp, spec.relayRefs().stream().map(loopback::endpointOf).toList()))
        .isEmpty();
  }

  @Test
  void preview_relay_hasThePeerSnapshot_andItsLedgerSlot() {
    LoadedPoolSpec demo = Fixtures.preview();
    TopologyRenderer r = TopologyRenderer.of(PoolFiles.nodeConfigRenderer(demo));
    ObjectNode t = r.topology(demo.spec().relayRefs().get(0), new KubernetesPeerAddressing(demo.spec(), "c.local"));
    assertThat(t.get("peerSnapshotFile").asText()).isEqualTo("peer-snapshot.json");
    assertThat(t.get("useLedgerAfterSlot").asLong()).isEqualTo(102729600L);
    assertThat(TopologyRules.format(t)).isEmpty();
  }

  @Test
  void rules_acceptEveryRealP2pExample_andRejectTheLegacyFormat() throws IOException {
    Path examples = SharedData.require("nodedata/topology-examples");
    Path root = examples.getParent();
    List<Path> files;
    try (Stream<Path> s = Stream.concat(Files.list(examples), Stream.of(
        root.resolve("environments/mainnet/topology.json"), root.resolve("environments/preview/topology.json"),
        root.resolve("environments-pre/preprod/topology.json"),
        root.resolve("cardano-node-repo-config/mainnet-topology.json")))) {
      files = s.sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(8);
    for (Path f : files) {
      ObjectNode t = CanonicalJson.readObject(Files.readAllBytes(f), f.toString());
      if (f.getFileName().toString().startsWith("legacy-")) {
        assertThat(TopologyRules.format(t)).as(f.toString()).anyMatch(e -> e.contains("legacy non-P2P"));
      } else {
        assertThat(TopologyRules.format(t)).as(f.toString()).isEmpty();
      }
    }
    ObjectNode guildBp = CanonicalJson.readObject(Files.readAllBytes(examples.resolve("guild-docs-bp-topology.json")),
        "guild bp");
    assertThat(TopologyRules.blockProducer(guildBp,
        List.of(new PeerEndpoint("yy.yy.yy.yy", 6000), new PeerEndpoint("zz.zz.zz.zz", 6000)))).isEmpty();
    ObjectNode guildRelay = CanonicalJson.readObject(
        Files.readAllBytes(examples.resolve("guild-docs-relay-topology.json")), "guild relay");
    assertThat(TopologyRules.relay(guildRelay, new PeerEndpoint("xx.xx.xx.xx", 6000))).isEmpty();
    // A relay topology is not a producer topology: public and bootstrap peers, ledger peers.
    assertThat(TopologyRules.blockProducer(guildRelay, List.of(new PeerEndpoint("xx.xx.xx.xx", 6000))))
        .anyMatch(e -> e.contains("bootstrapPeers")).anyMatch(e -> e.contains("useLedgerAfterSlot"));
  }

  @Test
  void rules_rejectHostileAndMalformedTopologies() {
    assertThat(TopologyRules.format(CanonicalJson.readObject("{}".getBytes(), "t")))
        .anyMatch(e -> e.contains("localRoots")).anyMatch(e -> e.contains("publicRoots"));
    assertThat(TopologyRules.format(CanonicalJson.readObject(
        "{\"localRoots\":[{\"localRoots\":{}}],\"publicRoots\":[]}".getBytes(), "t")))
        .anyMatch(e -> e.contains("legacy-P2P"));
    assertThat(TopologyRules.format(CanonicalJson.readObject(("{\"localRoots\":[{\"accessPoints\":[{\"address\":"
        + "\"a\",\"port\":70000}],\"hotValency\":2,\"warmValency\":1}],\"publicRoots\":[],\"bootstrapPeers\":[]}")
        .getBytes(), "t")))
        .anyMatch(e -> e.contains("port")).anyMatch(e -> e.contains("warmValency"))
        .anyMatch(e -> e.contains("trustable peers"));
    assertThat(TopologyRules.format(null)).containsExactly("$: must be a JSON object");
  }

  @Test
  void relayTopology_advertisingTheProducer_isRejected() {
    ObjectNode t = topologies.topology(spec.relayRefs().get(0), k8s);
    ((ObjectNode) t.at("/localRoots/0")).put("advertise", true);
    assertThat(TopologyRules.relay(t, k8s.endpointOf(spec.blockProducerRef())))
        .anyMatch(e -> e.contains("must not be advertised"));
  }
}
