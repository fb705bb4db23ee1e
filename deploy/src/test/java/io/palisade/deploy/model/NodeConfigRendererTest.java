package io.palisade.deploy.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.deploy.Fixtures;
import io.palisade.deploy.files.PoolFiles;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.NodeRef;
import io.palisade.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** config.json per node: the official file, changed only where Palisade must. */
class NodeConfigRendererTest {
  @TempDir Path dir;

  private LoadedPoolSpec pool(String network, String version) {
    String yaml = Fixtures.text("pool.yaml").replace("network: mainnet", "network: " + network)
        .replace("version: 10.5.3", "version: " + version);
    return Fixtures.load(dir, yaml);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mainnet", "preprod", "preview"})
  void onTheBookSet_relayIsTheOfficialConfig_andProducerIsTheOfficialConfigBp(String network) throws IOException {
    // With the official metrics endpoint, the rendered files must be exactly the book's config.json / config-bp.json.
    Path env = SharedData.require("nodedata/environments/" + network);
    LoadedPoolSpec loaded = pool(network, "10.5.3");
    NodeConfigRenderer r = PoolFiles.nodeConfigRenderer(loaded);
    MetricsBinding official = new MetricsBinding("127.0.0.1", 12798, 12788);
    NodeRef relay = loaded.spec().relayRefs().get(0);
    NodeRef bp = loaded.spec().blockProducerRef();
    assertThat((JsonNode) r.configJson(relay, official)).isEqualTo(read(env.resolve("config.json")));
    assertThat((JsonNode) r.configJson(bp, official)).isEqualTo(read(env.resolve("config-bp.json")));
  }

  @Test
  void legacyTracing_bindsPrometheusAndEkgWhereAsked() {
    LoadedPoolSpec loaded = pool("preview", "10.5.3");
    ObjectNode c = PoolFiles.nodeConfigRenderer(loaded).configJson(loaded.spec().relayRefs().get(0),
        new MetricsBinding("127.0.0.1", 13001, 13101));
    assertThat(c.get("hasPrometheus").toString()).isEqualTo("[\"127.0.0.1\",13001]");
    assertThat(c.get("hasEKG").asInt()).isEqualTo(13101);
    assertThat(c.get("PeerSharing").asBoolean()).isTrue();
  }

  @Test
  void newTracing_onNode11Mainnet_bindsPrometheusSimple_andRenamesGenesisFiles() {
    LoadedPoolSpec loaded = pool("mainnet", "11.0.1");
    ObjectNode c = PoolFiles.nodeConfigRenderer(loaded).configJson(loaded.spec().blockProducerRef(),
        MetricsBinding.loopback(loaded.spec().ports()));
    assertThat(c.get("UseTraceDispatcher").asBoolean()).isTrue();
    assertThat(c.at("/TraceOptions//backends").toString())
        .contains("\"PrometheusSimple suffix 127.0.0.1 12798\"").doesNotContain("PrometheusSimple suffix 127.0.0.1 12799");
    assertThat(c.get("ByronGenesisFile").asText()).isEqualTo("byron-genesis.json");
    assertThat(c.get("CheckpointsFile").asText()).isEqualTo("checkpoints.json");
    // Hashes stay: the files placed beside are the same official bytes under the standard names.
    assertThat(c.get("ByronGenesisHash").asText()).startsWith("5f20df93");
    assertThat(c.get("PeerSharing").asBoolean()).isFalse();
    assertThat(c.get("TargetNumberOfRootPeers").asInt()).isEqualTo(100);
  }

  @Test
  void filesBeside_genesisForAll_peerSnapshotForRelaysOnly() {
    LoadedPoolSpec loaded = pool("preview", "10.6.2");
    NodeConfigRenderer r = PoolFiles.nodeConfigRenderer(loaded);
    assertThat(r.filesBeside(loaded.spec().relayRefs().get(0))).extracting(NodeFile::name).containsExactly(
        "byron-genesis.json", "shelley-genesis.json", "alonzo-genesis.json", "conway-genesis.json",
        "checkpoints.json", "peer-snapshot.json");
    assertThat(r.filesBeside(loaded.spec().blockProducerRef())).extracting(NodeFile::name)
        .doesNotContain("peer-snapshot.json");
  }

  @Test
  void bytes_areCanonical_andStable() {
    LoadedPoolSpec loaded = pool("mainnet", "10.5.3");
    NodeConfigRenderer r = PoolFiles.nodeConfigRenderer(loaded);
    byte[] once = r.configBytes(loaded.spec().blockProducerRef(), MetricsBinding.loopback(loaded.spec().ports()));
    byte[] again = PoolFiles.nodeConfigRenderer(loaded).configBytes(loaded.spec().blockProducerRef(),
        MetricsBinding.loopback(loaded.spec().ports()));
    assertThat(once).isEqualTo(again);
    String text = new String(once, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text).startsWith("{\n  \"AlonzoGenesisFile\": \"alonzo-genesis.json\",").endsWith("}\n")
        .doesNotContain("\r");
  }

  private static JsonNode read(Path file) throws IOException {
    return CanonicalJson.readObject(Files.readAllBytes(file), file.toString());
  }
}
