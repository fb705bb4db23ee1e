package io.palisade.operator.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.chain.NetworkRef;
import io.palisade.control.PoolCommands;
import io.palisade.control.VersionRule;
import io.palisade.deploy.files.PoolFiles;
import io.palisade.deploy.model.HotKeyFiles;
import io.palisade.deploy.model.NetworkEnvironment;
import io.palisade.deploy.model.PoolNames;
import io.palisade.deploy.model.PoolResources;
import io.palisade.deploy.model.RenderOptions;
import io.palisade.gateway.ActionResult;
import io.palisade.gateway.PoolAction;
import io.palisade.keys.KeysException;
import io.palisade.keys.PassphraseFile;
import io.palisade.keys.bundle.HotKeyBundle;
import io.palisade.keys.bundle.HotKeys;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StakePoolActivity;
import io.palisade.operator.model.StakePoolStatus;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeRole;
import io.palisade.spec.NodeVersion;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each console action does to a StakePool: the spec edits the operator carries out (upgrade, relays), and the
 * objects deleted or rewritten for what Kubernetes recreates (volumes, the pool, the hot keys). Control's guard rails
 * ({@link PoolCommands}) decide first, as on the single-host runtime. One method per action
 * ({@link PoolAction.Visitor}): a new action does not compile without its branch here.
 */
final class StakePoolActions implements PoolAction.Visitor<ActionResult> {
  private final KubernetesClient client;
  private final KubernetesGatewaySettings settings;
  private final StakePools pools;
  private final PoolObjects objects;

  StakePoolActions(KubernetesClient client, KubernetesGatewaySettings settings) {
    this.client = client;
    this.settings = settings;
    this.pools = new StakePools(client);
    this.objects = new PoolObjects(client, settings.namespace());
  }

