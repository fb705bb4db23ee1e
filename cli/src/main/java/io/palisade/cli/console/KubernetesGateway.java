package io.palisade.cli.console;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.palisade.console.gateway.ActionResult;
import io.palisade.console.gateway.KeyRole;
import io.palisade.console.gateway.NodeState;
import io.palisade.console.gateway.NodeStatus;
import io.palisade.console.gateway.PoolAction;
import io.palisade.console.gateway.PoolEvent;
import io.palisade.console.gateway.PoolGateway;
import io.palisade.console.gateway.PoolSnapshot;
import io.palisade.console.gateway.RolloutProgress;
import io.palisade.console.gateway.ShellSession;
import io.palisade.control.PoolCommands;
import io.palisade.deploy.model.HotKeyFiles;
import io.palisade.deploy.model.PoolNames;
import io.palisade.deploy.model.PoolResources;
import io.palisade.deploy.model.RenderOptions;
import io.palisade.keys.KeysException;
import io.palisade.keys.PassphraseFile;
import io.palisade.keys.bundle.HotKeyBundle;
import io.palisade.keys.bundle.HotKeys;
import io.palisade.operator.k8s.ConflictRetry;
import io.palisade.operator.k8s.StakePools;
import io.palisade.operator.model.InvalidStakePoolException;
import io.palisade.operator.model.PoolSpecCheck;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StakePoolActivity;
import io.palisade.operator.model.StakePoolStatus;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.NodeRole;
import io.palisade.spec.NodeVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The console's {@link PoolGateway} onto a pool run by the Kubernetes operator: it reads the StakePool's status (and
 * the operator's events on it), changes the StakePool's spec for what the operator carries out (upgrades, relays),
 * deletes pods and claims for what Kubernetes recreates (volumes), writes the hot-key Secret for key changes, and opens
 * shells through the exec API into a node's {@code cardano-node} container.
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
  private static final int MAX_EVENTS = 30;

  private final KubernetesClient client;
  private final KubernetesGatewaySettings settings;
  private final Clock clock;
  private final StakePools pools;
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
    StakePoolStatus s = pool.getStatus();
    List<PoolEvent> events = new ArrayList<>();
    if (s == null || s.nodes == null) {
      events.add(new PoolEvent(now, "", "no-status", "the operator has not reported on " + where()
          + " yet: is 'palisade operator' running?"));
      return new PoolSnapshot(now, true, List.of(), Optional.empty(), events);
    }
    // True: the certificate expires soon (or has); Unknown: no readable certificate (no hot keys installed).
    Optional<Condition> kesCondition = condition(s, "KESExpiring").filter(c -> !"False".equals(c.getStatus()));
    String kes = kesCondition.map(c -> "KES: " + c.getMessage()).orElse(null);
    boolean kesExpiring = kesCondition.map(c -> "True".equals(c.getStatus())).orElse(false);
    List<NodeStatus> nodes = new ArrayList<>();
    for (StakePoolStatus.NodeView n : s.nodes) {
      if (n.name == null || n.name.isBlank()) {
        continue; // nothing to show or act on
      }
      nodes.add(node(n, kes, kesExpiring));
    }
    nodes.sort(Comparator.comparing((NodeStatus n) -> n.role() != NodeRole.BLOCK_PRODUCER)
        .thenComparing(NodeStatus::name));
    if (s.specErrors != null) {
      s.specErrors.forEach(e -> events.add(new PoolEvent(now, "", "spec-error", e)));
    }
    if (s.conditions != null) {
      for (Condition c : s.conditions) {
        if ("True".equals(c.getStatus()) && !"Ready".equals(c.getType()) || "Ready".equals(c.getType())
            && !"True".equals(c.getStatus())) {
          events.add(new PoolEvent(time(c.getLastTransitionTime(), now), "", c.getType(), c.getReason() + ": "
              + c.getMessage()));
        }
      }
    }
    events.addAll(operatorEvents(pool, nodes, now));
    events.sort(Comparator.comparing(PoolEvent::at).reversed());
    return new PoolSnapshot(now, true, nodes, rollout(s), events.size() > MAX_EVENTS
        ? events.subList(0, MAX_EVENTS) : events);
  }

  private static NodeStatus node(StakePoolStatus.NodeView n, String kes, boolean kesExpiring) {
    boolean bp = "BLOCK_PRODUCER".equals(n.role);
    boolean ready = Boolean.TRUE.equals(n.ready);
    NodeState state;
    if ("FAILED".equals(n.phase)) {
      state = NodeState.DOWN;
    } else if (ready) {
      state = NodeState.READY;
    } else if ("NEW".equals(n.phase) || "RESTART_PENDING".equals(n.phase) || n.podVersion == null) {
      state = NodeState.STARTING;
    } else {
      state = NodeState.DEGRADED;
    }
    List<String> reasons = new ArrayList<>();
    if ("FAILED".equals(n.phase) && n.lastFailure != null) {
      reasons.add("FAILED: " + n.lastFailure);
    }
    if (!ready && n.reason != null) {
      reasons.add(n.reason);
    }
    if (n.podVersion != null && n.version != null && !n.podVersion.equals(n.version)) {
      reasons.add("its pod runs " + n.podVersion + ", it should run " + n.version);
    }
    if (bp && kes != null) {
      reasons.add(kes);
      if (kesExpiring && state == NodeState.READY) {
        state = NodeState.DEGRADED;
      }
    }
    if (!bp && !Boolean.TRUE.equals(n.admitted) && ready) {
      reasons.add("not yet in the block producer's topology");
    }
    // The StakePool's status carries no tips, peer counts of the chain or KES period numbers: those stay empty.
    return new NodeStatus(n.name, bp ? NodeRole.BLOCK_PRODUCER : NodeRole.RELAY, bp ? "" : n.region, state, reasons,
        OptionalLong.empty(), OptionalLong.empty(), n.peers == null ? 0 : n.peers.size(),
        n.podVersion != null ? n.podVersion : n.version, OptionalLong.empty(), Optional.empty());
  }

  private static Optional<RolloutProgress> rollout(StakePoolStatus s) {
    if (s.rollout != null) {
      StakePoolStatus.RolloutView r = s.rollout;
      int total = r.order == null ? 0 : r.order.size();
      int done = r.done == null ? 0 : Math.min(r.done.size(), total);
      return Optional.of(new RolloutProgress(r.to == null ? "" : r.to, r.phase == null ? "" : r.phase, done, total,
          r.current, r.waitingFor != null ? r.waitingFor : r.failure));
    }
    if (s.failedVersions != null && !s.failedVersions.isEmpty()) {
      StakePoolStatus.FailedVersionView f = s.failedVersions.get(s.failedVersions.size() - 1);
      return Optional.of(new RolloutProgress(f.version, "failed", 0, 0, "", "version " + f.version + " failed on "
          + f.node + ": " + f.reason + "; the pool stays on " + s.poolVersion));
    }
    return Optional.empty();
  }

  private List<PoolEvent> operatorEvents(StakePool pool, List<NodeStatus> nodes, Instant now) {
    List<PoolEvent> out = new ArrayList<>();
    for (Event e : client.v1().events().inNamespace(settings.namespace()).list().getItems()) {
      if (e.getInvolvedObject() == null || !StakePool.class.getSimpleName().equals(e.getInvolvedObject().getKind())
          || !settings.pool().equals(e.getInvolvedObject().getName())) {
        continue;
      }
      String message = e.getMessage() == null ? "" : e.getMessage();
      String node = "";
      for (NodeStatus n : nodes) {
        if (message.startsWith(n.name() + ": ")) {
          node = n.name();
          message = message.substring(node.length() + 2);
          break;
        }
      }
      String at = e.getLastTimestamp() != null ? e.getLastTimestamp() : e.getFirstTimestamp();
      out.add(new PoolEvent(time(at, now), node, e.getReason() == null ? "event" : e.getReason(), message));
    }
    return out;
  }

  private static Optional<Condition> condition(StakePoolStatus s, String type) {
    return s.conditions == null ? Optional.empty()
        : s.conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  private static Instant time(String text, Instant fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return fallback;
    }
  }

  // ---------------------------------------------------------------------------------------------- actions

  @Override
  public ActionResult execute(PoolAction action) {
    try {
      ActionResult r = call(action);
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

  private ActionResult call(PoolAction action) {
    if (action instanceof PoolAction.Upgrade u) {
      return upgrade(u.version());
    } else if (action instanceof PoolAction.AddRelay a) {
      return addRelay(a.region());
    } else if (action instanceof PoolAction.RemoveRelay r) {
      return removeRelay(r.node());
    } else if (action instanceof PoolAction.RemoveNode r) {
      return removeRelay(r.node()); // the block producer is refused there: a running pool cannot lose it
    } else if (action instanceof PoolAction.DeleteVolume d) {
      return deleteVolume(d.node());
    } else if (action instanceof PoolAction.DeletePool) {
      return deletePool();
    } else if (action instanceof PoolAction.RotateKeys k) {
      return rotateKeys(k);
    } else if (action instanceof PoolAction.RevokeKeys k) {
      return revokeKeys(k);
    }
    return ActionResult.failed("the Kubernetes gateway has no " + action.describe());
  }

  private ActionResult upgrade(String version) {
    return ConflictRetry.run(() -> {
      StakePool pool = existing();
      StakePoolStatus s = pool.getStatus();
      PoolCommands.Verdict verdict = PoolCommands.upgrade(StakePoolActivity.of(pool), NodeVersion.parse(version),
          false, "to try it once more, set node.version in pool.yaml and run 'palisade k8s apply pool.yaml --retry'");
      if (!verdict.accepted()) {
        return ActionResult.failed("refused: " + verdict.message());
      }
      String image = s != null && s.nodeImages != null && s.nodeImages.containsKey(version)
          ? s.nodeImages.get(version) : settings.nodeImages().get(version);
      if (image == null) {
        return ActionResult.failed("refused: no image pinned by digest is known for cardano-node " + version
            + " (the pool has never named it); start the console with --node-image " + version
            + "=REGISTRY/IMAGE:" + version + "@sha256:DIGEST, or set node.version and node.image in pool.yaml and run"
            + " 'palisade k8s apply'");
      }
      String from = pool.getSpec().node.version;
      pool.getSpec().node.version = version;
      pool.getSpec().node.image = image;
      client.resources(StakePool.class).inNamespace(settings.namespace()).resource(pool).update();
      if (verdict.kind() == PoolCommands.Verdict.Kind.SET_BACK) {
        return ActionResult.ok("StakePool " + where() + " asks for " + version + " again: " + verdict.message());
      }
      return ActionResult.ok("StakePool " + where() + " now asks for cardano-node " + version + " (was " + from
          + ", image " + image + "); the operator upgrades one node at a time, relays first, and rolls back a node"
          + " that is not ready in time");
    });
  }

  private ActionResult addRelay(String region) {
    StakePool pool = existing();
    if (pool.getSpec().relays.stream().noneMatch(g -> region.equals(g.region))) {
      return ActionResult.failed("refused: the pool has no region " + region + "; a new region needs its public"
          + " address: 'palisade relay add --kubernetes --pool " + settings.pool() + " --region " + region
          + " --public-address ADDRESS'");
    }
    String relay = pools.addRelay(settings.namespace(), settings.pool(), region, null);
    return ActionResult.ok("StakePool " + where() + " asks for " + relay + "; the operator creates it and adds it to"
        + " the block producer's topology once it is ready. Raise the region's count in pool.yaml too, or the next"
        + " 'palisade k8s apply' is refused");
  }

  /**
   * Lowers the region's relay count ({@link StakePools#removeRelay}); the operator then takes the relay out of the
   * block producer's topology and policy and scales its StatefulSet down. Refused (nothing changed) for the block
   * producer, a relay that is not its region's highest or is its region's last, and by the guard rails.
   */
  private ActionResult removeRelay(String node) {
    try {
      return ActionResult.ok(pools.removeRelay(settings.namespace(), settings.pool(), node));
    } catch (StakePools.RefusedException e) {
      return ActionResult.failed("refused, nothing was changed: " + e.getMessage());
    }
  }

  private ActionResult deleteVolume(String node) {
    StakePoolStatus.NodeView n = nodeView(existing(), node);
    String pod = n.pod;
    int dash = pod.lastIndexOf('-');
    String statefulSetName = dash > 0 ? pod.substring(0, dash) : pod;
    StatefulSet sts = client.apps().statefulSets().inNamespace(settings.namespace()).withName(statefulSetName).get();
    if (sts == null || sts.getSpec().getVolumeClaimTemplates() == null) {
      return ActionResult.failed("no StatefulSet " + statefulSetName + " with volume claims holds " + node
          + "'s pod; nothing was deleted");
    }
    List<String> claims = new ArrayList<>();
    for (PersistentVolumeClaim t : sts.getSpec().getVolumeClaimTemplates()) {
      // The StatefulSet controller names a pod's claim <template>-<pod>.
      String claim = t.getMetadata().getName() + "-" + pod;
      client.persistentVolumeClaims().inNamespace(settings.namespace()).withName(claim).delete();
      claims.add(claim);
    }
    // Deleting the claim alone waits for the pod (kubernetes.io/pvc-protection); deleting the pod lets both go, and
    // the StatefulSet controller recreates the pod with a new, empty claim.
    client.pods().inNamespace(settings.namespace()).withName(pod).delete();
    return ActionResult.ok("deleted the volume claim(s) " + String.join(", ", claims) + " and the pod " + pod + " of "
        + node + "; its StatefulSet recreates both, and the node syncs the chain again from its peers");
  }

  private ActionResult deletePool() {
    existing();
    client.resources(StakePool.class).inNamespace(settings.namespace()).withName(settings.pool()).delete();
    // Owned objects go with the StakePool (owner references); the StatefulSets' claims are kept by their retention
    // policy (Retain), so they are deleted here by the pool's label.
    List<String> claims = new ArrayList<>();
    for (PersistentVolumeClaim c : client.persistentVolumeClaims().inNamespace(settings.namespace())
        .withLabel(PoolNames.LABEL_POOL, settings.pool()).list().getItems()) {
      client.persistentVolumeClaims().inNamespace(settings.namespace()).withName(c.getMetadata().getName()).delete();
      claims.add(c.getMetadata().getName());
    }
    return ActionResult.ok("deleted the StakePool " + where() + "; its StatefulSets, pods, Services, ConfigMaps,"
        + " policies and hot-key Secret go with it (owner references)" + (claims.isEmpty() ? ""
        : "; deleted the volume claims " + String.join(", ", claims)));
  }

  private ActionResult rotateKeys(PoolAction.RotateKeys k) {
    if (k.role() == KeyRole.COLD) {
      return ActionResult.failed("refused: the cold key never enters the cluster; rotate it offline with 'palisade"
          + " keys' and install the new hot-key bundle");
    }
    if (settings.hotKeyBundle().isEmpty()) {
      return ActionResult.failed("refused: this console has no hot-key bundle to install; start it with"
          + " --hot-key-bundle FILE (written by 'palisade keys rotate')");
    }
    Path passphraseFile = !k.passphraseFile().isEmpty() ? Path.of(k.passphraseFile())
        : settings.passphraseFile().orElse(null);
    if (passphraseFile == null) {
      return ActionResult.failed("refused: name the bundle's passphrase file in the action (or start the console with"
          + " --bundle-passphrase-file)");
    }
    StakePool pool = existing();
    LoadedPoolSpec loaded = PoolSpecCheck.check(pool, RenderOptions.defaults());
    PoolResources resources = PoolResources.of(loaded, RenderOptions.defaults());
    char[] passphrase;
    try {
      passphrase = PassphraseFile.read(passphraseFile, "bundle passphrase");
    } catch (KeysException e) {
      return ActionResult.failed(e.getMessage());
    }
    Map<String, byte[]> files = null;
    Path bundle = settings.hotKeyBundle().get();
    try (HotKeys hot = HotKeyBundle.open(bundle, passphrase, settings.poolId())) {
      if (!hot.network().equals(loaded.spec().network().toString())) {
        return ActionResult.failed("refused: the hot-key bundle is for " + hot.network() + ", the pool runs on "
            + loaded.spec().network());
      }
      files = hot.textEnvelopes();
      try (HotKeyFiles keyFiles = HotKeyFiles.of(files)) {
        pools.applyHotKeys(resources.hotKeySecret(Optional.of(keyFiles)), settings.namespace(), settings.pool());
      }
    } catch (KeysException e) {
      return ActionResult.failed("the hot-key bundle " + bundle + " was not installed: " + e.getMessage());
    } finally {
      Arrays.fill(passphrase, '\0');
      if (files != null) {
        files.values().forEach(b -> Arrays.fill(b, (byte) 0));
      }
    }
    String pod = restartBlockProducer(pool);
    return ActionResult.ok("installed the KES key, VRF key and operational certificate of " + bundle.getFileName()
        + " in Secret " + resources.names().hotKeySecret() + (pod == null ? ""
        : "; deleted the block producer's pod " + pod + " so it restarts with them"));
  }

  private ActionResult revokeKeys(PoolAction.RevokeKeys k) {
    if (k.role() == KeyRole.COLD) {
      return ActionResult.failed("refused: the cold key never enters the cluster; revoke it offline (retire the pool"
          + " or register a new one)");
    }
    StakePool pool = existing();
    PoolResources resources = PoolResources.of(PoolSpecCheck.check(pool, RenderOptions.defaults()),
        RenderOptions.defaults());
    String name = resources.names().hotKeySecret();
    Secret live = client.secrets().inNamespace(settings.namespace()).withName(name).get();
    if (live != null) {
      ConflictRetry.run(() -> client.secrets().inNamespace(settings.namespace()).withName(name).edit(s -> {
        s.setData(new TreeMap<>());
        s.setStringData(null);
        return s;
      }));
    }
    String pod = restartBlockProducer(pool);
    return ActionResult.ok("emptied Secret " + name + " (KES key, VRF key and operational certificate go together)"
        + (pod == null ? "" : " and deleted the block producer's pod " + pod + ", which restarts without keys")
        + "; it makes no blocks until a new bundle is installed");
  }

  /** Deletes the block producer's pod (its StatefulSet recreates it) and returns its name, or null if none. */
  private String restartBlockProducer(StakePool pool) {
    if (pool.getStatus() == null || pool.getStatus().nodes == null) {
      return null;
    }
    for (StakePoolStatus.NodeView n : pool.getStatus().nodes) {
      if ("BLOCK_PRODUCER".equals(n.role) && n.pod != null) {
        client.pods().inNamespace(settings.namespace()).withName(n.pod).delete();
        return n.pod;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------- shell

  @Override
  public ShellSession openShell(String node) throws IOException {
    StakePool pool;
    try {
      pool = existing();
    } catch (KubernetesClientException | StakePools.RefusedException e) {
      throw new IOException("cannot read the StakePool " + where() + ": " + firstLine(e.getMessage()), e);
    }
    String pod = nodeView(pool, node).pod;
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

  private StakePool existing() {
    return pools.get(settings.namespace(), settings.pool()).orElseThrow(() -> new StakePools.RefusedException(
        "no StakePool " + where() + " in the cluster"));
  }

  private static StakePoolStatus.NodeView nodeView(StakePool pool, String node) {
    List<StakePoolStatus.NodeView> nodes = pool.getStatus() == null || pool.getStatus().nodes == null ? List.of()
        : pool.getStatus().nodes;
    return nodes.stream().filter(n -> node.equals(n.name) && n.pod != null).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node named " + node + " in StakePool "
            + pool.getMetadata().getNamespace() + "/" + pool.getMetadata().getName()));
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
