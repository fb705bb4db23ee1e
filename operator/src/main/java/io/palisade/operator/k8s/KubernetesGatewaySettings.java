package io.palisade.operator.k8s;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link KubernetesGateway} reaches its pool and what it needs for the actions the StakePool alone cannot
 * answer.
 *
 * @param namespace the StakePool's namespace
 * @param pool the StakePool's name
 * @param cacheFor how long a snapshot is served before the API server is read again
 * @param shellTimeout how long opening a shell (the exec websocket) may take
 * @param nodeImages images by node version, pinned by digest, for upgrades to versions the pool has never named
 *     (versions it has named come from the StakePool's status)
 * @param hotKeyBundle the vault's hot-key bundle a key rotation installs, if any
 * @param passphraseFile the bundle's passphrase file when the rotation names none, if any
 * @param poolId the pool id the bundle must be for (hex or bech32), if checked
 */
public record KubernetesGatewaySettings(
    String namespace,
    String pool,
    Duration cacheFor,
    Duration shellTimeout,
    Map<String, String> nodeImages,
    Optional<Path> hotKeyBundle,
    Optional<Path> passphraseFile,
    Optional<String> poolId) {
  /** Copies the map and rejects nulls. */
  public KubernetesGatewaySettings {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(cacheFor, "cacheFor");
    Objects.requireNonNull(shellTimeout, "shellTimeout");
    nodeImages = Map.copyOf(nodeImages);
    Objects.requireNonNull(hotKeyBundle, "hotKeyBundle");
    Objects.requireNonNull(passphraseFile, "passphraseFile");
    Objects.requireNonNull(poolId, "poolId");
  }

  /**
   * The defaults: snapshots cached for two seconds, shells opened within fifteen, nothing else.
   *
   * @param namespace the StakePool's namespace
   * @param pool the StakePool's name
   * @return the settings
   */
  public static KubernetesGatewaySettings of(String namespace, String pool) {
    return new KubernetesGatewaySettings(namespace, pool, Duration.ofSeconds(2), Duration.ofSeconds(15), Map.of(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * @param images images by node version
   * @return these settings with those images
   */
  public KubernetesGatewaySettings withNodeImages(Map<String, String> images) {
    return new KubernetesGatewaySettings(namespace, pool, cacheFor, shellTimeout, images, hotKeyBundle, passphraseFile,
        poolId);
  }

  /**
   * @param bundle the hot-key bundle
   * @param passphrase its passphrase file, or null
   * @param id the pool id it must be for, or null
   * @return these settings with that bundle
   */
  public KubernetesGatewaySettings withHotKeyBundle(Path bundle, Path passphrase, String id) {
    return new KubernetesGatewaySettings(namespace, pool, cacheFor, shellTimeout, nodeImages,
        Optional.ofNullable(bundle), Optional.ofNullable(passphrase), Optional.ofNullable(id));
  }
}
