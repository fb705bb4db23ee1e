package io.palisade.simnode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.palisade.agent.metrics.MetricStyle;
import io.palisade.chain.GenesisParameters;
import io.palisade.chain.GenesisReader;
import io.palisade.chain.InvalidGenesisException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The parts of a cardano-node {@code config.json} the simulated node uses: the genesis files (for the chain clock)
 * and where and how to serve Prometheus metrics.
 *
 * @param genesis the network's genesis parameters
 * @param metrics where metrics are served, or empty if the config serves none (as cardano-node would)
 */
public record NodeConfigFile(GenesisParameters genesis, Optional<MetricsEndpoint> metrics) {
  private static final int MAX_CONFIG_BYTES = 1024 * 1024;
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  static {
    JSON.getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
        .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
  }

  /**
   * Where and how metrics are served.
   *
   * @param host the address to bind
   * @param port the port
   * @param format the output format
   * @param prefix the metric name prefix, already mangled ({@code cardano_node_metrics_})
   */
  public record MetricsEndpoint(String host, int port, MetricStyle format, String prefix) {}

  /**
   * Reads a config file; genesis paths in it resolve against its directory, as cardano-node resolves them.
   *
   * @param config the config.json
   * @return what the simulated node needs from it
   * @throws IllegalArgumentException naming the file and the field that is wrong
   */
  public static NodeConfigFile read(Path config) {
    JsonNode root;
    try {
      if (Files.size(config) > MAX_CONFIG_BYTES) {
        throw new IllegalArgumentException(config + ": larger than a node configuration can be");
      }
      root = JSON.readTree(config.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(config + ": cannot read the node configuration: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(config + ": a node configuration is a JSON object");
    }
    Path dir = config.toAbsolutePath().getParent();
    GenesisParameters genesis = genesis(config, root, dir);
    return new NodeConfigFile(genesis, metrics(config, root));
  }

  private static GenesisParameters genesis(Path config, JsonNode root, Path dir) {
    String byronName = text(root, "ByronGenesisFile");
    String shelleyName = text(root, "ShelleyGenesisFile");
    if (byronName == null || shelleyName == null) {
      throw new IllegalArgumentException(config + ": must name ByronGenesisFile and ShelleyGenesisFile");
    }
    JsonNode hardFork = root.get("TestShelleyHardForkAtEpoch");
    long transition = hardFork != null && hardFork.canConvertToLong() ? hardFork.asLong() : -1;
    Path byron = dir.resolve(byronName);
    Path shelley = dir.resolve(shelleyName);
    try (InputStream b = Files.newInputStream(byron); InputStream s = Files.newInputStream(shelley)) {
      GenesisParameters probe = GenesisReader.read("network", b, s, Math.max(transition, 0));
      String name = switch ((int) Math.min(probe.networkMagic(), Integer.MAX_VALUE)) {
        case 764824073 -> "mainnet";
        case 1 -> "preprod";
        case 2 -> "preview";
        default -> dir.getFileName().toString();
      };
      long epoch = transition >= 0 ? transition : switch (name) {
        case "mainnet" -> 208;
        case "preprod" -> 4;
        default -> 0;
      };
      try (InputStream b2 = Files.newInputStream(byron); InputStream s2 = Files.newInputStream(shelley)) {
        return GenesisReader.read(name, b2, s2, epoch);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(config + ": cannot read the genesis files it names: " + e.getMessage(), e);
    } catch (InvalidGenesisException e) {
      throw new IllegalArgumentException(config + ": " + e.getMessage(), e);
    }
  }

  private static Optional<MetricsEndpoint> metrics(Path config, JsonNode root) {
    JsonNode dispatcher = root.get("UseTraceDispatcher");
    // Node 10.6 and later use the new tracing system unless told otherwise.
    boolean newTracing = dispatcher == null || dispatcher.asBoolean(true);
    if (!newTracing) {
      JsonNode has = root.get("hasPrometheus");
      if (has == null || !has.isArray() || has.size() != 2 || !has.get(1).canConvertToInt()) {
        return Optional.empty();
      }
      return Optional.of(new MetricsEndpoint(has.get(0).asText(), port(config, has.get(1).asInt()),
          MetricStyle.LEGACY, "cardano_node_metrics_"));
    }
    JsonNode backends = root.path("TraceOptions").path("").path("backends");
    if (!backends.isArray()) {
      return Optional.empty();
    }
    for (JsonNode backend : backends) {
      String[] words = backend.asText("").trim().split("\\s+");
      if (words.length < 2 || !words[0].equals("PrometheusSimple")) {
        continue;
      }
      int i = 1;
      MetricStyle format = MetricStyle.NEW_TRACING;
      if (words[i].equals("suffix") || words[i].equals("nosuffix")) {
        format = words[i].equals("nosuffix") ? MetricStyle.NEW_TRACING_NOSUFFIX : MetricStyle.NEW_TRACING;
        i++;
      }
      // Host omitted: PrometheusSimple binds 127.0.0.1.
      String host = words.length - i >= 2 ? words[i++] : "127.0.0.1";
      if (i != words.length - 1) {
        throw new IllegalArgumentException(config + ": cannot read backend \"" + backend.asText()
            + "\" (expected PrometheusSimple [suffix|nosuffix] [HOST] PORT)");
      }
      int port;
      try {
        port = Integer.parseInt(words[i]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(config + ": PrometheusSimple port must be a number, was: " + words[i], e);
      }
      String prefix = mangle(Optional.ofNullable(text(root, "TraceOptionMetricsPrefix")).orElse(""));
      return Optional.of(new MetricsEndpoint(host, port(config, port), format, prefix));
    }
    return Optional.empty();
  }

  /** PrometheusSimple's name mangling: '.', '-' and ' ' become '_', other characters outside [A-Za-z0-9_] go. */
  static String mangle(String name) {
    StringBuilder b = new StringBuilder();
    for (char c : name.toCharArray()) {
      if (c == '.' || c == '-' || c == ' ') {
        b.append('_');
      } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static int port(Path config, int port) {
    // 0 asks for any free port, as for any listening socket (tests use it).
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(config + ": metrics port must be 0-65535, was: " + port);
    }
    return port;
  }

  private static String text(JsonNode root, String field) {
    JsonNode n = root.get(field);
    return n == null || !n.isTextual() ? null : n.asText();
  }
}
