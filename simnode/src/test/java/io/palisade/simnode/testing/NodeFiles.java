package io.palisade.simnode.testing;

import io.palisade.chain.KnownNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes the files a simulated node needs (config.json naming the bundled preview genesis, topology.json). */
public final class NodeFiles {
  private NodeFiles() {}

  public static void genesis(Path dir) throws IOException {
    for (String name : KnownNetwork.GENESIS_FILES) {
      try (InputStream in = KnownNetwork.PREVIEW.openGenesisFile(name)) {
        Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /**
   * A custom network in {@code dir}: preview's genesis files with another magic, short epochs, a high f and a small k
   * (a stabilisation window of ⌈4k/f⌉ slots), and a config.json naming them (Shelley to Conway from epoch 0) with
   * new-tracing metrics on a free port. Returns the config.json.
   */
  public static Path customNetwork(Path dir, long magic, long epochLength, String activeSlotsCoeff, long k)
      throws IOException {
    Files.createDirectories(dir);
    genesis(dir);
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    var shelley = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
        dir.resolve("shelley-genesis.json").toFile());
    shelley.put("networkMagic", magic);
    shelley.put("epochLength", epochLength);
    shelley.put("securityParam", k);
    shelley.set("activeSlotsCoeff", json.getNodeFactory().numberNode(new java.math.BigDecimal(activeSlotsCoeff)));
    json.writeValue(dir.resolve("shelley-genesis.json").toFile(), shelley);
    var byron = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(dir.resolve("byron-genesis.json").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) byron.get("protocolConsts")).put("protocolMagic", magic);
    json.writeValue(dir.resolve("byron-genesis.json").toFile(), byron);
    Path config = dir.resolve("config.json");
    Files.writeString(config, "{\n"
        + "  \"ByronGenesisFile\": \"byron-genesis.json\",\n"
        + "  \"ShelleyGenesisFile\": \"shelley-genesis.json\",\n"
        + "  \"AlonzoGenesisFile\": \"alonzo-genesis.json\",\n"
        + "  \"ConwayGenesisFile\": \"conway-genesis.json\",\n"
        + "  \"TestShelleyHardForkAtEpoch\": 0, \"TestAllegraHardForkAtEpoch\": 0, \"TestMaryHardForkAtEpoch\": 0,\n"
        + "  \"TestAlonzoHardForkAtEpoch\": 0, \"TestBabbageHardForkAtEpoch\": 0, \"TestConwayHardForkAtEpoch\": 0,\n"
        + "  \"Protocol\": \"Cardano\",\n"
        + newTracing(0) + "\n}\n");
    return config;
  }

  /** A preview config with the given tracing fragment (for example a TraceOptions block). */
  public static Path config(Path dir, String tracing) throws IOException {
    Files.createDirectories(dir);
    genesis(dir);
    Path config = dir.resolve("config.json");
    Files.writeString(config, "{\n"
        + "  \"ByronGenesisFile\": \"byron-genesis.json\",\n"
        + "  \"ShelleyGenesisFile\": \"shelley-genesis.json\",\n"
        + "  \"AlonzoGenesisFile\": \"alonzo-genesis.json\",\n"
        + "  \"ConwayGenesisFile\": \"conway-genesis.json\",\n"
        + "  \"TestShelleyHardForkAtEpoch\": 0,\n"
        + "  \"Protocol\": \"Cardano\",\n"
        + tracing + "\n}\n");
    return config;
  }

  public static String newTracing(int port) {
    return "\"UseTraceDispatcher\": true, \"TraceOptionMetricsPrefix\": \"cardano.node.metrics.\","
        + " \"TraceOptions\": {\"\": {\"severity\": \"Notice\", \"backends\": [\"Stdout MachineFormat\","
        + " \"PrometheusSimple suffix 127.0.0.1 " + port + "\"]}}";
  }

  public static String legacy(int port) {
    return "\"UseTraceDispatcher\": false, \"hasPrometheus\": [\"127.0.0.1\", " + port + "]";
  }

  public static Path topology(Path dir, int... ports) throws IOException {
    StringBuilder points = new StringBuilder();
    for (int p : ports) {
      points.append(points.length() == 0 ? "" : ", ").append("{\"address\": \"127.0.0.1\", \"port\": ").append(p)
          .append('}');
    }
    Path file = dir.resolve("topology.json");
    Files.writeString(file, "{\"bootstrapPeers\": [], \"localRoots\": [{\"accessPoints\": [" + points
        + "], \"advertise\": false, \"trustable\": true, \"hotValency\": " + ports.length + "}],"
        + " \"publicRoots\": [{\"accessPoints\": [], \"advertise\": false}], \"useLedgerAfterSlot\": -1}\n");
    return file;
  }
}
