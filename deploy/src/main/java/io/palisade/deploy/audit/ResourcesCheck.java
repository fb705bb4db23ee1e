package io.palisade.deploy.audit;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every container has CPU and memory requests and limits, so a noisy neighbour cannot starve a node. */
public final class ResourcesCheck implements AuditCheck {
  @Override
  public String id() {
    return "resources";
  }

  @Override
  public String claim() {
    return "CPU and memory requests and limits on every container";
  }

  @Override
  public List<AuditRow> run(Manifests m) {
    List<AuditRow> rows = new ArrayList<>();
    for (Manifests.Workload w : m.workloads()) {
      List<String> p = new ArrayList<>();
      for (PodFacts.Named n : PodFacts.containers(w.pod())) {
        ResourceRequirements r = n.container().getResources();
        Map<String, Quantity> req = r == null || r.getRequests() == null ? Map.of() : r.getRequests();
        Map<String, Quantity> lim = r == null || r.getLimits() == null ? Map.of() : r.getLimits();
        for (String kind : List.of("cpu", "memory")) {
          if (!req.containsKey(kind)) {
            p.add(n.label() + ": no " + kind + " request");
          }
          if (!lim.containsKey(kind)) {
            p.add(n.label() + ": no " + kind + " limit");
          }
        }
      }
      rows.add(p.isEmpty() ? AuditRow.pass(id(), w.ref(), "requests and limits set")
          : AuditRow.fail(id(), w.ref(), String.join("; ", p)));
    }
    if (rows.isEmpty()) {
      rows.add(AuditRow.fail(id(), "-", "no workloads found"));
    }
    return rows;
  }
}
