package io.palisade.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.deploy.model.HotKeyFiles;
import io.palisade.deploy.model.PoolNames;
import io.palisade.operator.model.ProducerMaintenance;
import io.palisade.operator.model.PublishedSchedule;
import io.palisade.operator.model.StakePool;
import io.palisade.spec.LoadedPoolSpec;
import java.time.Instant;

/** What a reconcile pass reads for the block producer's leader-aware maintenance (and the slot ledger's schedule). */
final class MaintenanceReads {
  private MaintenanceReads() {}

  /**
   * The producer's maintenance this pass: its leader schedule read through the port only when its hot-key Secret
   * holds a VRF key (without one it forges nothing); the key itself is never read, only its presence.
   */
  static ProducerMaintenance maintenance(OperatorOptions options, KubernetesClient client, StakePool pool,
      LoadedPoolSpec loaded, PoolNames names, String producer, Instant now) {
    Secret hot = client.secrets().inNamespace(names.namespace()).withName(names.hotKeySecret()).get();
    boolean forging = hot != null && hot.getData() != null && hot.getData().get(HotKeyFiles.VRF_SKEY) != null
        && !hot.getData().get(HotKeyFiles.VRF_SKEY).isEmpty();
    PublishedSchedule schedule = forging
        ? options.schedules().read(client, names.namespace(), loaded.spec().name(), loaded.genesis(), now)
        : PublishedSchedule.unknown("not read: the block producer has no VRF key");
    // The pool's own blockProducer.maintenance (margin, wait limit, clock tolerance) over the operator's defaults.
    return new ProducerMaintenance(options.maintenance().with(loaded.spec().blockProducer().maintenance()), producer,
        schedule, LeaderSchedules.secretName(loaded.spec().name()), forging,
        pool.getStatus() == null ? null : pool.getStatus().maintenance, now);
  }
}
