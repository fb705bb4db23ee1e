package io.palisade.deploy.audit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.palisade.deploy.model.KubernetesYaml;
import io.palisade.deploy.model.PoolNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Kubernetes objects an audit looks at, read from rendered YAML with fabric8, plus typed views of them.
 *
 * @param objects every object
 * @param expectedRegistry the registry every image must come from, if known
 */
public record Manifests(List<HasMetadata> objects, Optional<String> expectedRegistry) {
  /** Copies the list. */
  public Manifests {
    objects = List.copyOf(objects);
  }

  /**
   * Reads every {@code *.yaml}/{@code *.yml} under {@code dir}/kubernetes (or under {@code dir} itself when it has no
   * kubernetes subdirectory).
   *
   * @param dir the render output directory
   * @param registry the expected registry; empty to take it from the namespace annotation
   * @return the manifests
   * @throws IOException if a file cannot be read
   * @throws IllegalArgumentException if a file is not Kubernetes YAML (naming the file)
   */
  public static Manifests read(Path dir, Optional<String> registry) throws IOException {
    Path root = Files.isDirectory(dir.resolve("kubernetes")) ? dir.resolve("kubernetes") : dir;
    if (!Files.isDirectory(root)) {
      throw new IOException("not a directory: " + dir);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.ya?ml$")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IOException("no Kubernetes YAML under " + root + " (render the pool first: palisade render pool.yaml"
          + " --out " + dir + ")");
    }
    List<HasMetadata> objects = new ArrayList<>();
    for (Path f : files) {
      if (Files.size(f) > 8L * 1024 * 1024) {
        throw new IllegalArgumentException(f + ": larger than 8 MiB; not a rendered manifest");
      }
      try {
        objects.addAll(KubernetesYaml.read(Files.readString(f, StandardCharsets.UTF_8)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(f + ": " + e.getMessage(), e);
      }
    }
    return of(objects, registry);
  }

  /** Manifests from objects; the registry defaults to the namespace's annotation. */
  public static Manifests of(List<HasMetadata> objects, Optional<String> registry) {
    Optional<String> expected = registry.or(() -> objects.stream().filter(Namespace.class::isInstance)
        .map(o -> o.getMetadata().getAnnotations()).filter(a -> a != null && a.containsKey(PoolNames.ANNOTATION_REGISTRY))
        .map(a -> a.get(PoolNames.ANNOTATION_REGISTRY)).findFirst());
    return new Manifests(objects, expected);
  }

  /** Objects of one type. */
  public <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Every workload's pod template, with the resource it belongs to. */
  public List<Workload> workloads() {
    List<Workload> out = new ArrayList<>();
    for (HasMetadata o : objects) {
      PodTemplateSpec template = null;
      if (o instanceof StatefulSet s && s.getSpec() != null) {
        template = s.getSpec().getTemplate();
      } else if (o instanceof Deployment d && d.getSpec() != null) {
        template = d.getSpec().getTemplate();
      } else if (o instanceof DaemonSet d && d.getSpec() != null) {
        template = d.getSpec().getTemplate();
      } else if (o instanceof ReplicaSet r && r.getSpec() != null) {
        template = r.getSpec().getTemplate();
      } else if (o instanceof Job j && j.getSpec() != null) {
        template = j.getSpec().getTemplate();
      } else if (o instanceof CronJob c && c.getSpec() != null && c.getSpec().getJobTemplate() != null
          && c.getSpec().getJobTemplate().getSpec() != null) {
        template = c.getSpec().getJobTemplate().getSpec().getTemplate();
      } else if (o instanceof io.fabric8.kubernetes.api.model.Pod p) {
        template = new PodTemplateSpec(p.getMetadata(), p.getSpec());
      }
      if (template != null) {
        Map<String, String> labels = template.getMetadata() == null || template.getMetadata().getLabels() == null
            ? Map.of() : template.getMetadata().getLabels();
        out.add(new Workload(o, labels, template.getSpec() == null ? new PodSpec() : template.getSpec()));
      }
    }
    return out;
  }

  /** Services, NetworkPolicies, PDBs: typed shortcuts. */
  public List<Service> services() {
    return all(Service.class);
  }

  /** Every NetworkPolicy. */
  public List<NetworkPolicy> networkPolicies() {
    return all(NetworkPolicy.class);
  }

  /** Every PodDisruptionBudget. */
  public List<PodDisruptionBudget> disruptionBudgets() {
    return all(PodDisruptionBudget.class);
  }

  /** {@code Kind/name} of an object. */
  public static String ref(HasMetadata o) {
    return o.getKind() + "/" + (o.getMetadata() == null ? "?" : o.getMetadata().getName());
  }

  /**
   * A pod-bearing object.
   *
   * @param owner the workload object
   * @param podLabels its pods' labels
   * @param pod its pod spec
   */
  public record Workload(HasMetadata owner, Map<String, String> podLabels, PodSpec pod) {
    /** {@code Kind/name}. */
    public String ref() {
      return Manifests.ref(owner);
    }

    /** The pod's role label, or empty. */
    public String role() {
      return podLabels.getOrDefault(PoolNames.LABEL_ROLE, "");
    }

    /** Whether these are block-producer pods. */
    public boolean isBlockProducer() {
      return PoolNames.ROLE_BLOCK_PRODUCER.equals(role());
    }
  }
}
