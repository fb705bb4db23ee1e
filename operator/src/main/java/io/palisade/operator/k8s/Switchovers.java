package io.palisade.operator.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.operator.model.StakePool;
import java.util.Map;
import java.util.TreeMap;

/**
 * Asks the operator for a switchover of a pool with a standby: the annotation {@value StakePool#ANNOTATION_SWITCHOVER}
 * on its StakePool, which the operator answers (queued for the next free window, or refused with the reason, in an
 * event and in {@code status.producer}) and removes.
 */
public final class Switchovers {
  private final KubernetesClient client;

  /** @param client the client */
  public Switchovers(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Asks for a switchover.
   *
   * @param namespace the pool's namespace
   * @param name the pool's name
   * @return the producer that holds the lease now (the one the switchover moves forging away from), if known
   * @throws StakePools.RefusedException if there is no such pool or it has no standby
   */
  public String request(String namespace, String name) {
    StakePool pool = client.resources(StakePool.class).inNamespace(namespace).withName(name).get();
    if (pool == null) {
      throw new StakePools.RefusedException("no StakePool " + namespace + "/" + name);
    }
    if (pool.getSpec() == null || pool.getSpec().blockProducer == null || pool.getSpec().blockProducer.standby == null) {
      throw new StakePools.RefusedException("the pool " + name + " has no standby block producer"
          + " (blockProducer.standby)");
    }
    ConflictRetry.run(() -> client.resources(StakePool.class).inNamespace(namespace).withName(name).edit(p -> {
      Map<String, String> a = new TreeMap<>(p.getMetadata().getAnnotations() == null ? Map.of()
          : p.getMetadata().getAnnotations());
      a.put(StakePool.ANNOTATION_SWITCHOVER, "requested");
      p.getMetadata().setAnnotations(a);
      return p;
    }));
    return pool.getStatus() == null || pool.getStatus().producer == null ? null : pool.getStatus().producer.holder;
  }
}
