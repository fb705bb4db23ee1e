package io.palisade.operator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;

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
  /** How long a stop waits for the running passes to end. */
  private static final Duration PASS_END = Duration.ofSeconds(30);

  private final Operator operator;
  private final StakePoolReconciler reconciler;

  private PoolOperator(Operator operator, StakePoolReconciler reconciler) {
    this.operator = operator;
    this.reconciler = reconciler;
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
    StakePoolReconciler reconciler = new StakePoolReconciler(options);
    operator.register(reconciler);
    operator.start();
    return new PoolOperator(operator, reconciler);
  }

  /**
   * Stops reconciling, then watching: passes in progress end first and no new one starts, so nothing is written
   * while the watches close.
   */
  @Override
  public void close() {
    reconciler.quiesce(PASS_END);
    operator.stop();
  }
}
