package io.palisade.operator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger LOG = LoggerFactory.getLogger(PoolOperator.class);
  /** How long a stop waits for the running passes to end. */
  private static final Duration PASS_END = Duration.ofSeconds(30);

  private final Operator operator;
  private final StakePoolReconciler reconciler;
  private final CompletableFuture<Throwable> informerFailure;

  private PoolOperator(Operator operator, StakePoolReconciler reconciler,
      CompletableFuture<Throwable> informerFailure) {
    this.operator = operator;
    this.reconciler = reconciler;
    this.informerFailure = informerFailure;
  }

  /**
   * Completes with the error of the first informer that stopped on one: from then on the operator is blind to that
   * kind of object, and its process should end so that it is started again.
   */
  public CompletableFuture<Throwable> informerFailure() {
    return informerFailure;
  }

  /**
   * Registers the reconciler and starts watching StakePools in every namespace the client may see.
   *
   * @param client the client (not closed on stop)
   * @param options how to run
   * @return the running operator
   */
  public static PoolOperator start(KubernetesClient client, OperatorOptions options) {
    CompletableFuture<Throwable> informerFailure = new CompletableFuture<>();
    Operator operator = new Operator(o -> o.withKubernetesClient(client)
        .withUseSSAToPatchPrimaryResource(false)
        .withSSABasedCreateUpdateMatchForDependentResources(false)
        .withCloseClientOnStop(false)
        // JOSDK's default handler calls System.exit from the informer's thread, which would also end any process that
        // embeds the operator (a test JVM whose mock API server stalls): the failure is handed to the owner instead,
        // and `palisade operator` exits with it, so that Kubernetes restarts its pod as before.
        .withInformerStoppedHandler((informer, error) -> {
          if (error != null) {
            LOG.error("an informer stopped: the operator sees no more events of it", error);
            informerFailure.complete(error);
          }
        }));
    StakePoolReconciler reconciler = new StakePoolReconciler(options);
    operator.register(reconciler);
    operator.start();
    return new PoolOperator(operator, reconciler, informerFailure);
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
