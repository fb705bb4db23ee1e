package io.palisade.operator.k8s;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.deploy.model.PoolNames;
import io.palisade.spec.NodeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Plain cluster I/O on a pool's pods, volume claims and hot-key Secret, for what the console asks that the StakePool's
 * spec cannot say: deleting a volume or the pool's claims, emptying the hot keys, restarting a pod. Names come from
 * {@link PoolNames}. Nothing here checks a guard rail: the caller has.
 */
public final class PoolObjects {
  private final KubernetesClient client;
  private final String namespace;

  /**
   * @param client the client
   * @param namespace the pool's namespace
   */
  public PoolObjects(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /**
   * Deletes {@code node}'s volume claim, then its pod: deleting the claim alone waits for the pod
   * ({@code kubernetes.io/pvc-protection}); deleting the pod lets both go, and the StatefulSet controller recreates the
   * pod with a new, empty claim.
   *
   * @param names the pool's names
   * @param node the node
   * @return the claim deleted
   * @throws StakePools.RefusedException if no StatefulSet runs the node (nothing is deleted)
   */
  public String deleteVolume(PoolNames names, NodeRef node) {
    String statefulSet = names.statefulSet(node);
    StatefulSet sts = client.apps().statefulSets().inNamespace(namespace).withName(statefulSet).get();
    if (sts == null) {
      throw new StakePools.RefusedException("no StatefulSet " + statefulSet + " runs " + node.name()
          + "; nothing was deleted");
    }
    String claim = names.volumeClaim(node);
    client.persistentVolumeClaims().inNamespace(namespace).withName(claim).delete();
    deletePod(names.podName(node));
    return claim;
  }

  /**
   * Deletes every volume claim labelled with the pool (the StatefulSets retain them otherwise).
   *
   * @param pool the pool's name
   * @return the claims deleted
   */
  public List<String> deleteClaims(String pool) {
    List<String> claims = new ArrayList<>();
    for (PersistentVolumeClaim c : client.persistentVolumeClaims().inNamespace(namespace)
        .withLabel(PoolNames.LABEL_POOL, pool).list().getItems()) {
      client.persistentVolumeClaims().inNamespace(namespace).withName(c.getMetadata().getName()).delete();
      claims.add(c.getMetadata().getName());
    }
    return claims;
  }

  /**
   * Empties a Secret's data (the hot keys go together), if it exists.
   *
   * @param name the Secret's name
   */
  public void emptySecret(String name) {
    Secret live = client.secrets().inNamespace(namespace).withName(name).get();
    if (live != null) {
      ConflictRetry.run(() -> client.secrets().inNamespace(namespace).withName(name).edit(s -> {
        s.setData(new TreeMap<>());
        s.setStringData(null);
        return s;
      }));
    }
  }

  /**
   * Deletes a pod; its StatefulSet recreates it.
   *
   * @param pod the pod's name
   */
  public void deletePod(String pod) {
    client.pods().inNamespace(namespace).withName(pod).delete();
  }
}
