package io.palisade.deploy.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.palisade.chain.NetworkRef;
import io.palisade.deploy.RenderRefusedException;
import io.palisade.spec.NodeRef;
import io.palisade.spec.PoolSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every Kubernetes object of a pool, rendered from its spec: the entry point the CLI and the operator use. Pure: the
 * objects are fabric8 model values; nothing is applied or written.
 *
 * <pre>{@code
 * PoolResources resources = PoolFiles.poolResources(loaded, RenderOptions.defaults());
 * for (HasMetadata o : resources.all()) { client.resource(o).createOr(...); }
 * client.resource(resources.hotKeySecret(Optional.of(hotKeys))).createOr(...);   // keys from the vault bundle
 * }</pre>
 */
public final class PoolResources {
  private final PoolSpec spec;
  private final PoolNames names;
  private final NodeConfigRenderer configs;
  private final NodeStatefulSets statefulSets;
  private final PoolServices services;
  private final PoolNetworkPolicies policies;

  /**
   * The pool's resources (from a pool.yaml's directory: {@code deploy.files.PoolFiles.poolResources}).
   *
   * @param spec the pool
   * @param configs the renderer of its node configs, over its network's environment
   * @param options cluster facts
   * @throws RenderRefusedException if the spec cannot be deployed as declared (images, versions, network)
   */
  public PoolResources(PoolSpec spec, NodeConfigRenderer configs, RenderOptions options) {
    if (spec.network().directory().isPresent()) {
      throw new RenderRefusedException("Kubernetes rendering supports mainnet, preprod and preview; the custom"
          + " network " + spec.network() + " has genesis files Palisade's image does not carry");
    }
    this.spec = spec;
    this.names = new PoolNames(spec);
    this.configs = configs;
    this.statefulSets = new NodeStatefulSets(spec, configs, options);
    this.services = new PoolServices(spec);
    this.policies = new PoolNetworkPolicies(spec, options);
  }

  /** The names of every object. */
  public PoolNames names() {
    return names;
  }

  /** The config renderer (same environment as the ConfigMaps). */
  public NodeConfigRenderer configs() {
    return configs;
  }

  /** How pool nodes reach each other in the cluster. */
  public PeerAddressing addressing() {
    return statefulSets.addressing();
  }

  /** What the renderer could not do exactly as the official configuration intends. */
  public List<String> warnings() {
    return new ArrayList<>(configs.environment().warnings());
  }

  /**
   * Every object, in apply order: namespace, service account, hot-key Secret (without data), network policies,
   * ConfigMaps, Services, StatefulSets, PodDisruptionBudgets.
   */
  public List<HasMetadata> all() {
    List<HasMetadata> all = new ArrayList<>();
    all.add(namespace());
    all.add(serviceAccount());
    all.add(hotKeySecret(Optional.empty()));
    all.addAll(policies.all());
    List<NodeWorkload> workloads = NodeWorkload.of(spec);
    Map<String, ConfigMap> configMaps = new LinkedHashMap<>();
    for (NodeWorkload w : workloads) {
      configMaps.put(w.name(), statefulSets.configMap(w));
    }
    all.addAll(configMaps.values());
    all.addAll(services.all());
    for (NodeWorkload w : workloads) {
      all.add(statefulSets.statefulSet(w, configMaps.get(w.name())));
    }
    for (NodeWorkload w : workloads) {
      all.add(podDisruptionBudget(w));
    }
    return all;
  }

  /** The namespace, enforcing Pod Security "restricted". */
  public Namespace namespace() {
    Map<String, String> labels = new TreeMap<>(names.poolLabels());
    labels.put(PoolNames.PSA_ENFORCE, "restricted");
    labels.put(PoolNames.PSA_ENFORCE_VERSION, "latest");
    labels.put(PoolNames.PSA_AUDIT, "restricted");
    labels.put(PoolNames.PSA_WARN, "restricted");
    return new NamespaceBuilder().withNewMetadata().withName(names.namespace()).withLabels(labels)
        .withAnnotations(Map.of(PoolNames.ANNOTATION_REGISTRY, spec.registry().host())).endMetadata()
        .build();
  }

  /** The node pods' ServiceAccount: no API token. */
  public ServiceAccount serviceAccount() {
    return new ServiceAccountBuilder().withNewMetadata().withName(names.serviceAccount())
        .withNamespace(names.namespace()).withLabels(names.poolLabels()).endMetadata()
        .withAutomountServiceAccountToken(false).build();
  }

  /**
   * The hot-key Secret. Without keys it has no data (what {@code render --out} writes by default); the operator or
   * {@code palisade k8s apply} renders it with the keys from the vault's bundle, in memory.
   *
   * @param hotKeys the keys, or empty for a Secret without data
   * @return the Secret
   */
  public Secret hotKeySecret(Optional<HotKeyFiles> hotKeys) {
    Map<String, String> annotations = Map.of(PoolNames.ANNOTATION_FILLED_BY,
        "palisade k8s apply or the operator, from the hot-key bundle");
    SecretBuilder b = new SecretBuilder()
        .withNewMetadata().withName(names.hotKeySecret()).withNamespace(names.namespace())
        .withLabels(names.labels(spec.blockProducerRef())).withAnnotations(annotations).endMetadata()
        .withType("Opaque")
        .withImmutable(false);
    hotKeys.ifPresent(keys -> {
      Map<String, String> data = new TreeMap<>();
      for (String name : keys.names()) {
        byte[] bytes = keys.revealBytes(name);
        try {
          data.put(name, Base64.getEncoder().encodeToString(bytes));
        } finally {
          java.util.Arrays.fill(bytes, (byte) 0);
        }
      }
      b.withData(data);
    });
    return b.build();
  }

  /**
   * A StatefulSet's disruption budget. The block producer: never evicted voluntarily (drain its node by hand, after
   * checking the leader schedule). A relay region: one relay at a time.
   */
  public PodDisruptionBudget podDisruptionBudget(NodeWorkload w) {
    PodDisruptionBudgetBuilder b = new PodDisruptionBudgetBuilder()
        .withNewMetadata().withName(names.podDisruptionBudget(w.name())).withNamespace(names.namespace())
        .withLabels(names.labels(w.first())).endMetadata()
        .withNewSpec().withNewSelector().withMatchLabels(names.selector(w.first())).endSelector().endSpec();
    if (w.isBlockProducer()) {
      b.editSpec().withMinAvailable(new IntOrString(1)).endSpec();
    } else {
      b.editSpec().withMaxUnavailable(new IntOrString(1)).endSpec();
    }
    return b.build();
  }

  /** Each node's config.json as deployed. */
  public Map<NodeRef, byte[]> nodeConfigs() {
    Map<NodeRef, byte[]> out = new LinkedHashMap<>();
    for (NodeRef node : spec.nodes()) {
      out.put(node, configs.configBytes(node, statefulSets.metrics()));
    }
    return out;
  }

  /** Each node's topology.json as deployed. */
  public Map<NodeRef, byte[]> nodeTopologies() {
    TopologyRenderer topologies = TopologyRenderer.of(configs);
    Map<NodeRef, byte[]> out = new LinkedHashMap<>();
    for (NodeRef node : spec.nodes()) {
      out.put(node, topologies.topologyBytes(node, addressing()));
    }
    return out;
  }

  /** The network the pool runs on. */
  public NetworkRef network() {
    return spec.network();
  }
}
