package io.palisade.deploy.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.chain.NetworkRef;
import io.palisade.deploy.RenderRefusedException;
import io.palisade.deploy.model.CanonicalJson;
import io.palisade.deploy.model.HotKeyFiles;
import io.palisade.deploy.model.NetworkEnvironment;
import io.palisade.deploy.model.NodeConfigRenderer;
import io.palisade.deploy.model.NodeFile;
import io.palisade.deploy.model.PoolResources;
import io.palisade.deploy.model.RenderOptions;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.NodeVersion;
import io.palisade.spec.PoolSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files a render reads, one place: a custom network's directory (config.json and the genesis and checkpoint files
 * it names) and a directory of hot keys. {@code deploy.model} takes what they hold as values and reads no file; this
 * class builds its renderers from a pool.yaml's directory.
 */
public final class PoolFiles {
  private PoolFiles() {}

  /**
   * The environment of a network for a node version: a public network's bundled official set, a custom network's
   * directory.
   *
   * @param network the pool's network
   * @param baseDir the directory a custom network path is relative to
   * @param version the node version
   * @return the environment
   * @throws RenderRefusedException if no official configuration supports the version, or a custom network directory
   *     lacks its config.json or genesis files
   */
  public static NetworkEnvironment environment(NetworkRef network, Path baseDir, NodeVersion version) {
    if (network.known().isPresent()) {
      return NetworkEnvironment.official(network.known().get(), version);
    }
    return customNetwork(baseDir.resolve(network.directory().orElseThrow()).normalize());
  }

  /**
   * @param spec the pool
   * @param baseDir the directory a custom network path in the spec is relative to
   * @return the renderer of its node configs
   */
  public static NodeConfigRenderer nodeConfigRenderer(PoolSpec spec, Path baseDir) {
    return new NodeConfigRenderer(spec, environment(spec.network(), baseDir, spec.node().version()));
  }

  /** The renderer of a loaded spec's node configs. */
  public static NodeConfigRenderer nodeConfigRenderer(LoadedPoolSpec loaded) {
    return nodeConfigRenderer(loaded.spec(), loaded.baseDir());
  }

  /**
   * @param spec the pool
   * @param baseDir the directory paths in the spec are relative to
   * @param options cluster facts
   * @return the pool's resources
   * @throws RenderRefusedException if the spec cannot be deployed as declared (images, versions, network)
   */
  public static PoolResources poolResources(PoolSpec spec, Path baseDir, RenderOptions options) {
    return new PoolResources(spec, nodeConfigRenderer(spec, baseDir), options);
  }

  /** The resources of a loaded spec. */
  public static PoolResources poolResources(LoadedPoolSpec loaded, RenderOptions options) {
    return poolResources(loaded.spec(), loaded.baseDir(), options);
  }

  /**
   * Reads {@link HotKeyFiles#REQUIRED} from a directory. Symbolic links are followed only when they stay inside the
   * directory (a Kubernetes Secret volume links each key to {@code ..data/}).
   *
   * @param dir the directory
   * @return the hot keys
   * @throws IOException if a file is missing or unreadable
   */
  public static HotKeyFiles hotKeys(Path dir) throws IOException {
    Map<String, byte[]> read = new TreeMap<>();
    try {
      Path realDir = dir.toRealPath();
      for (String name : HotKeyFiles.REQUIRED) {
        Path file = dir.resolve(name);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
          throw new IOException(file + ": missing");
        }
        Path real = file.toRealPath();
        if (!real.startsWith(realDir) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
          throw new IOException(file + ": not a regular file inside " + dir);
        }
        file = real;
        if (Files.size(file) > HotKeyFiles.MAX_FILE_BYTES) {
          throw new IOException(file + ": larger than " + HotKeyFiles.MAX_FILE_BYTES + " bytes; not a hot-key file");
        }
        read.put(name, Files.readAllBytes(file));
      }
      return HotKeyFiles.of(read);
    } finally {
      read.values().forEach(b -> Arrays.fill(b, (byte) 0));
    }
  }

  private static NetworkEnvironment customNetwork(Path dir) {
    Path configPath = dir.resolve("config.json");
    if (!Files.isRegularFile(configPath)) {
      throw new RenderRefusedException("custom network " + dir + " has no config.json");
    }
    ObjectNode config;
    try {
      config = CanonicalJson.readObject(Files.readAllBytes(configPath), configPath.toString());
    } catch (IOException e) {
      throw new RenderRefusedException("cannot read " + configPath + ": " + e.getMessage(), e);
    }
    List<NodeFile> files = new ArrayList<>();
    for (Map.Entry<String, String> key : NetworkEnvironment.GENESIS_KEYS.entrySet()) {
      JsonNode named = config.get(key.getKey());
      if (named == null || !named.isTextual()) {
        continue;
      }
      Path file = dir.resolve(named.asText()).normalize();
      if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
        throw new RenderRefusedException("custom network " + dir + ": " + key.getKey() + " names " + named.asText()
            + ", which is not a file inside the network directory");
      }
      files.add(new NodeFile(key.getValue(), file.toString(), () -> Files.newInputStream(file)));
    }
    JsonNode checkpoints = config.get("CheckpointsFile");
    if (checkpoints != null && checkpoints.isTextual()) {
      Path file = dir.resolve(checkpoints.asText()).normalize();
      if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
        throw new RenderRefusedException("custom network " + dir + ": CheckpointsFile names " + checkpoints.asText()
            + ", which is not a file inside the network directory");
      }
      files.add(new NodeFile(NetworkEnvironment.CHECKPOINTS_FILE, file.toString(), () -> Files.newInputStream(file)));
    }
    return NetworkEnvironment.custom(dir.toString(), config, files);
  }
}
