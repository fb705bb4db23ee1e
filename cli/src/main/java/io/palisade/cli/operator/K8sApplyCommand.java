package io.palisade.cli.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.keys.Secrets;
import io.palisade.cli.JsonOption;
import io.palisade.deploy.RenderRefusedException;
import io.palisade.deploy.files.PoolFiles;
import io.palisade.deploy.model.HotKeyFiles;
import io.palisade.deploy.model.PoolResources;
import io.palisade.deploy.model.RenderOptions;
import io.palisade.keys.KeysException;
import io.palisade.keys.PoolId;
import io.palisade.keys.bundle.HotKeyBundle;
import io.palisade.keys.bundle.HotKeys;
import io.palisade.operator.k8s.StakePools;
import io.palisade.operator.model.PoolSpecCheck;
import io.palisade.operator.model.StakePoolSpec;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.PoolSpecLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code palisade k8s apply pool.yaml}: creates or updates the StakePool, and its hot-key Secret from the bundle. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    header = "Create or update a pool's StakePool from pool.yaml; with --hot-key-bundle, fill its hot-key Secret.",
    description = {"The spec is checked first (exit 2 with every error) and must render for Kubernetes (exit 3"
        + " otherwise). The pool's namespace is created when missing, labelled for Pod Security 'restricted'. A"
        + " changed spec.node.version starts the operator's rolling upgrade; a higher relay count adds relays.",
        "--hot-key-bundle verifies and opens the vault's hot-key bundle in memory and writes KES key, VRF key and"
            + " operational certificate into the Secret; no key touches the disk. Cold keys never leave the vault.",
        "Exit codes: 0 applied, 2 invalid spec or bundle, 3 refused (no CRD, spec not renderable, bundle for"
            + " another network), 4 cluster unreachable."})
public final class K8sApplyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KubeOptions kube;

  @Mixin JsonOption json;

  @Parameters(paramLabel = "FILE", description = "The pool spec, usually pool.yaml.")
  Path file;

  @Option(names = "--hot-key-bundle", paramLabel = "FILE",
      description = "The hot-key bundle written by 'palisade keys rotate' (verified before use).")
  Path bundle;

  @Option(names = "--bundle-passphrase-file", paramLabel = "FILE",
      description = "File whose first line is the bundle passphrase (else a prompt on the terminal).")
  Path passphraseFile;

  @Option(names = "--retry", description = "node.version failed a rollout before: try it once more (the operator"
      + " never retries a failed version by itself).")
  boolean retry;

  @Option(names = "--pool-id", paramLabel = "ID",
      description = "The pool id the bundle must be for (hex or bech32); recommended.")
  PoolId poolId;

  /**
   * What was applied, for {@code --json}.
   *
   * @param namespace the pool's namespace
   * @param name the StakePool's name
   * @param change CREATED, UPDATED or UNCHANGED
   * @param hotKeysInstalled whether the hot-key Secret was written
   * @param secret the hot-key Secret's name
   */
  public record ApplyResult(String namespace, String name, String change, boolean hotKeysInstalled, String secret) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    LoadedPoolSpec loaded = new PoolSpecLoader().load(file);
    PoolResources resources;
    try {
      resources = PoolFiles.poolResources(loaded, RenderOptions.defaults());
      resources.all();
    } catch (RenderRefusedException e) {
      throw new ExitException(ExitCodes.REFUSED, "refused: " + e.getMessage(), e);
    }
    StakePoolSpec stakePoolSpec;
    try {
      stakePoolSpec = PoolSpecCheck.fromYaml(Files.readString(file));
    } catch (IOException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "cannot read " + file + ": " + e.getMessage(), e);
    }
    String namespace = resources.names().namespace();
    String name = loaded.spec().name();
    try (KubernetesClient client = kube.client()) {
      StakePools pools = new StakePools(client);
      StakePools.Change change;
      try {
        change = pools.apply(resources.namespace(), stakePoolSpec);
      } catch (StakePools.RefusedException e) {
        throw new ExitException(ExitCodes.REFUSED, e.getMessage(), e);
      }
      if (bundle != null) {
        installHotKeys(pools, resources, loaded, namespace, name);
      }
      if (retry) {
        pools.requestRetry(namespace, name, loaded.spec().node().version().toString());
      }
      ApplyResult result = new ApplyResult(namespace, name, change.name(), bundle != null,
          resources.names().hotKeySecret());
      json.print(out, result, () -> {
        out.println("StakePool " + namespace + "/" + name + ": " + change.name().toLowerCase(java.util.Locale.ROOT));
        out.println(result.hotKeysInstalled() ? "hot keys installed in Secret " + result.secret()
            : "hot keys not touched (--hot-key-bundle installs them)");
      });
      out.flush();
      return ExitCodes.OK;
    } catch (KubernetesClientException e) {
      throw new ExitException(ExitCodes.UNAVAILABLE, "cannot apply to the cluster: " + e.getMessage(), e);
    }
  }

  private void installHotKeys(StakePools pools, PoolResources resources, LoadedPoolSpec loaded, String namespace,
      String name) {
    char[] passphrase = Secrets.read(passphraseFile, "bundle passphrase", "--bundle-passphrase-file", false);
    Map<String, byte[]> files = null;
    try (HotKeys hot = HotKeyBundle.open(bundle, passphrase, Optional.ofNullable(poolId).map(PoolId::hex))) {
      if (!hot.network().equals(loaded.spec().network().toString())) {
        throw new ExitException(ExitCodes.REFUSED, "the hot-key bundle is for " + hot.network() + ", the pool runs on "
            + loaded.spec().network());
      }
      files = hot.textEnvelopes();
      try (HotKeyFiles keyFiles = HotKeyFiles.of(files)) {
        pools.applyHotKeys(resources.hotKeySecret(Optional.of(keyFiles)), namespace, name);
      }
    } catch (KeysException e) {
      int code = switch (e.kind()) {
        case REFUSED -> ExitCodes.REFUSED;
        case UNAVAILABLE -> ExitCodes.UNAVAILABLE;
        case CHECK_FAILED -> ExitCodes.CHECK_FAILED;
        default -> ExitCodes.INVALID_INPUT;
      };
      throw new ExitException(code, e.getMessage(), e);
    } finally {
      Arrays.fill(passphrase, '\0');
      if (files != null) {
        files.values().forEach(b -> Arrays.fill(b, (byte) 0));
      }
    }
  }
}
