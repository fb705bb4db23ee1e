package io.palisade.simnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.agent.metrics.MetricStyle;
import io.palisade.simnode.testing.NodeFiles;
import io.palisade.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the simulated node reads from config.json. */
class NodeConfigFileTest {
  @TempDir Path dir;

  @Test
  void newTracing_withAndWithoutSuffixAndHost() throws Exception {
    NodeConfigFile c = NodeConfigFile.read(NodeFiles.config(dir, NodeFiles.newTracing(12798)));
    assertThat(c.genesis().networkName()).isEqualTo("preview");
    assertThat(c.genesis().networkMagic()).isEqualTo(2);
    assertThat(c.metrics()).hasValue(new NodeConfigFile.MetricsEndpoint("127.0.0.1", 12798,
        MetricStyle.NEW_TRACING, "cardano_node_metrics_"));
    NodeConfigFile bare = NodeConfigFile.read(NodeFiles.config(dir,
        "\"TraceOptions\": {\"\": {\"backends\": [\"PrometheusSimple nosuffix 9100\"]}}"));
    assertThat(bare.metrics()).hasValue(new NodeConfigFile.MetricsEndpoint("127.0.0.1", 9100,
        MetricStyle.NEW_TRACING_NOSUFFIX, ""));
  }

  @Test
  void legacy_usesHasPrometheus_noBackend_noMetrics() throws Exception {
    assertThat(NodeConfigFile.read(NodeFiles.config(dir, NodeFiles.legacy(12798))).metrics())
        .hasValue(new NodeConfigFile.MetricsEndpoint("127.0.0.1", 12798, MetricStyle.LEGACY,
            "cardano_node_metrics_"));
    assertThat(NodeConfigFile.read(NodeFiles.config(dir, "\"UseTraceDispatcher\": true")).metrics()).isEmpty();
  }

  @Test
  void malformed_isNamed() throws Exception {
    assertThatThrownBy(() -> NodeConfigFile.read(NodeFiles.config(dir,
        "\"TraceOptions\": {\"\": {\"backends\": [\"PrometheusSimple a b c d\"]}}")))
        .hasMessageContaining("cannot read backend");
    Path config = dir.resolve("config.json");
    Files.writeString(config, "{\"ByronGenesisFile\": \"nope.json\", \"ShelleyGenesisFile\": \"nope.json\"}");
    assertThatThrownBy(() -> NodeConfigFile.read(config)).hasMessageContaining("cannot read the genesis files");
    Files.writeString(config, "[1]");
    assertThatThrownBy(() -> NodeConfigFile.read(config)).hasMessageContaining("JSON object");
    Files.writeString(config, "{\"a\": 1, \"a\": 2}");
    assertThatThrownBy(() -> NodeConfigFile.read(config)).hasMessageContaining("cannot read");
  }

  @Test
  void officialConfigs_legacyAndNewTracing() throws Exception {
    Path env = SharedData.require("nodedata/environments/preview");
    Path pre = SharedData.require("nodedata/environments-pre/preview");
    NodeFiles.genesis(dir);
    Files.copy(env.resolve("config.json"), dir.resolve("config.json"), StandardCopyOption.REPLACE_EXISTING);
    assertThat(NodeConfigFile.read(dir.resolve("config.json")).metrics()).hasValue(
        new NodeConfigFile.MetricsEndpoint("127.0.0.1", 12798, MetricStyle.LEGACY, "cardano_node_metrics_"));
    Files.copy(pre.resolve("config.json"), dir.resolve("config.json"), StandardCopyOption.REPLACE_EXISTING);
    assertThat(NodeConfigFile.read(dir.resolve("config.json")).metrics()).hasValue(
        new NodeConfigFile.MetricsEndpoint("127.0.0.1", 12798, MetricStyle.NEW_TRACING, "cardano_node_metrics_"));
  }
}
