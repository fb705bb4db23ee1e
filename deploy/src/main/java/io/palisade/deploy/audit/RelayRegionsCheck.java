package io.palisade.deploy.audit;

import io.palisade.deploy.model.PoolNames;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Relays run in at least two regions, so one region's outage cannot cut the block producer off. */
public final class RelayRegionsCheck implements AuditCheck {
  @Override
  public String id() {
    return "relay-regions";
  }

  @Override
  public String claim() {
    return "relays run in at least two regions";
  }

  @Override
  public List<AuditRow> run(Manifests m) {
    Set<String> regions = new TreeSet<>();
    for (Manifests.Workload w : m.workloads()) {
      String region = w.podLabels().get(PoolNames.LABEL_REGION);
      if (PoolNames.ROLE_RELAY.equals(w.role()) && region != null && replicas(w) > 0) {
        regions.add(region);
      }
    }
    return List.of(regions.size() >= 2
        ? AuditRow.pass(id(), "-", "relays in " + regions.size() + " regions: " + String.join(", ", regions))
        : AuditRow.fail(id(), "-", "relays must span at least two regions, found " + regions.size() + " "
            + regions));
  }

  private static int replicas(Manifests.Workload w) {
    if (w.owner() instanceof io.fabric8.kubernetes.api.model.apps.StatefulSet s && s.getSpec() != null) {
      return s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
    }
    return 1;
  }
}
