package io.palisade.operator.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.deploy.model.HotKeyFiles;
import io.palisade.deploy.model.PoolNames;
import io.palisade.operator.model.ProducerLeaseRecord;
import io.palisade.operator.model.StakePool;
import io.palisade.spec.NodeRef;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The producers' forging Secrets ({@code <pool>-<node>-forging}) and pods, as the producer lease orders: credentials
 * are given by creating the holder's Secret from the pool's hot-key Secret and restarting its pod (its init container
 * lays them out in memory), and taken by deleting the Secret and the pod (the keys live in the pod's memory; the pod the
 * StatefulSet makes next starts without them). The Secrets' data is copied API server to API server and never logged.
 */
public final class ForgingCredentials {
  private final KubernetesClient client;
  private final StakePool pool;
  private final PoolNames names;

  /**
   * @param client the client
   * @param pool the owner of the Secrets
   * @param names the pool's names
   */
  public ForgingCredentials(KubernetesClient client, StakePool pool, PoolNames names) {
    this.client = client;
    this.pool = pool;
    this.names = names;
  }

  /** The names of the producers' forging Secrets that exist now. */
  public Set<String> existing(List<NodeRef> producers) {
    Set<String> out = new LinkedHashSet<>();
    for (NodeRef p : producers) {
      if (client.secrets().inNamespace(names.namespace()).withName(names.forgingSecret(p)).get() != null) {
        out.add(names.forgingSecret(p));
      }
    }
    return out;
  }

  /** Whether the pool's hot-key Secret holds all three hot keys (without them there is nothing to give). */
  public boolean hotKeysPresent() {
    return hotKeys() != null;
  }

  /**
   * Gives {@code producer} the credentials: its Secret with the hot keys and the fencing token, then a restart of its
   * pod if it had run without them.
   *
   * @param producer the lease's holder
   * @param token the fencing token it holds the lease with
   * @return whether a Secret was written (false: no hot keys yet, or it was already there)
   */
  public boolean give(NodeRef producer, long token) {
    Map<String, String> keys = hotKeys();
    if (keys == null) {
      return false;
    }
    String name = names.forgingSecret(producer);
    Secret live = client.secrets().inNamespace(names.namespace()).withName(name).get();
    if (live != null && keys.equals(live.getData())) {
      return false;
    }
    Secret want = new SecretBuilder().withNewMetadata().withName(name).withNamespace(names.namespace())
        .withLabels(names.labels(producer))
        .withAnnotations(Map.of(ProducerLeaseRecord.ANNOTATION_TOKEN, Long.toString(token)))
        .withOwnerReferences(List.of(OwnedObjects.ownerReference(pool))).endMetadata()
        .withType("Opaque").withData(keys).build();
    if (live == null) {
      client.secrets().inNamespace(names.namespace()).resource(want).create();
    } else {
      want.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
      client.secrets().inNamespace(names.namespace()).resource(want).update();
    }
    deletePod(producer);
    return true;
  }

  /**
   * Keeps the holder's forging Secret the same as the hot-key Secret without restarting its pod: a rotation writes
   * new keys there (and restarts the holder in a free window, which then lays them out), a revocation removes them
   * (then the holder's Secret goes too).
   *
   * @param holder the lease's holder, whose Secret exists
   * @param token its fencing token
   */
  public void refresh(NodeRef holder, long token) {
    Map<String, String> keys = hotKeys();
    String name = names.forgingSecret(holder);
    Secret live = client.secrets().inNamespace(names.namespace()).withName(name).get();
    if (live == null || keys != null && keys.equals(live.getData())) {
      return;
    }
    if (keys == null) {
      client.secrets().inNamespace(names.namespace()).withName(name).delete();
      return;
    }
    Secret want = new SecretBuilder(live).withData(keys).editMetadata()
        .addToAnnotations(ProducerLeaseRecord.ANNOTATION_TOKEN, Long.toString(token)).endMetadata().build();
    client.secrets().inNamespace(names.namespace()).resource(want).update();
  }

  /**
   * Takes the credentials from {@code producer}: deletes its Secret, then its pod.
   *
   * @param producer a producer that does not hold the lease
   * @return the UID of the pod that was deleted (null: it had none)
   */
  public String take(NodeRef producer) {
    client.secrets().inNamespace(names.namespace()).withName(names.forgingSecret(producer)).delete();
    return deletePod(producer);
  }

  /** The UID of {@code producer}'s pod now, or null. */
  public String podUid(NodeRef producer) {
    Pod pod = client.pods().inNamespace(names.namespace()).withName(names.podName(producer)).get();
    return pod == null ? null : pod.getMetadata().getUid();
  }

  /**
   * Deletes {@code producer}'s pod (the Kubernetes fence: a pod gone from the API server was stopped by its kubelet).
   *
   * @param producer the producer
   * @return the UID of the pod deleted, or null if it had none
   */
  public String deletePod(NodeRef producer) {
    String uid = podUid(producer);
    if (uid != null) {
      client.pods().inNamespace(names.namespace()).withName(names.podName(producer)).delete();
    }
    return uid;
  }

  private Map<String, String> hotKeys() {
    Secret hot = client.secrets().inNamespace(names.namespace()).withName(names.hotKeySecret()).get();
    if (hot == null || hot.getData() == null) {
      return null;
    }
    Map<String, String> out = new TreeMap<>();
    for (String k : HotKeyFiles.REQUIRED) {
      String v = hot.getData().get(k);
      if (v == null || v.isEmpty()) {
        return null;
      }
      out.put(k, v);
    }
    return out;
  }
}
