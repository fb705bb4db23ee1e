package io.palisade.operator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator process: JOSDK with the StakePool reconciler, on a given client, and its {@code GET /metrics} (the
 * StakePools' slot ledgers as the control plane's gauges, {@link OperatorMetricsServer}) unless
 * {@link OperatorOptions#NO_METRICS}. Server-side apply is off everywhere (status patches and dependent matching), so
 * production runs the plain create/update path the tests run.
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
  private final OperatorMetricsServer metrics;

  private PoolOperator(Operator operator, StakePoolReconciler reconciler,
      CompletableFuture<Throwable> informerFailure, OperatorMetricsServer metrics) {
    this.operator = operator;
    this.reconciler = reconciler;
    this.informerFailure = informerFailure;
    this.metrics = metrics;
  }

  /** Where {@code GET /metrics} listens (the port bound, also when 0 was asked); empty when it is off. */
  public Optional<InetSocketAddress> metricsAddress() {
    return Optional.ofNullable(metrics).map(OperatorMetricsServer::address);
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
   * @throws UncheckedIOException if the metrics port cannot be bound (nothing is started then)
   */
  public static PoolOperator start(KubernetesClient client, OperatorOptions options) {
    StakePoolReconciler reconciler = new StakePoolReconciler(options);
    // Bound first: a port in use ends the start before any StakePool is watched.
    OperatorMetricsServer metrics = null;
    if (options.metricsPort() != OperatorOptions.NO_METRICS) {
      try {
        metrics = OperatorMetricsServer.start(new InetSocketAddress(options.metricsPort()), reconciler.ledgers(),
            options.clock());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot serve /metrics on port " + options.metricsPort() + ": " + e.getMessage(),
            e);
      }
    }
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
    try {
      operator.register(reconciler);
      operator.start();
    } catch (RuntimeException e) {
      if (metrics != null) {
        metrics.close();
      }
      throw e;
    }
    return new PoolOperator(operator, reconciler, informerFailure, metrics);
  }

  /**
   * Stops reconciling, then watching, then serving {@code /metrics}: passes in progress end first and no new one
   * starts, so nothing is written while the watches close.
   */
  @Override
  public void close() {
    try {
      reconciler.quiesce(PASS_END);
      operator.stop();
    } finally {
      if (metrics != null) {
        metrics.close();
      }
    }
  }
}
