package io.palisade.operator.k8s;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.palisade.control.PoolChanges;
import io.palisade.control.PoolCommands;
import io.palisade.operator.model.PoolSpecCheck;
import io.palisade.operator.model.StakePoolActivity;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StakePoolSpec;
import io.palisade.spec.Names;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the command line does to StakePools: install the CRD, create or update a pool from {@code pool.yaml}, install
 * its hot keys, add or remove a relay. Plain create and update; nothing here waits for the operator.
 *
 * <pre>{@code
 * StakePools pools = new StakePools(new KubernetesClientBuilder().build());
 * pools.apply(namespace, PoolSpecCheck.fromYaml(text));
 * pools.addRelay("pyur-pool", "pyur", "eu-west", null);
 * }</pre>
 */
public final class StakePools {
  private final KubernetesClient client;

  /** @param client the client */
  public StakePools(KubernetesClient client) {
    this.client = client;
  }

  /** What {@link #apply} did. */
  public enum Change {
    /** The StakePool was created. */
    CREATED,
    /** Its spec was replaced. */
    UPDATED,
    /** It already had this spec. */
    UNCHANGED
  }

  /** A refusal the user can act on (exit code 3). */
  public static final class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message why */
    public RefusedException(String message) {
      super(message);
    }
  }

  /** The generated CRD, from the classpath. */
  public static CustomResourceDefinition crd() {
    try (InputStream in = StakePool.class.getResourceAsStream(StakePool.CRD_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the StakePool CRD is missing from the classpath: " + StakePool.CRD_RESOURCE);
      }
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CRD as YAML, for {@code kubectl apply -f -}. */
  public static String crdYaml() {
    try (InputStream in = StakePool.class.getResourceAsStream(StakePool.CRD_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the StakePool CRD is installed. */
  public boolean crdInstalled() {
    return client.apiextensions().v1().customResourceDefinitions().withName(StakePool.CRD_NAME).get() != null;
  }

  /**
   * Installs or updates the CRD.
   *
   * @return whether it was created (false: updated)
   */
  public boolean installCrd() {
    CustomResourceDefinition want = crd();
    CustomResourceDefinition live = client.apiextensions().v1().customResourceDefinitions()
        .withName(StakePool.CRD_NAME).get();
    if (live == null) {
      client.resource(want).create();
      return true;
    }
    want.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
    client.resource(want).update();
    return false;
  }

  /**
   * Creates the pool's namespace (labelled for Pod Security "restricted") when missing, then creates the StakePool
   * or replaces its spec (its status stays).
   *
   * @param namespace the rendered namespace
   * @param spec the spec
   * @return what changed
   * @throws RefusedException if the CRD is not installed
   */
  public Change apply(Namespace namespace, StakePoolSpec spec) {
    return ConflictRetry.run(() -> applyOnce(namespace, spec));
  }

  private Change applyOnce(Namespace namespace, StakePoolSpec spec) {
    if (!crdInstalled()) {
      throw new RefusedException("the StakePool CRD (" + StakePool.CRD_NAME + ") is not installed in this cluster;"
          + " install it first: palisade k8s crd --apply (or palisade k8s crd | kubectl apply -f -)");
    }
    String ns = namespace.getMetadata().getName();
    if (client.namespaces().withName(ns).get() == null) {
      client.resource(namespace).create();
    }
    StakePool live = get(ns, spec.name).orElse(null);
    if (live == null) {
      StakePool p = new StakePool();
      p.setMetadata(new ObjectMetaBuilder().withName(spec.name).withNamespace(ns).build());
      p.setSpec(spec);
      client.resource(p).create();
      return Change.CREATED;
    }
    if (PoolSpecCheck.toYaml(live.getSpec()).equals(PoolSpecCheck.toYaml(spec))) {
      return Change.UNCHANGED;
    }
    List<String> dropped = relaysDropped(live, spec);
    if (!dropped.isEmpty()) {
      throw new RefusedException("the pool runs " + String.join(", ", dropped) + ", which this spec no longer"
          + " declares; a relay is removed only through the console's RemoveRelay (it checks the guard rails and"
          + " takes the relay out of the block producer's topology before its pod stops), never by applying a"
          + " smaller pool.yaml. Raise the region's count in pool.yaml to match (e.g. after 'palisade relay add"
          + " --kubernetes'), or ask for the removal first and apply the smaller pool.yaml after it");
    }
    live.setSpec(spec);
    client.resource(live).update();
    return Change.UPDATED;
  }

  /**
   * Relays the pool runs (per its status) that {@code spec} would no longer declare, leaving out those whose removal
   * was already asked for (the live spec no longer declares them either: {@link #removeRelay}).
   */
  static List<String> relaysDropped(StakePool live, StakePoolSpec spec) {
    if (live.getStatus() == null || live.getStatus().nodes == null) {
      return List.of();
    }
    java.util.Set<String> declared = StakePoolActivity.declaredRelays(spec);
    java.util.Set<String> declaredLive = StakePoolActivity.declaredRelays(live.getSpec());
    return live.getStatus().nodes.stream()
        .filter(n -> "RELAY".equals(n.role) && !declared.contains(n.name) && declaredLive.contains(n.name))
        .map(n -> n.name).toList();
  }

  /**
   * Writes the hot-key Secret with its data (created, or its data replaced), owned by the StakePool so the operator
   * adopts it and it goes with the pool.
   *
   * @param secret the rendered Secret with data
   * @param namespace the pool's namespace
   * @param pool the pool's name
   */
  public void applyHotKeys(Secret secret, String namespace, String pool) {
    Secret want = Serialization.clone(secret);
    get(namespace, pool).ifPresent(p -> want.getMetadata().setOwnerReferences(List.of(
        OwnedObjects.ownerReference(p))));
    Secret live = client.secrets().inNamespace(namespace).withName(want.getMetadata().getName()).get();
    if (live == null) {
      client.resource(want).create();
    } else {
      want.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
      client.resource(want).update();
    }
  }

  /**
   * Asks the operator to try a failed node version once more (a failed version is never retried by itself).
   *
   * @param namespace the pool's namespace
   * @param name the pool's name
   * @param version the version
   * @throws RefusedException if there is no such pool
   */
  public void requestRetry(String namespace, String name, String version) {
    if (get(namespace, name).isEmpty()) {
      throw new RefusedException("no StakePool " + namespace + "/" + name);
    }
    ConflictRetry.run(() -> client.resources(StakePool.class).inNamespace(namespace).withName(name).edit(p -> {
      p.getMetadata().setAnnotations(new java.util.TreeMap<>(p.getMetadata().getAnnotations() == null
          ? java.util.Map.of() : p.getMetadata().getAnnotations()));
      p.getMetadata().getAnnotations().put(StakePool.ANNOTATION_RETRY_VERSION, version);
      return p;
    }));
  }

  /** The StakePool, if it exists. */
  public Optional<StakePool> get(String namespace, String name) {
    return Optional.ofNullable(client.resources(StakePool.class).inNamespace(namespace).withName(name).get());
  }

  /**
   * Asks for one more relay in {@code region}: the region's count goes up by one, or a new region is added with one
   * relay. The operator then creates it, waits for it to be ready and only then adds it to the block producer's
   * topology and network policy.
   *
   * @param namespace the pool's namespace
   * @param name the pool's name
   * @param region the region
   * @param publicAddress the public address of a new region (required then, ignored otherwise)
   * @return the new relay's name
   * @throws RefusedException if there is no such pool, a rollout, another addition or a removal runs, or a new region
   *     has no public address
   */
  public String addRelay(String namespace, String name, String region, String publicAddress) {
    return ConflictRetry.run(() -> addRelayOnce(namespace, name, region, publicAddress));
  }

  private String addRelayOnce(String namespace, String name, String region, String publicAddress) {
    StakePool pool = get(namespace, name).orElseThrow(() -> new RefusedException("no StakePool " + namespace + "/"
        + name + " (palisade k8s apply pool.yaml creates it)"));
    PoolCommands.Verdict verdict = PoolCommands.addRelay(StakePoolActivity.of(pool));
    if (!verdict.accepted()) {
      throw new RefusedException(verdict.message());
    }
    StakePoolSpec spec = pool.getSpec();
    StakePoolSpec.RelayGroup group = spec.relays.stream().filter(g -> region.equals(g.region)).findFirst()
        .orElse(null);
    int ordinal;
    if (group == null) {
      if (publicAddress == null || publicAddress.isBlank()) {
        throw new RefusedException("region " + region + " is new: give its public address (--public-address)");
      }
      group = new StakePoolSpec.RelayGroup();
      group.region = region;
      group.count = 1;
      group.publicAddress = publicAddress;
      spec.relays.add(group);
      ordinal = 0;
    } else {
      ordinal = group.count == null ? 1 : group.count;
      group.count = ordinal + 1;
    }
    client.resources(StakePool.class).inNamespace(namespace).resource(pool).update();
    return io.palisade.spec.Names.relayName(region, ordinal);
  }

  /**
   * Asks for {@code node}, a relay, to be removed: its region's count goes down by one. The operator then takes it out
   * of the block producer's (and its siblings') topology and network policy, and only then scales its StatefulSet
   * down. A StatefulSet only loses its highest ordinal, so only the highest relay of a region can go; and a region
   * keeps its last relay (removing a region is not supported). The guard rails are those of
   * {@link PoolChanges#removeNode}, judged on the control state and node readiness in the StakePool's status (the
   * operator judges them again when it acts).
   *
   * @param namespace the pool's namespace
   * @param name the pool's name
   * @param node the relay's name, {@code relay-<region>-<n>}
   * @return what will happen, for the operator
   * @throws RefusedException if there is no such pool or relay, it is not its region's highest, it is its region's
   *     last, another change runs, or a guard rail refuses
   */
  public String removeRelay(String namespace, String name, String node) {
    return ConflictRetry.run(() -> removeRelayOnce(namespace, name, node, Instant.now()));
  }

  /**
   * Why {@link #removeRelay} would refuse to remove {@code node} now, by the same checks, without changing anything:
   * the console asks before it queues the removal (seven days before it runs).
   *
   * @param namespace the pool's namespace
   * @param name the StakePool's name
   * @param node the node
   * @return the refusal, or empty when it would go ahead now
   */
  public Optional<String> removalRefusal(String namespace, String name, String node) {
    try {
      removal(namespace, name, node, Instant.now());
      return Optional.empty();
    } catch (RefusedException e) {
      return Optional.of(e.getMessage());
    }
  }

  private RelayRemoval removal(String namespace, String name, String node, Instant now) {
    StakePool pool = get(namespace, name).orElseThrow(() -> new RefusedException("no StakePool " + namespace + "/"
        + name + " (palisade k8s apply pool.yaml creates it)"));
    return RelayRemoval.decide(pool, namespace + "/" + name, node, now);
  }

  private String removeRelayOnce(String namespace, String name, String node, Instant now) {
    RelayRemoval r = removal(namespace, name, node, now);
    r.group().count = r.count() - 1;
    client.resources(StakePool.class).inNamespace(namespace).resource(r.pool()).update();
    return "StakePool " + namespace + "/" + name + " now declares " + r.group().count + " relay(s) in " + r.region()
        + ": the operator takes " + node + " out of the block producer's topology and network policy, then scales"
        + " the region's StatefulSet down to " + r.group().count
        + "; its volume claim stays. Lower the region's count in pool.yaml too";
  }
}
