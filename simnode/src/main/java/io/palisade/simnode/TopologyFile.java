package io.palisade.simnode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The local root peers of a P2P {@code topology.json} (the only format cardano-node 10.6 and later accept). The
 * simulated node connects to nothing else: public roots, bootstrap and ledger peers are outside the pool.
 *
 * @param localRoots the access points of every local-root group, in order
 */
public record TopologyFile(List<InetSocketAddress> localRoots) {
  private static final int MAX_BYTES = 1024 * 1024;
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  static {
    JSON.getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
        .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
  }

  /** Copies the list. */
  public TopologyFile {
    localRoots = List.copyOf(localRoots);
  }

  /**
   * Reads a topology file.
   *
   * @param file topology.json
   * @return its local roots
   * @throws IllegalArgumentException if the file is missing, not P2P, or malformed
   */
  public static TopologyFile read(Path file) {
    JsonNode root;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new IllegalArgumentException(file + ": larger than a topology can be");
      }
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read the topology: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(file + ": a topology is a JSON object");
    }
    if (root.has("Producers")) {
      throw new IllegalArgumentException(file + ": the non-P2P topology format (\"Producers\") is not supported;"
          + " use localRoots/publicRoots");
    }
    JsonNode groups = root.get("localRoots");
    if (groups == null || !groups.isArray()) {
      throw new IllegalArgumentException(file + ": \"localRoots\" must be an array of groups");
    }
    List<InetSocketAddress> out = new ArrayList<>();
    for (JsonNode group : groups) {
      JsonNode points = group.get("accessPoints");
      if (points == null || !points.isArray()) {
        throw new IllegalArgumentException(file + ": every localRoots group needs an \"accessPoints\" array");
      }
      for (JsonNode p : points) {
        String address = p.path("address").asText("");
        int port = p.path("port").asInt(-1);
        if (address.isEmpty() || port < 1 || port > 65535) {
          throw new IllegalArgumentException(file + ": access point needs an address and a port 1-65535, was: " + p);
        }
        out.add(InetSocketAddress.createUnresolved(address, port));
      }
    }
    return new TopologyFile(out);
  }
}
