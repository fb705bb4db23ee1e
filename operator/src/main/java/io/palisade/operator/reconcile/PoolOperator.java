package io.palisade.operator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;

/**
 * The operator process: JOSDK with the StakePool reconciler, on a given client. Server-side apply is off everywhere
 * (status patches and dependent matching), so production runs the plain create/update path the tests run.
 *
 * <pre>{@code
 * try (PoolOperator op = PoolOperator.start(new KubernetesClientBuilder().build(), OperatorOptions.defaults())) {
 *   op.awaitStop();
 * }
 * }</pre>
 */
public final class PoolOperator implements AutoCloseable {
  private final Operator operator;

  private PoolOperator(Operator operator) {
    this.operator = operator;
  }

  /**
   * Registers the reconciler and starts watching StakePools in every namespace the client may see.
   *
   * @param client the client (not closed on stop)
   * @param options how to run
   * @return the running operator
   */
  public static PoolOperator start(KubernetesClient client, OperatorOptions options) {
    Operator operator = new Operator(o -> o.withKubernetesClient(client)
        .withUseSSAToPatchPrimaryResource(false)
        .withSSABasedCreateUpdateMatchForDependentResources(false)
        .withCloseClientOnStop(false));
    operator.register(new StakePoolReconciler(options));
    operator.start();
    return new PoolOperator(operator);
  }

  /** Stops watching and reconciling. */
  @Override
  public void close() {
    operator.stop();
  }
}
