package io.palisade.operator.k8s;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.deploy.model.PoolNames;
import io.palisade.operator.model.ProducerLeaseRecord;
import io.palisade.operator.model.StakePool;
import java.util.List;
import java.util.Map;

/**
 * The pool's producer Lease ({@code coordination.k8s.io/v1}, {@code <pool>-producer}, owned by the StakePool) on the
 * API server. The operator is its only writer, and writes it with optimistic concurrency: an update carries the
 * resourceVersion it read, so of two operator replicas deciding from the same Lease only one write succeeds (the other
 * gets a conflict and acts on nothing).
 */
public final class ProducerLeaseStore {
  private final KubernetesClient client;
  private final String namespace;
  private final String name;

  /**
   * @param client the client
   * @param names the pool's names
   */
  public ProducerLeaseStore(KubernetesClient client, PoolNames names) {
    this.client = client;
    this.namespace = names.namespace();
    this.name = names.producerLease();
  }

  /** The Lease as it is now, or null. */
  public Lease read() {
    return client.leases().inNamespace(namespace).withName(name).get();
  }

  /**
   * Creates the Lease with {@code record}; fails with a conflict if it exists already (another writer was first).
   *
   * @param pool the owner
   * @param record the first record
   * @return the Lease written
   */
  public Lease create(StakePool pool, ProducerLeaseRecord record) {
    Lease lease = new LeaseBuilder().withNewMetadata().withName(name).withNamespace(namespace)
        .withLabels(Map.of(PoolNames.LABEL_POOL, pool.getMetadata().getName()))
        .withOwnerReferences(List.of(OwnedObjects.ownerReference(pool))).endMetadata().withNewSpec().endSpec().build();
    return client.leases().inNamespace(namespace).resource(record.writeTo(lease)).create();
  }

  /**
   * Writes {@code record} over {@code read}, only if the Lease has not changed since it was read.
   *
   * @param read the Lease as read (its resourceVersion is the condition)
   * @param record the new record
   * @return the Lease written
   * @throws io.fabric8.kubernetes.client.KubernetesClientException with code 409 if someone wrote it meanwhile
   */
  public Lease update(Lease read, ProducerLeaseRecord record) {
    Lease copy = new LeaseBuilder(read).build();
    return client.leases().inNamespace(namespace).resource(record.writeTo(copy)).update();
  }
}
