package io.palisade.deploy.audit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.palisade.deploy.model.PoolNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The pool's namespace enforces Pod Security "restricted", so the cluster itself refuses a weaker pod. */
public final class NamespacePodSecurityCheck implements AuditCheck {
  @Override
  public String id() {
    return "namespace-pod-security";
  }

  @Override
  public String claim() {
    return "Pod Security Admission enforces 'restricted' in every namespace the pool uses";
  }

  @Override
  public List<AuditRow> run(Manifests m) {
    List<AuditRow> rows = new ArrayList<>();
    Set<String> used = m.objects().stream().map(HasMetadata::getMetadata)
        .filter(md -> md != null && md.getNamespace() != null).map(md -> md.getNamespace())
        .collect(Collectors.toCollection(java.util.TreeSet::new));
    List<Namespace> namespaces = m.all(Namespace.class);
    for (String ns : used) {
      Namespace n = namespaces.stream().filter(x -> ns.equals(x.getMetadata().getName())).findFirst().orElse(null);
      String ref = "Namespace/" + ns;
      if (n == null) {
        rows.add(AuditRow.fail(id(), ref, "objects live in it but it is not rendered with Pod Security labels"));
        continue;
      }
      Map<String, String> labels = n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels();
      String enforce = labels.get(PoolNames.PSA_ENFORCE);
      if ("restricted".equals(enforce)) {
        rows.add(AuditRow.pass(id(), ref, PoolNames.PSA_ENFORCE + "=restricted"));
      } else {
        rows.add(AuditRow.fail(id(), ref, PoolNames.PSA_ENFORCE + " must be restricted, was: " + enforce));
      }
    }
    if (rows.isEmpty()) {
      rows.add(AuditRow.fail(id(), "-", "no namespaced objects found"));
    }
    return rows;
  }
}
