package io.palisade.deploy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.chain.KnownNetwork;
import io.palisade.chain.NetworkRef;
import io.palisade.deploy.RenderRefusedException;
import io.palisade.deploy.files.PoolFiles;
import io.palisade.spec.NodeVersion;
import io.palisade.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bundled official configurations: verbatim copies of the shared data, and which one a node version gets. */
class OfficialConfigsTest {
  /** Bundled resource (under official/) to its source in ../shared/nodedata. */
  private static final Map<String, String> SOURCES = Map.ofEntries(
      Map.entry("book/mainnet/config.json", "environments/mainnet/config.json"),
      Map.entry("book/mainnet/topology.json", "environments/mainnet/topology.json"),
      Map.entry("book/mainnet/checkpoints.json", "environments/mainnet/checkpoints.json"),
      Map.entry("book/preprod/config.json", "environments/preprod/config.json"),
      Map.entry("book/preprod/topology.json", "environments/preprod/topology.json"),
      Map.entry("book/preprod/peer-snapshot.json", "environments/preprod/peer-snapshot.json"),
      Map.entry("book/preview/config.json", "environments/preview/config.json"),
      Map.entry("book/preview/topology.json", "environments/preview/topology.json"),
      Map.entry("book/preview/peer-snapshot.json", "environments/preview/peer-snapshot.json"),
      Map.entry("book/preview/checkpoints.json", "environments/preview/checkpoints.json"),
      Map.entry("book-pre/preprod/config.json", "environments-pre/preprod/config.json"),
      Map.entry("book-pre/preprod/topology.json", "environments-pre/preprod/topology.json"),
      Map.entry("book-pre/preprod/peer-snapshot.json", "environments-pre/preprod/peer-snapshot.json"),
      Map.entry("book-pre/preview/config.json", "environments-pre/preview/config.json"),
      Map.entry("book-pre/preview/topology.json", "environments-pre/preview/topology.json"),
      Map.entry("book-pre/preview/peer-snapshot.json", "environments-pre/preview/peer-snapshot.json"),
      Map.entry("node-repo/mainnet/config.json", "cardano-node-repo-config/mainnet-config.json"),
      Map.entry("node-repo/mainnet/topology.json", "cardano-node-repo-config/mainnet-topology.json"),
      Map.entry("node-repo/mainnet/peer-snapshot.json", "cardano-node-repo-config/mainnet-peer-snapshot.json"));

  @Test
  void everyBundledFile_isByteIdenticalToItsOfficialSource() throws IOException {
    Path shared = SharedData.require("nodedata");
    for (Map.Entry<String, String> e : SOURCES.entrySet()) {
      try (InputStream in = NetworkEnvironment.class.getResourceAsStream("official/" + e.getKey())) {
        assertThat(in).as(e.getKey()).isNotNull();
        assertThat(in.readAllBytes()).as(e.getKey()).isEqualTo(Files.readAllBytes(shared.resolve(e.getValue())));
      }
    }
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "mainnet, 10.5.3, BOOK", "mainnet, 10.6.2, BOOK", "mainnet, 10.7.0, NODE_REPO", "mainnet, 11.0.1, NODE_REPO",
      "preview, 10.4.1, BOOK", "preview, 10.6.1, BOOK", "preview, 10.6.2, BOOK_PRE", "preprod, 11.0.1, BOOK_PRE"})
  void theNewestOfficialSetTheNodeMeets_isChosen(String network, String version, OfficialSource expected) {
    NetworkEnvironment env = PoolFiles.environment(NetworkRef.parse(network), Path.of("."),
        NodeVersion.parse(version));
    assertThat(env.source()).contains(expected);
    NodeVersion min = NodeVersion.parse(env.config().get("MinNodeVersion").asText());
    assertThat(NodeVersion.parse(version)).isGreaterThanOrEqualTo(min);
  }

  @Test
  void aNodeOlderThanEveryOfficialConfig_isRefused() {
    assertThatThrownBy(() -> PoolFiles.environment(NetworkRef.parse("mainnet"), Path.of("."),
        NodeVersion.parse("10.3.1")))
        .isInstanceOf(RenderRefusedException.class).hasMessageContaining("10.3.1").hasMessageContaining("10.4.0");
  }

  @Test
  void node11_onPreview_getsNoLegacyPeerSnapshot_andAWarning() {
    // The book's snapshots (version 1/2) are refused by node 11 ("Unsupported legacy peer snapshot version").
    NetworkEnvironment env = PoolFiles.environment(NetworkRef.parse("preview"), Path.of("."),
        NodeVersion.parse("11.0.1"));
    assertThat(env.peerSnapshot()).isEmpty();
    assertThat(env.warnings()).singleElement().asString().contains("peer snapshot");
    NetworkEnvironment mainnet = PoolFiles.environment(NetworkRef.parse("mainnet"), Path.of("."),
        NodeVersion.parse("11.0.1"));
    ObjectNode snapshot = CanonicalJson.readObject(mainnet.peerSnapshot().orElseThrow().readAllBytes(), "snap");
    assertThat(snapshot.get("NodeToClientVersion").asInt()).isEqualTo(23);
  }

  @Test
  void genesisFiles_comeFromTheSpecModule_underTheStandardNames() throws IOException {
    NetworkEnvironment env = PoolFiles.environment(NetworkRef.parse("mainnet"), Path.of("."),
        NodeVersion.parse("10.5.3"));
    assertThat(env.files()).extracting(NodeFile::name).containsExactly("byron-genesis.json", "shelley-genesis.json",
        "alonzo-genesis.json", "conway-genesis.json", "checkpoints.json");
    try (InputStream in = KnownNetwork.MAINNET.openGenesisFile("shelley-genesis.json")) {
      assertThat(env.files().get(1).readAllBytes()).isEqualTo(in.readAllBytes());
    }
  }

  @Test
  void customNetwork_usesItsDirectory_andRefusesFilesOutsideIt(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    Path net = Files.createDirectory(dir.resolve("net"));
    Files.writeString(net.resolve("config.json"), "{\"ShelleyGenesisFile\": \"shelley.json\"}");
    Files.writeString(net.resolve("shelley.json"), "{}");
    NetworkEnvironment env = PoolFiles.environment(NetworkRef.parse("./net"), dir, NodeVersion.parse("10.5.3"));
    assertThat(env.source()).isEmpty();
    assertThat(env.files()).extracting(NodeFile::name).containsExactly("shelley-genesis.json");
    assertThat(env.files().get(0).readAllBytes()).isEqualTo("{}".getBytes());

    Files.writeString(net.resolve("config.json"), "{\"ShelleyGenesisFile\": \"../secret.json\"}");
    Files.writeString(dir.resolve("secret.json"), "{}");
    assertThatThrownBy(() -> PoolFiles.environment(NetworkRef.parse("./net"), dir, NodeVersion.parse("10.5.3")))
        .isInstanceOf(RenderRefusedException.class).hasMessageContaining("not a file inside");
  }
}
