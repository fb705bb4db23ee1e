package io.palisade.deploy.audit;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.palisade.deploy.audit.PodFacts.Named;
import java.util.ArrayList;
import java.util.List;

/**
 * Containers run rootless and immutable: uid and gid of 10000 or more (clear of host users), a read-only root
 * filesystem (nothing can be installed at run time), no privilege escalation, no Kubernetes API token.
 */
public final class NonRootReadOnlyCheck implements AuditCheck {
  /** The lowest uid/gid accepted. */
  public static final long MIN_ID = 10000;

  @Override
  public String id() {
    return "non-root-read-only";
  }

  @Override
  public String claim() {
    return "containers run as uid/gid >= 10000 with a read-only root filesystem, no escalation and no API token";
  }

  @Override
  public List<AuditRow> run(Manifests m) {
    List<AuditRow> rows = new ArrayList<>();
    for (Manifests.Workload w : m.workloads()) {
      List<String> p = new ArrayList<>();
      if (!Boolean.FALSE.equals(w.pod().getAutomountServiceAccountToken())) {
        p.add("automountServiceAccountToken must be false");
      }
      for (Named n : PodFacts.containers(w.pod())) {
        Long uid = PodFacts.effective(w.pod(), n.container(), SecurityContext::getRunAsUser,
            PodSecurityContext::getRunAsUser);
        Long gid = PodFacts.effective(w.pod(), n.container(), SecurityContext::getRunAsGroup,
            PodSecurityContext::getRunAsGroup);
        if (uid == null || uid < MIN_ID) {
          p.add(n.label() + ": runAsUser must be >= " + MIN_ID + ", was: " + uid);
        }
        if (gid == null || gid < MIN_ID) {
          p.add(n.label() + ": runAsGroup must be >= " + MIN_ID + ", was: " + gid);
        }
        SecurityContext sc = n.container().getSecurityContext();
        if (sc == null || !PodFacts.isTrue(sc.getReadOnlyRootFilesystem())) {
          p.add(n.label() + ": readOnlyRootFilesystem must be true");
        }
        if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
          p.add(n.label() + ": allowPrivilegeEscalation must be false");
        }
      }
      rows.add(p.isEmpty() ? AuditRow.pass(id(), w.ref(), "uid/gid >= " + MIN_ID + ", read-only, no escalation")
          : AuditRow.fail(id(), w.ref(), String.join("; ", p)));
    }
    if (rows.isEmpty()) {
      rows.add(AuditRow.fail(id(), "-", "no workloads found"));
    }
    return rows;
  }
}