  @Override
  public ActionResult upgrade(PoolAction.Upgrade action) {
    String version = action.version();
    return ConflictRetry.run(() -> {
      StakePool pool = existing();
      StakePoolStatus s = pool.getStatus();
      // A downgrade only when the operator ticked it in the console's form (the action says so).
      VersionRule rule = new VersionRule(NetworkEnvironment.floor(NetworkRef.parse(pool.getSpec().network)),
          action.allowDowngrade(), "tick 'this is a downgrade' in the console's upgrade form");
      PoolCommands.Verdict verdict = PoolCommands.upgrade(StakePoolActivity.of(pool), NodeVersion.parse(version), rule,
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

  @Override
  public ActionResult addRelay(PoolAction.AddRelay action) {
    String region = action.region();
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

  @Override
  public ActionResult removeRelay(PoolAction.RemoveRelay action) {
    return removeRelay(action.node());
  }

  @Override
  public ActionResult removeNode(PoolAction.RemoveNode action) {
    return removeRelay(action.node()); // the block producer is refused there: a running pool cannot lose it
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

  @Override
  public ActionResult deleteVolume(PoolAction.DeleteVolume action) {
    StakePool pool = existing();
    NodeRef node = ActionChecks.nodeRef(pool, action.node());
    PoolNames names = new PoolNames(ActionChecks.check(pool).spec());
    String claim = objects.deleteVolume(names, node);
    return ActionResult.ok("deleted the volume claim " + claim + " and the pod " + names.podName(node) + " of "
        + node.name() + "; its StatefulSet recreates both, and the node syncs the chain again from its peers");
  }

  @Override
  public ActionResult deletePool(PoolAction.DeletePool action) {
    existing();
    client.resources(StakePool.class).inNamespace(settings.namespace()).withName(settings.pool()).delete();
    // Owned objects go with the StakePool (owner references); the StatefulSets' claims are kept by their retention
    // policy (Retain), so they are deleted here by the pool's label.
    List<String> claims = objects.deleteClaims(settings.pool());
    return ActionResult.ok("deleted the StakePool " + where() + "; its StatefulSets, pods, Services, ConfigMaps,"
        + " policies and hot-key Secret go with it (owner references)" + (claims.isEmpty() ? ""
        : "; deleted the volume claims " + String.join(", ", claims)));
  }

  @Override
  public ActionResult rotateKeys(PoolAction.RotateKeys k) {
    Optional<String> refused = ActionChecks.rotationRefusal(settings, k);
    if (refused.isPresent()) {
      return ActionResult.failed("refused: " + refused.get());
    }
    Path passphraseFile = !k.passphraseFile().isEmpty() ? Path.of(k.passphraseFile())
        : settings.passphraseFile().orElseThrow();
    StakePool pool = existing();
    LoadedPoolSpec loaded = ActionChecks.check(pool);
    PoolResources resources = PoolFiles.poolResources(loaded, RenderOptions.defaults());
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
    // The running producer keeps forging with the keys it started with until its restart, which the operator fits
    // between its leader slots (a revocation, below, is never delayed).
    String producer = requestProducerRestart(pool);
    return ActionResult.ok("installed the KES key, VRF key and operational certificate of " + bundle.getFileName()
        + " in Secret " + resources.names().hotKeySecret() + (producer == null ? ""
        : "; the operator restarts " + producer + " on them in the first free window between its leader slots"
            + " (annotation " + StakePool.ANNOTATION_RESTART + "; status.maintenance says when)"));
  }

  @Override
  public ActionResult revokeKeys(PoolAction.RevokeKeys k) {
    Optional<String> refused = ActionChecks.revocationRefusal(k);
    if (refused.isPresent()) {
      return ActionResult.failed("refused: " + refused.get());
    }
    StakePool pool = existing();
    PoolNames names = new PoolNames(ActionChecks.check(pool).spec());
    String name = names.hotKeySecret();
    objects.emptySecret(name);
    String pod = restartBlockProducer(pool, names);
    return ActionResult.ok("emptied Secret " + name + " (KES key, VRF key and operational certificate go together)"
        + (pod == null ? "" : " and deleted the block producer's pod " + pod + ", which restarts without keys")
        + "; it makes no blocks until a new bundle is installed");
  }

  /**
   * Asks the operator to restart the block producer ({@value StakePool#ANNOTATION_RESTART}), which it does in a free
   * window between its leader slots; returns the producer's name, or null if none runs.
   */
  private String requestProducerRestart(StakePool pool) {
    StakePoolStatus s = pool.getStatus();
    if (s == null || s.nodes == null
        || s.nodes.stream().noneMatch(n -> NodeRole.BLOCK_PRODUCER.name().equals(n.role))) {
      return null;
    }
    String producer = ActionChecks.check(pool).spec().blockProducerRef().name();
    ConflictRetry.run(() -> client.resources(StakePool.class).inNamespace(settings.namespace())
        .withName(settings.pool()).edit(p -> {
          Map<String, String> a = new java.util.HashMap<>(p.getMetadata().getAnnotations() == null ? Map.of()
              : p.getMetadata().getAnnotations());
          a.put(StakePool.ANNOTATION_RESTART, producer);
          p.getMetadata().setAnnotations(a);
          return p;
        }));
    return producer;
  }

  /** Deletes the block producer's pod (its StatefulSet recreates it) and returns its name, or null if none runs. */
  private String restartBlockProducer(StakePool pool, PoolNames names) {
    StakePoolStatus s = pool.getStatus();
    if (s == null || s.nodes == null
        || s.nodes.stream().noneMatch(n -> NodeRole.BLOCK_PRODUCER.name().equals(n.role))) {
      return null;
    }
    String pod = names.podName(ActionChecks.check(pool).spec().blockProducerRef());
    objects.deletePod(pod);
    return pod;
  }

  /** The StakePool, which must exist. */
  StakePool existing() {
    return pools.get(settings.namespace(), settings.pool()).orElseThrow(() -> new StakePools.RefusedException(
        "no StakePool " + where() + " in the cluster"));
  }

  private String where() {
    return settings.namespace() + "/" + settings.pool();
  }

  /**
   * What the Kubernetes gateway would refuse now, asked when the console queues a destructive action (the
   * {@link io.palisade.gateway.PoolGateway#refusal} contract): the same checks {@link StakePoolActions} makes when the
   * action runs (nested here so a new console action adds its branch to one file per gateway), without changing
   * anything. A relay's removal runs {@link StakePools#removalRefusal} (the region's highest ordinal, its last relay,
   * control's guard rails on the status: {@link RelayRemoval}); a volume needs a node the status lists; key changes
   * refuse the cold key and, for a rotation, a console without a bundle or passphrase file ({@link ActionChecks}). The
   * action is checked again when it runs: the pool may change in seven days.
   */
  static final class Refusals implements PoolAction.Visitor<Optional<String>> {
    private final StakePools pools;
    private final KubernetesGatewaySettings settings;

    Refusals(StakePools pools, KubernetesGatewaySettings settings) {
      this.pools = pools;
      this.settings = settings;
    }

    @Override
    public Optional<String> upgrade(PoolAction.Upgrade a) {
      return Optional.empty(); // not queued: it runs at once, refused then if it must be
    }

    @Override
    public Optional<String> addRelay(PoolAction.AddRelay a) {
      return Optional.empty(); // not queued
    }

    @Override
    public Optional<String> removeRelay(PoolAction.RemoveRelay a) {
      return pools.removalRefusal(settings.namespace(), settings.pool(), a.node());
    }

    @Override
    public Optional<String> removeNode(PoolAction.RemoveNode a) {
      return pools.removalRefusal(settings.namespace(), settings.pool(), a.node());
    }

    @Override
    public Optional<String> deleteVolume(PoolAction.DeleteVolume a) {
      Optional<StakePool> pool = pool();
      if (pool.isEmpty()) {
        return Optional.of(absent());
      }
      try {
        ActionChecks.nodeRef(pool.get(), a.node());
        return Optional.empty();
      } catch (IllegalArgumentException e) {
        return Optional.of(e.getMessage());
      }
    }

    @Override
    public Optional<String> deletePool(PoolAction.DeletePool a) {
      return pool().isEmpty() ? Optional.of(absent()) : Optional.empty();
    }

    @Override
    public Optional<String> rotateKeys(PoolAction.RotateKeys a) {
      return ActionChecks.rotationRefusal(settings, a);
    }

    @Override
    public Optional<String> revokeKeys(PoolAction.RevokeKeys a) {
      return ActionChecks.revocationRefusal(a);
    }

    private Optional<StakePool> pool() {
      return pools.get(settings.namespace(), settings.pool());
    }

    private String absent() {
      return "no StakePool " + settings.namespace() + "/" + settings.pool() + " in the cluster";
    }
  }
}
