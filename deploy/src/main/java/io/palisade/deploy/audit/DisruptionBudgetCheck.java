package io.palisade.deploy.audit;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Every StatefulSet has a PodDisruptionBudget, so a node drain never takes down more than the pool can spare. */
public final class DisruptionBudgetCheck implements AuditCheck {
  @Override
  public String id() {
    return "disruption-budget";
  }

  @Override
  public String claim() {
    return "a PodDisruptionBudget with a policy covers every StatefulSet";
  }

  @Override
  public List<AuditRow> run(Manifests m) {
    List<AuditRow> rows = new ArrayList<>();
    for (StatefulSet s : m.all(StatefulSet.class)) {
      Map<String, String> labels = s.getSpec() == null || s.getSpec().getTemplate() == null
          || s.getSpec().getTemplate().getMetadata() == null || s.getSpec().getTemplate().getMetadata().getLabels()
          == null ? Map.of() : s.getSpec().getTemplate().getMetadata().getLabels();
      PodDisruptionBudget pdb = m.disruptionBudgets().stream()
          .filter(b -> Objects.equals(b.getMetadata().getNamespace(), s.getMetadata().getNamespace()))
          .filter(b -> b.getSpec() != null && Selectors.matches(b.getSpec().getSelector(), labels))
          .findFirst().orElse(null);
      if (pdb == null) {
        rows.add(AuditRow.fail(id(), Manifests.ref(s), "no PodDisruptionBudget selects its pods"));
      } else if (pdb.getSpec().getMinAvailable() == null && pdb.getSpec().getMaxUnavailable() == null) {
        rows.add(AuditRow.fail(id(), Manifests.ref(s), Manifests.ref(pdb) + " sets neither minAvailable nor"
            + " maxUnavailable"));
      } else {
        rows.add(AuditRow.pass(id(), Manifests.ref(s), "covered by " + Manifests.ref(pdb)));
      }
    }
    if (rows.isEmpty()) {
      rows.add(AuditRow.fail(id(), "-", "no StatefulSets found"));
    }
    return rows;
  }
}
