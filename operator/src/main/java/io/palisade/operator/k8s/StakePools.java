package io.palisade.operator.k8s;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.palisade.operator.model.PoolSpecCheck;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StakePoolSpec;
import io.palisade.operator.model.StakePoolStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * What the command line does to StakePools: install the CRD, create or update a pool from {@code pool.yaml}, install
 * its hot keys, add a relay. Plain create and update; nothing here waits for the operator.
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
          + " declares; the operator does not remove relays (raise the region's count in pool.yaml to match, e.g."
          + " after 'palisade relay add --kubernetes')");
    }
    live.setSpec(spec);
    client.resource(live).update();
    return Change.UPDATED;
  }

  /** Relays the pool runs (per its status) that {@code spec} would no longer declare. */
  static List<String> relaysDropped(StakePool live, StakePoolSpec spec) {
    if (live.getStatus() == null || live.getStatus().nodes == null) {
      return List.of();
    }
    java.util.Set<String> declared = new java.util.HashSet<>();
    for (StakePoolSpec.RelayGroup g : spec.relays) {
      int count = g.count == null ? 1 : g.count;
      for (int i = 0; i < count; i++) {
        declared.add(io.palisade.spec.Names.relayName(g.region, i));
      }
    }
    return live.getStatus().nodes.stream().filter(n -> "RELAY".equals(n.role) && !declared.contains(n.name))
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
   * @throws RefusedException if there is no such pool, a rollout or another addition runs, or a new region has no
   *     public address
   */
  public String addRelay(String namespace, String name, String region, String publicAddress) {
    return ConflictRetry.run(() -> addRelayOnce(namespace, name, region, publicAddress));
  }

  private String addRelayOnce(String namespace, String name, String region, String publicAddress) {
    StakePool pool = get(namespace, name).orElseThrow(() -> new RefusedException("no StakePool " + namespace + "/"
        + name + " (palisade k8s apply pool.yaml creates it)"));
    StakePoolStatus s = pool.getStatus();
    if (s != null && s.rollout != null) {
      throw new RefusedException("a rollout to " + s.rollout.to + " is in progress; add the relay after it");
    }
    if (s != null && s.targetVersion != null && s.poolVersion != null && !s.targetVersion.equals(s.poolVersion)
        && (s.failedVersions == null || s.failedVersions.stream().noneMatch(f -> f.version.equals(s.targetVersion)))) {
      throw new RefusedException("the pool is moving from " + s.poolVersion + " to " + s.targetVersion
          + "; add the relay after that");
    }
    if (s != null && s.nodes != null) {
      long declared = pool.getSpec().relays.stream().mapToLong(g -> g.count == null ? 1 : g.count).sum();
      long members = s.nodes.stream().filter(n -> "RELAY".equals(n.role)).count();
      if (members < declared) {
        throw new RefusedException("a relay is still being added (" + members + " of " + declared
            + " relays exist); one at a time");
      }
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
}
