package io.palisade.deploy.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.chain.NetworkRef;
import io.palisade.deploy.RenderRefusedException;
import io.palisade.deploy.files.PoolFiles;
import io.palisade.deploy.model.CanonicalJson;
import io.palisade.deploy.model.HotKeyFiles;
import io.palisade.deploy.model.NetworkEnvironment;
import io.palisade.deploy.model.NodeFile;
import io.palisade.deploy.model.TopologyRules;
import io.palisade.spec.AtomicFile;
import io.palisade.spec.NodeVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a node pod's init container does ({@code palisade prepare-node}): lays out, in one directory, the node's
 * config.json and topology.json (from its ConfigMap) beside the official genesis files, checkpoints and peer snapshot
 * Palisade carries; and on the block producer copies the hot keys from the Secret volume into a memory-backed
 * directory, readable by the node user only (cardano-node refuses a VRF key that its group can read).
 */
public final class NodeFilesPreparer {
  /** The roles prepare-node accepts. */
  public static final List<String> ROLES = List.of("block-producer", "relay");

  private NodeFilesPreparer() {}

  /**
   * What to prepare.
   *
   * @param network the network (mainnet, preprod or preview)
   * @param version the node version
   * @param role block-producer or relay
   * @param config the rendered config.json
   * @param topology the rendered topology.json
   * @param out where the node reads its files
   * @param hotKeysFrom the hot-key Secret's directory (block producer only)
   * @param hotKeysOut where the node reads its hot keys
   * @param hotKeysOptional whether a source without any key is fine (a producer of a pool with a standby that does not
   *     hold the producer lease: its forging Secret does not exist, so it starts without keys, non-producing); a
   *     source with only some of the keys is still refused
   */
  public record Request(NetworkRef network, NodeVersion version, String role, Path config, Path topology, Path out,
      Optional<Path> hotKeysFrom, Optional<Path> hotKeysOut, boolean hotKeysOptional) {
    /** A request whose hot keys are required (a producer of a pool without a standby). */
    public Request(NetworkRef network, NodeVersion version, String role, Path config, Path topology, Path out,
        Optional<Path> hotKeysFrom, Optional<Path> hotKeysOut) {
      this(network, version, role, config, topology, out, hotKeysFrom, hotKeysOut, false);
    }
  }

  /**
   * Lays the files out.
   *
   * @param r what to prepare
   * @return the files written
   * @throws IOException if a file cannot be read or written
   * @throws IllegalArgumentException if the inputs are inconsistent or malformed (config, topology, keys)
   */
  public static List<Path> prepare(Request r) throws IOException {
    if (!ROLES.contains(r.role())) {
      throw new IllegalArgumentException("role must be one of " + ROLES + ", was: " + r.role());
    }
    boolean producer = r.role().equals("block-producer");
    if (producer != r.hotKeysFrom().isPresent() || r.hotKeysFrom().isPresent() != r.hotKeysOut().isPresent()) {
      throw new IllegalArgumentException(producer
          ? "a block producer needs --hot-keys-from and --hot-keys-out" : "only a block producer takes hot keys");
    }
    if (r.network().directory().isPresent()) {
      throw new RenderRefusedException("prepare-node serves mainnet, preprod and preview; "
          + r.network() + " is a custom network");
    }
    NetworkEnvironment env = PoolFiles.environment(r.network(), Path.of("."), r.version());
    byte[] config = readSmall(r.config(), 1024 * 1024);
    CanonicalJson.readObject(config, r.config().toString());
    byte[] topology = readSmall(r.topology(), 1024 * 1024);
    ObjectNode parsed = CanonicalJson.readObject(topology, r.topology().toString());
    List<String> problems = TopologyRules.format(parsed);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(r.topology() + ": " + String.join("; ", problems));
    }
    Files.createDirectories(r.out());
    List<Path> written = new ArrayList<>();
    List<NodeFile> files = new ArrayList<>(env.files());
    if (!producer) {
      env.peerSnapshot().ifPresent(files::add);
    }
    for (NodeFile f : files) {
      written.add(write(r.out().resolve(f.name()), f.readAllBytes(), false));
    }
    written.add(write(r.out().resolve("config.json"), config, false));
    written.add(write(r.out().resolve("topology.json"), topology, false));
    if (producer && r.hotKeysOptional() && noKeyIn(r.hotKeysFrom().get())) {
      Files.createDirectories(r.hotKeysOut().get());
    } else if (producer) {
      Files.createDirectories(r.hotKeysOut().get());
      try (HotKeyFiles keys = PoolFiles.hotKeys(r.hotKeysFrom().get())) {
        for (String name : keys.names()) {
          byte[] bytes = keys.revealBytes(name);
          try {
            written.add(write(r.hotKeysOut().get().resolve(name), bytes, true));
          } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
          }
        }
      }
    }
    return written;
  }

  /** Whether {@code dir} holds none of the hot-key files (an optional Secret volume of a Secret that does not exist). */
  private static boolean noKeyIn(Path dir) {
    return HotKeyFiles.REQUIRED.stream().noneMatch(name -> Files.exists(dir.resolve(name),
        java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }

  private static Path write(Path target, byte[] bytes, boolean ownerOnly) throws IOException {
    AtomicFile.write(target, bytes, ownerOnly);
    return target;
  }

  private static byte[] readSmall(Path file, int max) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": not a file");
    }
    if (Files.size(file) > max) {
      throw new IllegalArgumentException(file + ": larger than " + max + " bytes");
    }
    return Files.readAllBytes(file);
  }
}
