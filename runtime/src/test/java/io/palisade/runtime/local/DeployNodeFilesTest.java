package io.palisade.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.palisade.control.StateJson;
import io.palisade.simnode.NodeConfigFile;
import io.palisade.simnode.TopologyFile;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeRole;
import io.palisade.spec.NodeVersion;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node files rendered by the deploy module, with the runtime's loopback ports and peers. */
class DeployNodeFilesTest {
  @TempDir Path dir;

  @Test
  void configBindsTheNodesOwnMetricsPort_topologyListsExactlyTheGivenPeers() throws Exception {
    DeployNodeFiles files = new DeployNodeFiles(TestPools.spec(dir));
    NodeRef bp = new NodeRef("block-producer", NodeRole.BLOCK_PRODUCER, null, 0);
    Path nodeDir = Files.createDirectories(dir.resolve("bp"));
    files.writeConfig(bp, nodeDir, new NodePorts(4001, 14001, 14002), NodeVersion.parse("10.5.3"));
    files.writeTopology(bp, nodeDir, List.of(InetSocketAddress.createUnresolved("127.0.0.1", 4002),
        InetSocketAddress.createUnresolved("127.0.0.1", 4003)), NodeVersion.parse("10.5.3"));

    // The simulated node reads them as cardano-node would.
    NodeConfigFile config = NodeConfigFile.read(nodeDir.resolve("config.json"));
    assertThat(config.genesis().networkMagic()).isEqualTo(2);
    assertThat(config.metrics()).hasValueSatisfying(m -> {
      assertThat(m.host()).isEqualTo("127.0.0.1");
      assertThat(m.port()).isEqualTo(14001);
    });
    JsonNode json = StateJson.MAPPER.readTree(nodeDir.resolve("config.json").toFile());
    assertThat(json.get("PeerSharing").asBoolean()).isFalse();
    assertThat(TopologyFile.read(nodeDir.resolve("topology.json")).localRoots()).extracting(InetSocketAddress::getPort)
        .containsExactly(4002, 4003);
    JsonNode topology = StateJson.MAPPER.readTree(nodeDir.resolve("topology.json").toFile());
    assertThat(topology.get("useLedgerAfterSlot").asLong()).isEqualTo(-1);
    assertThat(topology.at("/localRoots/0/hotValency").asInt()).isEqualTo(2);
    assertThat(topology.at("/localRoots/0/trustable").asBoolean()).isTrue();
  }

  @Test
  void relayTopology_keepsTheNetworksUpstreamPeers_configFollowsTheVersion() throws Exception {
    DeployNodeFiles files = new DeployNodeFiles(TestPools.spec(dir));
    NodeRef relay = new NodeRef("relay-region-a-0", NodeRole.RELAY, "region-a", 0);
    Path nodeDir = Files.createDirectories(dir.resolve("relay"));
    files.writeConfig(relay, nodeDir, new NodePorts(4002, 14003, 14004), NodeVersion.parse("10.6.2"));
    files.writeTopology(relay, nodeDir, List.of(InetSocketAddress.createUnresolved("127.0.0.1", 4001)),
        NodeVersion.parse("10.6.2"));
    JsonNode json = StateJson.MAPPER.readTree(nodeDir.resolve("config.json").toFile());
    assertThat(json.get("PeerSharing").asBoolean()).isTrue();
    assertThat(NodeConfigFile.read(nodeDir.resolve("config.json")).metrics()).hasValueSatisfying(m ->
        assertThat(m.port()).isEqualTo(14003));
    assertThat(TopologyFile.read(nodeDir.resolve("topology.json")).localRoots()).extracting(InetSocketAddress::getPort)
        .containsExactly(4001);
  }
}
