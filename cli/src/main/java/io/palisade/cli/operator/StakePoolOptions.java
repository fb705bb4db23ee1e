package io.palisade.cli.operator;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.deploy.model.PoolNames;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Which StakePool a command acts on with {@code --kubernetes}, and through which cluster: {@code --pool},
 * {@code --namespace} and the kubeconfig's {@code --context} ({@link KubeOptions}); one home for {@code palisade relay
 * add} and {@code palisade console}. Each command keeps its own {@code --kubernetes}, whose help says what it does
 * there.
 */
public final class StakePoolOptions {
  @Option(names = "--pool", paramLabel = "NAME", description = "With --kubernetes: the StakePool's name.")
  String pool;

  @Option(names = "--namespace", paramLabel = "NAMESPACE",
      description = "With --kubernetes: the StakePool's namespace (default: NAME-pool).")
  String namespace;

  @Mixin KubeOptions kube;

  /** @return whether any of these options was given (they go with --kubernetes only) */
  public boolean anyGiven() {
    return pool != null || namespace != null || kube.context != null;
  }

  /**
   * @return the StakePool's name
   * @throws ExitException (invalid input) when {@code --pool} is missing
   */
  public String pool() {
    if (pool == null) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "--kubernetes needs --pool NAME (the StakePool)");
    }
    return pool;
  }

  /** @return the StakePool's namespace: {@code --namespace}, else the pool's own ({@link PoolNames#namespaceOf}) */
  public String namespace() {
    return namespace != null ? namespace : PoolNames.namespaceOf(pool());
  }

  /** @return the cluster */
  public KubeOptions kube() {
    return kube;
  }
}
