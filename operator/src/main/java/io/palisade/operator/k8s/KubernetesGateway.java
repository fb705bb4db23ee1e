package io.palisade.operator.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.palisade.deploy.model.PoolNames;
import io.palisade.gateway.ActionResult;
import io.palisade.gateway.PoolAction;
import io.palisade.gateway.PoolGateway;
import io.palisade.gateway.PoolSnapshot;
import io.palisade.gateway.ShellSession;
import io.palisade.operator.model.InvalidStakePoolException;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StakePoolSnapshots;
import io.palisade.operator.model.StakePoolStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The console's {@link PoolGateway} onto a pool run by the Kubernetes operator: it reads the StakePool's status (and
 * the operator's events on it), changes the StakePool's spec for what the operator carries out (upgrades, relays),
 * deletes pods and claims for what Kubernetes recreates (volumes), writes the hot-key Secret for key changes, and opens
 * shells through the exec API into a node's {@code cardano-node} container. The mapping of a status to a snapshot is
 * pure ({@link StakePoolSnapshots}: nodes, rollout, the banner's name and network, the next leader slot and what waits
 * for a window from {@code status.maintenance}); each action is a method of {@link StakePoolActions}, after control's
 * guard rails, which {@link #refusal} asks at queue time ({@link StakePoolActions.Refusals}); this class reads the cluster,
 * caches and opens shells.
 *
 * <p>Snapshots are cached for {@link KubernetesGatewaySettings#cacheFor()} (the dashboard asks on every view); while
 * one thread reads the API server the others get the last snapshot. When the API server does not answer, the
 * snapshot says so ({@code connected=false}) within the client's request timeout (see {@link #withTimeouts}).
 *
 * <pre>{@code
 * KubernetesClient client = new KubernetesClientBuilder().withConfig(KubernetesGateway.withTimeouts(config)).build();
 * PoolGateway gateway = new KubernetesGateway(client, KubernetesGatewaySettings.of("pyur-pool", "pyur"), clock);
 * }</pre>
 */
public final class KubernetesGateway implements PoolGateway {
  private final KubernetesClient client;
  private final KubernetesGatewaySettings settings;
  private final Clock clock;
  private final StakePools pools;
  private final StakePoolActions actions;
  private final ReentrantLock refreshing = new ReentrantLock();
  private volatile Cached cached;

  /** A snapshot and when its read ended (a read that timed out must still be served for the cache period). */
  private record Cached(PoolSnapshot snapshot, Instant until) {}

  /**
   * @param client a client of the cluster, with timeouts set ({@link #withTimeouts}); the caller closes it
   * @param settings which pool, and what the actions need
   * @param clock stamps snapshots and decides when the cache is stale
   */
  public KubernetesGateway(KubernetesClient client, KubernetesGatewaySettings settings, Clock clock) {
    this.client = client;
    this.settings = settings;
    this.clock = clock;
    this.pools = new StakePools(client);
    this.actions = new StakePoolActions(client, settings);
  }

  /**
   * Sets the timeouts every console read needs on a client configuration: connect 5 s, request 10 s, no retries
   * with back-off (a dashboard view must not wait for them).
   *
   * @param config the configuration (changed)
   * @return the same configuration
   */
  public static Config withTimeouts(Config config) {
    config.setConnectionTimeout(5_000);
    config.setRequestTimeout(10_000);
    config.setRequestRetryBackoffLimit(0);
    return config;
  }

  // ---------------------------------------------------------------------------------------------- snapshot

  @Override
  public PoolSnapshot snapshot() {
    Cached last = cached;
    Instant now = clock.instant();
    if (last != null && now.isBefore(last.until())) {
      return last.snapshot();
    }
    if (!refreshing.tryLock()) {
      // Another view reads the API server right now: answer with what we have rather than queue up behind it.
      return last != null ? last.snapshot()
          : PoolSnapshot.disconnected(now, "reading the StakePool " + where() + " ...");
    }
    return refreshLocked(now);
  }

  /**
   * A snapshot from a completed read, waiting for a read in progress rather than answering "reading ...": for the
   * one line a starting console prints (the dashboard's chart sampler may be reading at that moment).
   *
   * @return the snapshot
   */
  public PoolSnapshot settledSnapshot() {
    refreshing.lock();
    Cached last = cached;
    Instant now = clock.instant();
    if (last != null && now.isBefore(last.until())) {
      refreshing.unlock();
      return last.snapshot();
    }
    return refreshLocked(now);
  }

  /** Reads the API server and caches the answer; the caller holds {@code refreshing}, released here. */
  private PoolSnapshot refreshLocked(Instant now) {
    try {
      PoolSnapshot fresh;
      try {
        fresh = read(now);
      } catch (KubernetesClientException e) {
        fresh = PoolSnapshot.disconnected(now, "the Kubernetes API server is unreachable or refused the read of "
            + where() + ": " + firstLine(e.getMessage()));
      } catch (RuntimeException e) {
        // A status this gateway cannot make sense of (written by hand, or by another operator version): say so
        // rather than fail every dashboard view.
        fresh = PoolSnapshot.disconnected(now, "the status of StakePool " + where() + " cannot be read: " + e);
      }
      cached = new Cached(fresh, clock.instant().plus(settings.cacheFor()));
      return fresh;
    } finally {
      refreshing.unlock();
    }
  }

  private PoolSnapshot read(Instant now) {
    Optional<StakePool> found = pools.get(settings.namespace(), settings.pool());
    if (found.isEmpty()) {
      return PoolSnapshot.disconnected(now, "no StakePool " + where() + " in the cluster ('palisade k8s apply"
          + " pool.yaml' creates it)");
    }
    StakePool pool = found.get();
    List<Event> events = pool.getStatus() == null || pool.getStatus().nodes == null ? List.of()
        : client.v1().events().inNamespace(settings.namespace()).list().getItems();
    return StakePoolSnapshots.of(pool, events, where(), now);
  }

  // ---------------------------------------------------------------------------------------------- actions

  @Override
  public ActionResult execute(PoolAction action) {
    try {
      ActionResult r = action.accept(actions);
      cached = null; // the next view shows the change's first effects
      return r;
    } catch (StakePools.RefusedException | IllegalArgumentException e) {
      return ActionResult.failed(e.getMessage());
    } catch (InvalidStakePoolException e) {
      return ActionResult.failed("refused: the StakePool's spec is invalid, fix it first: " + e.getMessage());
    } catch (KubernetesClientException e) {
      return ActionResult.failed("the Kubernetes API server refused or did not answer (" + where() + "): "
          + firstLine(e.getMessage()));
    }
  }

  /**
   * Runs the checks {@link #execute} makes, without changing anything ({@link StakePoolActions.Refusals}): the console asks
   * before it queues a destructive action. When the API server does not answer, the gateway cannot tell: the action
   * is queued, and checked when it runs.
   */
  @Override
  public Optional<String> refusal(PoolAction action) {
    try {
      return action.accept(new StakePoolActions.Refusals(pools, settings));
    } catch (KubernetesClientException e) {
      return Optional.empty();
    } catch (InvalidStakePoolException e) {
      return Optional.of("the StakePool's spec is invalid, fix it first: " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------------------------------------- shell

  @Override
  public ShellSession openShell(String node) throws IOException {
    StakePool pool;
    try {
      pool = actions.existing();
    } catch (KubernetesClientException | StakePools.RefusedException e) {
      throw new IOException("cannot read the StakePool " + where() + ": " + firstLine(e.getMessage()), e);
    }
    String pod = podOf(pool, node);
    long timeoutMillis = settings.shellTimeout().toMillis();
    CompletableFuture<ExecWatch> opening = CompletableFuture.supplyAsync(() -> client.pods()
        .inNamespace(settings.namespace()).withName(pod).inContainer(PoolNames.CONTAINER_NODE)
        // No wait for readiness: a node that is not ready is the one an operator most wants a shell in. The exec
        // websocket's own upgrade is bounded by the client's request timeout, the whole opening by shellTimeout.
        .withReadyWaitTimeout(0).redirectingInput().redirectingOutput()
        .exec(ExecShellSession.COMMAND));
    try {
      return new ExecShellSession(opening.get(timeoutMillis, TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      opening.thenAccept(ExecWatch::close); // if it opens after all, nobody uses it
      throw new IOException("the exec into " + pod + " (container " + PoolNames.CONTAINER_NODE + ") did not open"
          + " within " + settings.shellTimeout().toSeconds() + "s", e);
    } catch (ExecutionException e) {
      throw new IOException("cannot exec into " + pod + " (container " + PoolNames.CONTAINER_NODE + "): "
          + firstLine(e.getCause().getMessage()), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      opening.thenAccept(ExecWatch::close);
      throw new IOException("interrupted while opening the exec into " + pod, e);
    }
  }

  // ---------------------------------------------------------------------------------------------- helpers

  /** The pod the operator reports for {@code node}. */
  private static String podOf(StakePool pool, String node) {
    List<StakePoolStatus.NodeView> nodes = pool.getStatus() == null || pool.getStatus().nodes == null ? List.of()
        : pool.getStatus().nodes;
    return nodes.stream().filter(n -> node.equals(n.name) && n.pod != null).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node named " + node + " in StakePool "
            + pool.getMetadata().getNamespace() + "/" + pool.getMetadata().getName())).pod;
  }

  private String where() {
    return settings.namespace() + "/" + settings.pool();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
