package io.palisade.deploy.audit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Every namespace with workloads denies all ingress and egress by default; other policies only open holes. */
public final class DefaultDenyCheck implements AuditCheck {
  @Override
  public String id() {
    return "default-deny";
  }

  @Override
  public String claim() {
    return "a default-deny network policy (all ingress and egress) covers every pod";
  }

  @Override
  public List<AuditRow> run(Manifests m) {
    Set<String> namespaces = new TreeSet<>();
    for (Manifests.Workload w : m.workloads()) {
      HasMetadata o = w.owner();
      namespaces.add(o.getMetadata().getNamespace() == null ? "default" : o.getMetadata().getNamespace());
    }
    List<AuditRow> rows = new ArrayList<>();
    for (String ns : namespaces) {
      NetworkPolicy deny = m.networkPolicies().stream()
          .filter(np -> ns.equals(np.getMetadata().getNamespace() == null ? "default" : np.getMetadata().getNamespace()))
          .filter(DefaultDenyCheck::deniesAll).findFirst().orElse(null);
      rows.add(deny != null
          ? AuditRow.pass(id(), "Namespace/" + ns, Manifests.ref(deny) + " denies all ingress and egress")
          : AuditRow.fail(id(), "Namespace/" + ns, "no policy with an empty pod selector, both policy types and no"
              + " rules"));
    }
    if (rows.isEmpty()) {
      rows.add(AuditRow.fail(id(), "-", "no workloads found"));
    }
    return rows;
  }

  static boolean deniesAll(NetworkPolicy np) {
    if (np.getSpec() == null || np.getSpec().getPolicyTypes() == null) {
      return false;
    }
    var selector = np.getSpec().getPodSelector();
    boolean everyPod = selector != null && (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
        && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
    return everyPod && np.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
        && (np.getSpec().getIngress() == null || np.getSpec().getIngress().isEmpty())
        && (np.getSpec().getEgress() == null || np.getSpec().getEgress().isEmpty());
  }
}
