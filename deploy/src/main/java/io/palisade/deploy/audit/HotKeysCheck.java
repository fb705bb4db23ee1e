package io.palisade.deploy.audit;

import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.palisade.deploy.model.HotKeyFiles;
import io.palisade.deploy.model.PoolNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Secrets reach containers only as files, never as environment variables (which leak into logs and crash dumps), and
 * only block-producer pods mount Secrets; in them the KES and VRF signing keys reach only the node (the agent sees the
 * public operational certificate alone); no Secret holds a cold key.
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
    return "hot keys reach only the block producer's node, as files (the agent gets the opcert alone, the schedule"
        + " sidecar the VRF key and the opcert, never the KES key); no cold key is in the cluster; no secret in env";
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
      p.addAll(signingKeysOutsideTheNode(w.pod()));
      if (!w.isBlockProducer()) {
        for (Volume v : w.pod().getVolumes() == null ? List.<Volume>of() : w.pod().getVolumes()) {
          if (v.getSecret() != null) {
            p.add("a relay mounts Secret " + v.getSecret().getSecretName());
          }
        }
      }
      rows.add(p.isEmpty() ? AuditRow.pass(id(), w.ref(), w.isBlockProducer() ? "hot keys as files, to the node only"
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

  /**
   * The KES and VRF signing keys reach only the node (and the init step that lays them out): any other container,
   * the agent first, may mount a Secret only as a projection of the public operational certificate, and never the
   * in-memory hot-key volume; the one exception, the leader-schedule sidecar, may also project the VRF key (never the
   * KES key).
   */
  static List<String> signingKeysOutsideTheNode(PodSpec pod) {
    // The schedule sidecar computes the leader schedule with the VRF key: it may project that key (and the
    // certificate), never the KES key.
    Map<String, Volume> volumes = new TreeMap<>();
    (pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()).forEach(v -> volumes.put(v.getName(), v));
    List<String> p = new ArrayList<>();
    for (PodFacts.Named n : PodFacts.containers(pod)) {
      String name = n.container().getName();
      if (PoolNames.CONTAINER_NODE.equals(name) || PoolNames.CONTAINER_PREPARE.equals(name)) {
        continue;
      }
      for (VolumeMount m : n.container().getVolumeMounts() == null ? List.<VolumeMount>of()
          : n.container().getVolumeMounts()) {
        Volume v = volumes.get(m.getName());
        if (v == null) {
          continue;
        }
        if (PoolNames.VOLUME_HOT_KEYS.equals(v.getName())) {
          p.add(n.label() + " mounts the hot keys (" + v.getName() + "): only the node may read the KES and VRF keys");
        }
        Set<String> allowed = PoolNames.CONTAINER_SCHEDULE.equals(name)
            ? Set.of(HotKeyFiles.NODE_CERT, HotKeyFiles.VRF_SKEY) : Set.of(HotKeyFiles.NODE_CERT);
        if (v.getSecret() != null) {
          secretProblem(n.label(), v.getSecret().getSecretName(), v.getSecret().getItems(), allowed)
              .ifPresent(p::add);
        }
        if (v.getProjected() != null && v.getProjected().getSources() != null) {
          for (VolumeProjection source : v.getProjected().getSources()) {
            if (source.getSecret() != null) {
              secretProblem(n.label(), source.getSecret().getName(), source.getSecret().getItems(), allowed)
                  .ifPresent(p::add);
            }
          }
        }
      }
    }
    return p;
  }

  private static Optional<String> secretProblem(String container, String secret, List<KeyToPath> items,
      Set<String> allowed) {
    if (items == null || items.isEmpty()) {
      return Optional.of(container + " mounts every key of Secret " + secret + ": only the node may read the KES and"
          + " VRF keys (project " + String.join(" and ", new java.util.TreeSet<>(allowed)) + " alone)");
    }
    List<String> others = items.stream().map(KeyToPath::getKey).filter(k -> !allowed.contains(k)).toList();
    return others.isEmpty() ? Optional.empty() : Optional.of(container + " mounts " + others + " of Secret " + secret
        + ": only the node may read the KES and VRF keys");
  }
}
