package io.palisade.cli.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.deploy.ClusterOptions;
import io.palisade.control.MaintenancePolicy;
import io.palisade.deploy.model.RenderOptions;
import io.palisade.operator.k8s.StakePools;
import io.palisade.operator.reconcile.OperatorOptions;
import io.palisade.operator.reconcile.PoolOperator;
import io.palisade.operator.reconcile.ProducerAgents;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade operator}: runs the Kubernetes operator against the current kubeconfig until stopped. */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    header = "Run the Kubernetes operator: it deploys, upgrades and heals every StakePool it can see.",
    description = {"Watches StakePool resources (install the CRD first: palisade k8s crd --apply) and, for each,"
        + " creates and updates what 'palisade render' renders, owned by the StakePool; rolls node upgrades out one"
        + " pod at a time (relays region by region, the block producer last, in a free window between its leader"
        + " slots) with automatic rollback; adds relays;"
        + " and reports conditions Ready, Progressing, Degraded and KESExpiring and Kubernetes events; serves each"
        + " pool's leader-slot series on GET /metrics.",
        "Runs until Ctrl-C. Exit codes: 0 stopped, 3 the CRD is not installed, 4 the cluster cannot be reached (or"
            + " the metrics port cannot be bound)."})
public final class OperatorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KubeOptions kube;

  @Mixin ClusterOptions cluster;

  @Option(names = "--tick", paramLabel = "DURATION", defaultValue = "PT5S",
      description = "How soon the next pass runs while a pool is busy (ISO-8601, default: ${DEFAULT-VALUE}).")
  Duration tick;

  @Option(names = "--maintenance-wait-limit", paramLabel = "DURATION", defaultValue = "PT6H",
      description = "A planned action on a block producer that waits longer than this for a free window between its"
          + " leader slots is flagged in the status for an operator to decide; it is never forced (ISO-8601,"
          + " default: ${DEFAULT-VALUE}).")
  Duration maintenanceWaitLimit;

  @Option(names = "--agents-through-api-proxy",
      description = "Read the producers' agents through the API server's pod proxy instead of pod to pod, for a"
          + " cluster whose network keeps the operator from the pods (grant the operator pods/proxy get first).")
  boolean agentsThroughApiProxy;

  @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "" + OperatorOptions.DEFAULT_METRICS_PORT,
      description = "Serve GET /metrics (Prometheus text: each StakePool's leader slots by verdict and the seconds to"
          + " its next one, the series the rendered alerting rules use) on this port, on every interface (default:"
          + " ${DEFAULT-VALUE}; 0 any free port; -1 none).")
  int metricsPort;

  @Option(names = "--stop-after", paramLabel = "DURATION",
      description = "Stop after this long (ISO-8601, e.g. PT10M) instead of running until Ctrl-C.")
  Duration stopAfter;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    RenderOptions render = cluster.renderOptions();
    if (metricsPort < OperatorOptions.NO_METRICS || metricsPort > 65_535) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "--metrics-port must be a port, 0 (any free port) or -1"
          + " (none), was " + metricsPort);
    }
    if (maintenanceWaitLimit.isNegative()) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "--maintenance-wait-limit must not be negative, was "
          + maintenanceWaitLimit);
    }
    OperatorOptions options = new OperatorOptions(render, tick, Duration.ofSeconds(60),
        OperatorOptions.KUBERNETES_HEALING, Clock.systemUTC())
        .withMaintenance(MaintenancePolicy.DEFAULT.withMaxWait(maintenanceWaitLimit))
        .withAgents(agentsThroughApiProxy ? ProducerAgents.apiProxy() : ProducerAgents.direct())
        .withMetricsPort(metricsPort);
    try (KubernetesClient client = kube.client()) {
      boolean crd;
      try {
        crd = new StakePools(client).crdInstalled();
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
          root = root.getCause();
        }
        throw new ExitException(ExitCodes.UNAVAILABLE, "cannot reach the cluster at " + client.getMasterUrl() + ": "
            + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage())
            + " (is the kubeconfig context right? --context picks another)", e);
      }
      if (!crd) {
        throw new ExitException(ExitCodes.REFUSED, "the StakePool CRD is not installed; install it first: palisade"
            + " k8s crd --apply");
      }
      CountDownLatch stop = new CountDownLatch(1);
      Thread hook = new Thread(stop::countDown, "palisade-operator-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      PoolOperator started;
      try {
        started = PoolOperator.start(client, options);
      } catch (java.io.UncheckedIOException e) {
        throw new ExitException(ExitCodes.UNAVAILABLE, e.getMessage() + " (--metrics-port picks another, -1 none)",
            e);
      }
      try (PoolOperator operator = started) {
        operator.informerFailure().thenRun(stop::countDown);
        err.println("palisade operator: watching StakePools on " + client.getMasterUrl() + operator.metricsAddress()
            .map(a -> ", serving /metrics on port " + a.getPort()).orElse("") + " (Ctrl-C stops)");
        err.flush();
        try {
          if (stopAfter != null) {
            stop.await(stopAfter.toMillis(), TimeUnit.MILLISECONDS);
          } else {
            stop.await();
          }
        } catch (InterruptedException e) {
          // An embedding program (or a test) asks the operator to stop as Ctrl-C would: stop cleanly, exit 0.
        }
        Throwable failed = operator.informerFailure().getNow(null);
        if (failed != null) {
          // Blind to a kind of object from now on: end with an error, so that Kubernetes starts the pod again.
          throw new ExitException(ExitCodes.UNAVAILABLE, "a watch on the cluster stopped (" + failed.getClass()
              .getSimpleName() + (failed.getMessage() == null ? "" : ": " + failed.getMessage()) + "); exiting so"
              + " that the operator is started again", failed);
        }
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // Already shutting down.
        }
      }
      err.println("palisade operator: stopped");
      err.flush();
      return ExitCodes.OK;
    }
  }
}
