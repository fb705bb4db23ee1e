package io.palisade.deploy.audit;

import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Secrets reach containers only as files, never as environment variables (which leak into logs and crash dumps), and
 * only block-producer pods mount Secrets; no Secret holds a cold key.
 */
public final class HotKeysCheck implements AuditCheck {
  private static final Set<String> COLD_KEY_NAMES = Set.of("cold.skey", "node.skey", "cold.counter", "stake.skey",
      "payment.skey");

  @Override
  public String id() {
    return "hot-keys-only";
  }

  @Override
  public String claim() {
    return "hot keys reach only the block producer, as files; no cold key is in the cluster; no secret in env";
  }

  @Override
  public List<AuditRow> run(Manifests m) {
    List<AuditRow> rows = new ArrayList<>();
    for (Manifests.Workload w : m.workloads()) {
      List<String> p = new ArrayList<>();
      for (PodFacts.Named n : PodFacts.containers(w.pod())) {
        for (EnvVar e : n.container().getEnv() == null ? List.<EnvVar>of() : n.container().getEnv()) {
          if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
            p.add(n.label() + ": env " + e.getName() + " comes from a Secret");
          }
        }
        for (EnvFromSource e : n.container().getEnvFrom() == null ? List.<EnvFromSource>of()
            : n.container().getEnvFrom()) {
          if (e.getSecretRef() != null) {
            p.add(n.label() + ": envFrom a Secret");
          }
        }
      }
      if (!w.isBlockProducer()) {
        for (Volume v : w.pod().getVolumes() == null ? List.<Volume>of() : w.pod().getVolumes()) {
          if (v.getSecret() != null) {
            p.add("a relay mounts Secret " + v.getSecret().getSecretName());
          }
        }
      }
      rows.add(p.isEmpty() ? AuditRow.pass(id(), w.ref(), w.isBlockProducer() ? "hot keys as files only"
          : "no Secrets mounted") : AuditRow.fail(id(), w.ref(), String.join("; ", p)));
    }
    for (Secret s : m.all(Secret.class)) {
      Set<String> keys = new java.util.TreeSet<>();
      if (s.getData() != null) {
        keys.addAll(s.getData().keySet());
      }
      if (s.getStringData() != null) {
        keys.addAll(s.getStringData().keySet());
      }
      keys.retainAll(COLD_KEY_NAMES);
      if (!keys.isEmpty()) {
        rows.add(AuditRow.fail(id(), Manifests.ref(s), "holds cold-key material " + keys));
      }
    }
    if (rows.isEmpty()) {
      rows.add(AuditRow.fail(id(), "-", "no workloads found"));
    }
    return rows;
  }
}
