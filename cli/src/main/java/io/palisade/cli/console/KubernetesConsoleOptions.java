package io.palisade.cli.console;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.operator.StakePoolOptions;
import io.palisade.operator.k8s.KubernetesGateway;
import io.palisade.operator.k8s.KubernetesGatewaySettings;
import io.palisade.spec.NodeVersion;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code palisade console --kubernetes --pool NAME ...}: which StakePool the console attaches to, through which
 * cluster, and what its Kubernetes gateway needs for the actions the StakePool alone cannot answer.
 */
public final class KubernetesConsoleOptions {
  @Option(names = "--kubernetes",
      description = "Attach to a StakePool run by the Kubernetes operator (needs --pool) instead of the single-host"
          + " runtime.")
  boolean kubernetes;

  @Mixin StakePoolOptions stakePool;

  @Option(names = "--node-image", paramLabel = "VERSION=IMAGE",
      description = "With --kubernetes: the image, pinned by @sha256 digest, of a cardano-node version the pool has"
          + " never named, for upgrades from the console (repeatable).")
  Map<String, String> nodeImages;

  @Option(names = "--hot-key-bundle", paramLabel = "FILE",
      description = "With --kubernetes: the hot-key bundle a key rotation from the console installs.")
  Path hotKeyBundle;

  @Option(names = "--bundle-passphrase-file", paramLabel = "FILE",
      description = "With --kubernetes: the bundle's passphrase file, when a rotation names none.")
  Path bundlePassphraseFile;

  @Option(names = "--pool-id", paramLabel = "ID",
      description = "With --kubernetes: the pool id the hot-key bundle must be for (hex or bech32).")
  String poolId;

  /** Whether the console attaches to a StakePool. */
  public boolean enabled() {
    return kubernetes;
  }

  /**
   * Checks the options before anything starts.
   *
   * @param poolDataDir the single-host runtime's data directory option, or null
   * @throws ExitException (invalid input) for options that do not go together or a node image not pinned by digest
   */
  public void check(Path poolDataDir) {
    if (!kubernetes) {
      if (stakePool.anyGiven() || nodeImages != null || hotKeyBundle != null || bundlePassphraseFile != null
          || poolId != null) {
        throw new ExitException(ExitCodes.INVALID_INPUT, "--pool, --namespace, --context, --node-image,"
            + " --hot-key-bundle, --bundle-passphrase-file and --pool-id go with --kubernetes");
      }
      return;
    }
    stakePool.pool();
    if (poolDataDir != null) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "--pool-data-dir is for the single-host runtime, not with"
          + " --kubernetes");
    }
    if (nodeImages != null) {
      nodeImages.forEach((version, image) -> {
        try {
          NodeVersion.parse(version);
        } catch (IllegalArgumentException e) {
          throw new ExitException(ExitCodes.INVALID_INPUT, "--node-image " + version + "=...: " + e.getMessage(), e);
        }
        if (!image.contains("@sha256:")) {
          throw new ExitException(ExitCodes.INVALID_INPUT, "--node-image " + version + "=" + image
              + ": the image must be pinned by digest (...@sha256:...)");
        }
      });
    }
  }

  /** The StakePool's name (after {@link #check}). */
  public String pool() {
    return stakePool.pool();
  }

  /** The gateway's settings. */
  public KubernetesGatewaySettings settings() {
    return KubernetesGatewaySettings.of(stakePool.namespace(), stakePool.pool())
        .withNodeImages(nodeImages == null ? Map.of() : nodeImages)
        .withHotKeyBundle(hotKeyBundle, bundlePassphraseFile, poolId);
  }

  /** A client of the kubeconfig's cluster (its context, else the current one), with the console's timeouts. */
  public KubernetesClient client() {
    return new KubernetesClientBuilder().withConfig(KubernetesGateway.withTimeouts(stakePool.kube().config())).build();
  }
}
