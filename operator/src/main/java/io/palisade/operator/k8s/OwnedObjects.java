package io.palisade.operator.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.palisade.operator.model.StakePool;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Creates and updates the objects a StakePool owns, with plain create and update (PUT with the live resourceVersion:
 * a concurrent change fails the pass, which then runs again). An object is written only when what the operator wants
 * changed: the hash of the desired object is kept in {@value #ANNOTATION_APPLIED_HASH}, so an API server's defaults
 * never cause endless updates. Every object gets the StakePool as its controlling owner.
 */
public final class OwnedObjects {
  /** On every owned object: SHA-256 of what the operator last wrote. */
  public static final String ANNOTATION_APPLIED_HASH = "palisade.io/applied-hash";

  private final KubernetesClient client;
  private final OwnerReference owner;
  private final String namespace;
  /** Per kind, the live objects of the namespace by name: one list per kind and pass instead of a get per object. */
  private final Map<Class<?>, Map<String, HasMetadata>> live = new java.util.HashMap<>();

  /**
   * @param client the client
   * @param pool the owner
   */
  public OwnedObjects(KubernetesClient client, StakePool pool) {
    this.client = client;
    this.owner = ownerReference(pool);
    this.namespace = pool.getMetadata().getNamespace();
  }

  /** The controlling owner reference to {@code pool}. */
  public static OwnerReference ownerReference(StakePool pool) {
    return new OwnerReferenceBuilder().withApiVersion(pool.getApiVersion()).withKind(pool.getKind())
        .withName(pool.getMetadata().getName()).withUid(pool.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(true).build();
  }

  /**
   * Creates {@code desired}, or updates it if it differs from what was last written.
   *
   * @param desired the object as the operator wants it (not modified)
   * @return whether anything was written
   */
  public boolean apply(HasMetadata desired) {
    HasMetadata want = Serialization.clone(desired);
    want.getMetadata().setOwnerReferences(List.of(owner));
    String hash = sha256(Serialization.asJson(want));
    Map<String, String> annotations = new TreeMap<>(want.getMetadata().getAnnotations() == null ? Map.of()
        : want.getMetadata().getAnnotations());
    annotations.put(ANNOTATION_APPLIED_HASH, hash);
    want.getMetadata().setAnnotations(annotations);
    Map<String, HasMetadata> known = liveOf(want);
    HasMetadata current = known.get(want.getMetadata().getName());
    if (current == null) {
      known.put(want.getMetadata().getName(), client.resource(want).create());
      return true;
    }
    Map<String, String> liveAnnotations = current.getMetadata().getAnnotations();
    if (liveAnnotations != null && hash.equals(liveAnnotations.get(ANNOTATION_APPLIED_HASH))) {
      return false;
    }
    want.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
    known.put(want.getMetadata().getName(), client.resource(want).update());
    return true;
  }

  /** The live objects of {@code o}'s kind in the pool's namespace (listed once per instance). */
  private Map<String, HasMetadata> liveOf(HasMetadata o) {
    return live.computeIfAbsent(o.getClass(), k -> {
      Map<String, HasMetadata> byName = new java.util.HashMap<>();
      String ns = o.getMetadata().getNamespace() == null ? namespace : o.getMetadata().getNamespace();
      client.resources(o.getClass()).inNamespace(ns).list().getItems()
          .forEach(x -> byName.put(x.getMetadata().getName(), x));
      return byName;
    });
  }

  /**
   * Makes sure the hot-key Secret exists and is owned, without ever writing its data: a missing Secret is created
   * empty ({@code palisade k8s apply --hot-key-bundle} fills it); an existing one only gains the owner reference.
   *
   * @param empty the rendered Secret without data
   * @return the live Secret
   */
  public Secret ensureSecret(Secret empty) {
    Secret live = client.secrets().inNamespace(empty.getMetadata().getNamespace())
        .withName(empty.getMetadata().getName()).get();
    if (live == null) {
      Secret want = Serialization.clone(empty);
      want.getMetadata().setOwnerReferences(List.of(owner));
      return client.resource(want).create();
    }
    List<OwnerReference> refs = live.getMetadata().getOwnerReferences() == null ? List.of()
        : live.getMetadata().getOwnerReferences();
    if (refs.stream().noneMatch(r -> owner.getUid().equals(r.getUid()))) {
      return client.secrets().inNamespace(live.getMetadata().getNamespace()).withName(live.getMetadata().getName())
          .edit(s -> {
            List<OwnerReference> more = new ArrayList<>(refs);
            more.add(owner);
            s.getMetadata().setOwnerReferences(more);
            return s;
          });
    }
    return live;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
