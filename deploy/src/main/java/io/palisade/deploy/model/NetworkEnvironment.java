package io.palisade.deploy.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.chain.KnownNetwork;
import io.palisade.chain.NetworkRef;
import io.palisade.deploy.RenderRefusedException;
import io.palisade.spec.NodeVersion;
import io.palisade.spec.NodeVersionFloor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The official configuration a node of one network and version starts from: config.json, the relay topology's
 * network part (bootstrap peers, ledger-peer slot, peer snapshot) and the files config.json names (genesis,
 * checkpoints). For a public network it is the bundled official set with the highest {@code MinNodeVersion} the node
 * meets; for a custom network, the network directory's own config.json and genesis files.
 *
 * <p>{@link #official} for a public network; a custom network's directory is read by {@code deploy.files.PoolFiles}
 * ({@code environment}), which gives {@link #custom} the values. The result is immutable (accessors return copies).
 */
public final class NetworkEnvironment {
  /** The genesis keys of config.json and the file names Palisade places beside it. */
  public static final Map<String, String> GENESIS_KEYS = genesisKeys();

  /** The file name the checkpoints are placed under. */
  public static final String CHECKPOINTS_FILE = "checkpoints.json";

  /** The file name the relays' peer snapshot is placed under. */
  public static final String PEER_SNAPSHOT_FILE = "peer-snapshot.json";

  private static final String ROOT = "official/";

  private final String description;
  private final Optional<OfficialSource> source;
  private final ObjectNode config;
  private final Optional<ObjectNode> officialTopology;
  private final List<NodeFile> files;
  private final Optional<NodeFile> peerSnapshot;
  private final List<String> warnings;

  private NetworkEnvironment(String description, Optional<OfficialSource> source, ObjectNode config,
      Optional<ObjectNode> officialTopology, List<NodeFile> files, Optional<NodeFile> peerSnapshot,
      List<String> warnings) {
    this.description = description;
    this.source = source;
    this.config = config;
    this.officialTopology = officialTopology;
    this.files = List.copyOf(files);
    this.peerSnapshot = peerSnapshot;
    this.warnings = List.copyOf(warnings);
  }

  private static Map<String, String> genesisKeys() {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("ByronGenesisFile", "byron-genesis.json");
    keys.put("ShelleyGenesisFile", "shelley-genesis.json");
    keys.put("AlonzoGenesisFile", "alonzo-genesis.json");
    keys.put("ConwayGenesisFile", "conway-genesis.json");
    return java.util.Collections.unmodifiableMap(keys);
  }


  /**
   * The oldest node version Palisade can configure on {@code network}: empty for a custom network (its own
   * config.json decides).
   *
   * @param network the pool's network
   * @return the floor, the rule every command that sets a node version asks
   */
  public static Optional<NodeVersionFloor> floor(NetworkRef network) {
    return network.known().map(NetworkEnvironment::floor);
  }

  private static NodeVersionFloor floor(KnownNetwork network) {
    return new NodeVersionFloor(network.id(), officialSets(network).get(0).minNodeVersion());
  }

  /** The bundled official sets of {@code network}, oldest {@code MinNodeVersion} first. */
  public static List<OfficialSet> officialSets(KnownNetwork network) {
    List<OfficialSet> sets = new ArrayList<>();
    for (OfficialSource s : OfficialSource.values()) {
      String dir = ROOT + s.directory() + "/" + network.id() + "/";
      InputStream configJson = NetworkEnvironment.class.getResourceAsStream(dir + "config.json");
      if (configJson == null) {
        continue;
      }
      ObjectNode config = CanonicalJson.readObject(configJson, dir + "config.json");
      sets.add(new OfficialSet(s, network, NodeVersion.parse(config.path("MinNodeVersion").asText("0.0.0")), dir));
    }
    sets.sort(Comparator.comparing(OfficialSet::minNodeVersion));
    return sets;
  }

  /**
   * One bundled official set.
   *
   * @param source where it was published
   * @param network its network
   * @param minNodeVersion the {@code MinNodeVersion} its config.json demands
   * @param resourceDir its resource directory
   */
  public record OfficialSet(OfficialSource source, KnownNetwork network, NodeVersion minNodeVersion,
      String resourceDir) {}

  /**
   * The bundled official environment of a public network for a node version.
   *
   * @param network the network
   * @param version the node version
   * @return the environment
   * @throws RenderRefusedException if no official configuration supports the version
   */
  public static NetworkEnvironment official(KnownNetwork network, NodeVersion version) {
    List<OfficialSet> sets = officialSets(network);
    OfficialSet chosen = null;
    for (OfficialSet set : sets) {
      if (version.compareTo(set.minNodeVersion()) >= 0) {
        chosen = set;
      }
    }
    if (chosen == null) {
      throw new RenderRefusedException(floor(network).refusal(version).orElseThrow() + "; upgrade node.version");
    }
    String dir = chosen.resourceDir();
    ObjectNode config = CanonicalJson.readObject(resource(dir + "config.json"), dir + "config.json");
    ObjectNode topology = CanonicalJson.readObject(resource(dir + "topology.json"), dir + "topology.json");
    List<NodeFile> files = new ArrayList<>();
    for (String name : GENESIS_KEYS.values()) {
      files.add(new NodeFile(name, "genesis of " + network.id() + " bundled in palisade-spec",
          () -> network.openGenesisFile(name)));
    }
    if (config.hasNonNull("CheckpointsFile")) {
      // Every official set of a network names the same checkpoints (same CheckpointsFileHash); the book's copy is used.
      String path = ROOT + OfficialSource.BOOK.directory() + "/" + network.id() + "/" + CHECKPOINTS_FILE;
      files.add(new NodeFile(CHECKPOINTS_FILE, path, () -> resource(path)));
    }
    List<String> warnings = new ArrayList<>();
    Optional<NodeFile> snapshot = Optional.empty();
    if (topology.hasNonNull("peerSnapshotFile")) {
      String path = dir + PEER_SNAPSHOT_FILE;
      ObjectNode snap = CanonicalJson.readObject(resource(path), path);
      // Node 11 only reads the snapshot format that carries NodeToClientVersion; older ones only the legacy one.
      boolean legacyFormat = !snap.has("NodeToClientVersion");
      if (legacyFormat && version.atLeast(11, 0)) {
        warnings.add("no peer snapshot in the format cardano-node " + version + " reads is bundled for "
            + network.id() + "; relays start from bootstrap peers and ledger peers only");
      } else {
        snapshot = Optional.of(new NodeFile(PEER_SNAPSHOT_FILE, path, () -> resource(path)));
      }
    }
    String description = network.id() + " from " + chosen.source().description() + ", MinNodeVersion "
        + chosen.minNodeVersion();
    return new NetworkEnvironment(description, Optional.of(chosen.source()), config, Optional.of(topology), files,
        snapshot, warnings);
  }

  /**
   * A custom network's environment, from what its directory holds (read by {@code deploy.files.PoolFiles}; this
   * package reads no file).
   *
   * @param dir the network directory, for messages
   * @param config its config.json
   * @param files the genesis and checkpoint files config.json names, under the names Palisade places them
   * @return the environment
   */
  public static NetworkEnvironment custom(String dir, ObjectNode config, List<NodeFile> files) {
    return new NetworkEnvironment("custom network " + dir, Optional.empty(), config, Optional.empty(), files,
        Optional.empty(), List.of());
  }

  private static InputStream resource(String path) {
    InputStream in = NetworkEnvironment.class.getResourceAsStream(path);
    if (in == null) {
      throw new UncheckedIOException(new IOException("resource missing from the build: " + path));
    }
    return in;
  }

  /** Which configuration this is, for people. */
  public String description() {
    return description;
  }

  /** The official source, empty for a custom network. */
  public Optional<OfficialSource> source() {
    return source;
  }

  /** A copy of the official (relay) config.json, as published. */
  public ObjectNode config() {
    return config.deepCopy();
  }

  /** A copy of the official relay topology, empty for a custom network. */
  public Optional<ObjectNode> officialTopology() {
    return officialTopology.map(ObjectNode::deepCopy);
  }

  /** Genesis and checkpoint files config.json names, under the names Palisade places them. */
  public List<NodeFile> files() {
    return files;
  }

  /** The relays' peer snapshot, when the network has one this node version reads. */
  public Optional<NodeFile> peerSnapshot() {
    return peerSnapshot;
  }

  /** What could not be made exactly as the official set intends. */
  public List<String> warnings() {
    return warnings;
  }
}
