package io.palisade.deploy.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.palisade.spec.NodeRef;
import io.palisade.spec.PoolSpec;
import io.palisade.spec.ResourceAmounts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link NodeWorkload} as a ConfigMap (config.json and each pod's topology) and a StatefulSet: an init
 * container that lays out the node's files (and, on the block producer, copies the hot keys into memory with the
 * permissions cardano-node demands), the node, and the health agent beside it; in a block producer's pod also the
 * leader-schedule sidecar ({@link ScheduleSidecar}), whose files the agent serves.
 *
 * <p>A pool with a standby has two producer StatefulSets. Neither reads the pool's hot-key Secret: each copies its
 * keys from its own forging Secret ({@link PoolNames#forgingSecret}), which the operator creates only for the holder
 * of the producer lease. The standby (and a former holder) therefore starts without credential files, which
 * cardano-node answers by starting non-producing. Both agents watch a producer ({@code --role block-producer}) and get
 * the operational certificate alone from the hot-key Secret, never the KES or VRF key.
 */
public final class NodeStatefulSets {
  /** Where the ConfigMap is mounted in the init container. */
  public static final String CONFIG_DIR = "/config";
  /** Where config, topology and network files are laid out; the node reads them here. */
  public static final String NETWORK_DIR = "/network";
  /** The chain database volume's mount point. */
  public static final String DATA_DIR = "/data";
  /** The node-to-client socket's directory; never exposed on the network. */
  public static final String IPC_DIR = "/ipc";
  /** Where the hot-key Secret is mounted in the init container. */
  public static final String HOT_KEY_SECRET_DIR = "/secrets/hot-keys";
  /** Where the node reads its hot keys (memory-backed, mode 0400, owned by the node user). */
  public static final String HOT_KEYS_DIR = "/hot-keys";
  /** The node binary in Palisade's cardano-node image. */
  public static final String NODE_BINARY = "/usr/local/bin/cardano-node";

  private final PoolSpec spec;
  private final PoolNames names;
  private final RenderOptions options;
  private final NodeConfigRenderer configs;
  private final TopologyRenderer topologies;
  private final PeerAddressing addressing;
  private final NodeDefaults defaults;
  private final AgentSidecar agent;
  private final ScheduleSidecar schedule;

  /**
   * @param spec the pool
   * @param configs the config renderer
   * @param options cluster facts
   */
  public NodeStatefulSets(PoolSpec spec, NodeConfigRenderer configs, RenderOptions options) {
    this.spec = spec;
    this.names = new PoolNames(spec);
    this.options = options;
    this.configs = configs;
    this.topologies = TopologyRenderer.of(configs);
    this.addressing = new KubernetesPeerAddressing(spec, options.clusterDomain());
    this.defaults = NodeDefaults.forSpec(spec);
    this.agent = new AgentSidecar(spec, metrics());
    this.schedule = new ScheduleSidecar(spec);
  }

  /** How pool nodes reach each other in the cluster. */
  public PeerAddressing addressing() {
    return addressing;
  }

  /** The metrics binding of every node pod: loopback, read by the agent in the same pod. */
  public MetricsBinding metrics() {
    return MetricsBinding.loopback(spec.ports());
  }

  /** The workload's ConfigMap: config.json, then each pod's topology. */
  public ConfigMap configMap(NodeWorkload w) {
    Map<String, String> data = new TreeMap<>();
    data.put(PoolNames.CONFIG_KEY, new String(configs.configBytes(w.first(), metrics()), StandardCharsets.UTF_8));
    for (NodeRef node : w.nodes()) {
      data.put(names.topologyKey(node),
          new String(topologies.topologyBytes(node, addressing), StandardCharsets.UTF_8));
    }
    return new ConfigMapBuilder()
        .withNewMetadata().withName(names.configMap(w.name())).withNamespace(names.namespace())
        .withLabels(names.labels(w.first())).endMetadata()
        .withData(data)
        .build();
  }

  /** The workload's StatefulSet; {@code config} is its ConfigMap (hashed onto the pod template). */
  public StatefulSet statefulSet(NodeWorkload w, ConfigMap config) {
    String nodeImage = ImagePolicy.pinned(spec, spec.node().image(), "node.image");
    String palisadeImage = ImagePolicy.pinned(spec, spec.palisade() == null ? null : spec.palisade().image(),
        "palisade.image");
    NodeRef first = w.first();
    List<Volume> volumes = new ArrayList<>(List.of(
        new VolumeBuilder().withName(PoolNames.VOLUME_CONFIG).withNewConfigMap().withName(config.getMetadata()
            .getName()).withDefaultMode(0444).endConfigMap().build(),
        emptyDir(PoolNames.VOLUME_NETWORK, "64Mi", null),
        emptyDir(PoolNames.VOLUME_IPC, "16Mi", null),
        emptyDir(PoolNames.VOLUME_TMP, "1Gi", null)));
    if (w.isBlockProducer() && names.hasStandby()) {
      // With a standby, each producer reads its own forging Secret, which exists only while it holds the producer
      // lease (docs/standby.md): optional, so a producer without the lease starts, keyless and non-producing.
      volumes.add(new VolumeBuilder().withName(PoolNames.VOLUME_FORGING_SECRET).withNewSecret()
          .withSecretName(names.forgingSecret(first)).withOptional(true).withDefaultMode(0440).endSecret().build());
      volumes.add(emptyDir(PoolNames.VOLUME_HOT_KEYS, "1Mi", "Memory"));
    } else if (w.isBlockProducer()) {
      volumes.add(new VolumeBuilder().withName(PoolNames.VOLUME_HOT_KEY_SECRET).withNewSecret()
          .withSecretName(names.hotKeySecret()).withDefaultMode(0440).endSecret().build());
      // Memory-backed: the hot keys never reach the host's disk.
      volumes.add(emptyDir(PoolNames.VOLUME_HOT_KEYS, "1Mi", "Memory"));
    }
    AgentSidecar.Watching watching = AgentSidecar.Watching.node(first, names);
    agent.opcertVolume(watching).ifPresent(volumes::add);
    List<Container> containers = new ArrayList<>(List.of(node(w, nodeImage),
        agent.container(palisadeImage, watching, w.isBlockProducer())));
    if (w.isBlockProducer()) {
      // The schedule sidecar (the producer's and the standby's): the operator's leader-aware maintenance reads it.
      volumes.add(schedule.scheduleVolume());
      volumes.add(schedule.keyVolume(schedule.keySecret(first)));
      containers.add(schedule.container(palisadeImage));
    }
    List<LocalObjectReference> pullSecrets = spec.registry().pullSecret() == null ? List.of()
        : List.of(new LocalObjectReference(spec.registry().pullSecret()));
    Map<String, String> selector = names.selector(first);
    return new StatefulSetBuilder()
        .withNewMetadata().withName(w.name()).withNamespace(names.namespace()).withLabels(names.labels(first))
        .endMetadata()
        .withNewSpec()
        .withServiceName(names.governingService(w.name()))
        .withReplicas(w.nodes().size())
        .withPodManagementPolicy("OrderedReady")
        .withNewUpdateStrategy().withType("RollingUpdate").withNewRollingUpdate().withPartition(0).endRollingUpdate()
        .endUpdateStrategy()
        .withRevisionHistoryLimit(10)
        // A chain database is hours of work: scaling down or deleting the StatefulSet keeps the volumes.
        .withNewPersistentVolumeClaimRetentionPolicy().withWhenDeleted("Retain").withWhenScaled("Retain")
        .endPersistentVolumeClaimRetentionPolicy()
        .withSelector(new LabelSelectorBuilder().withMatchLabels(selector).build())
        .withNewTemplate()
        .withNewMetadata().withLabels(names.labels(first))
        .withAnnotations(Map.of(PoolNames.ANNOTATION_CONFIG_HASH, sha256(config.getData()))).endMetadata()
        .withNewSpec()
        .withServiceAccountName(names.serviceAccount())
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withHostNetwork(false).withHostPID(false).withHostIPC(false)
        .withSecurityContext(SecurityContexts.pod())
        .withTerminationGracePeriodSeconds(defaults.terminationGrace().toSeconds())
        .withImagePullSecrets(pullSecrets)
        .withInitContainers(prepare(w, palisadeImage))
        .withContainers(containers)
        .withVolumes(volumes)
        .withNewAffinity()
        .withNewPodAntiAffinity()
        // No two nodes of the pool share a machine: one host failure takes at most one node.
        .addNewRequiredDuringSchedulingIgnoredDuringExecution()
        .withTopologyKey("kubernetes.io/hostname")
        .withNewLabelSelector().withMatchLabels(Map.of(PoolNames.LABEL_POOL, spec.name())).endLabelSelector()
        .endRequiredDuringSchedulingIgnoredDuringExecution()
        .endPodAntiAffinity()
        .withNodeAffinity(w.relayGroup().map(g -> new io.fabric8.kubernetes.api.model.NodeAffinityBuilder()
            .withNewRequiredDuringSchedulingIgnoredDuringExecution()
            .addNewNodeSelectorTerm().addNewMatchExpression().withKey(options.regionLabel()).withOperator("In")
            .withValues(g.region()).endMatchExpression().endNodeSelectorTerm()
            .endRequiredDuringSchedulingIgnoredDuringExecution().build()).orElse(null))
        .endAffinity()
        .withTopologySpreadConstraints(new TopologySpreadConstraintBuilder()
            .withMaxSkew(1).withTopologyKey("topology.kubernetes.io/zone").withWhenUnsatisfiable("DoNotSchedule")
            .withNewLabelSelector().withMatchLabels(selector).endLabelSelector().build())
        .endSpec()
        .endTemplate()
        .withVolumeClaimTemplates(claim(w))
        .endSpec()
        .build();
  }

  private Container prepare(NodeWorkload w, String image) {
    List<String> args = new ArrayList<>(List.of("prepare-node",
        "--network", spec.network().toString(),
        "--node-version", spec.node().version().toString(),
        "--role", PoolNames.role(w.first()),
        "--config", CONFIG_DIR + "/" + PoolNames.CONFIG_KEY,
        // Kubernetes expands $(POD_NAME): each relay of a region picks its own topology.
        "--topology", CONFIG_DIR + "/$(POD_NAME).topology.json",
        "--out", NETWORK_DIR));
    List<VolumeMount> mounts = new ArrayList<>(List.of(
        mount(PoolNames.VOLUME_CONFIG, CONFIG_DIR, true),
        mount(PoolNames.VOLUME_NETWORK, NETWORK_DIR, false),
        mount(PoolNames.VOLUME_TMP, "/tmp", false)));
    if (w.isBlockProducer()) {
      args.addAll(List.of("--hot-keys-from", HOT_KEY_SECRET_DIR, "--hot-keys-out", HOT_KEYS_DIR));
      if (names.hasStandby()) {
        // Only the lease holder's forging Secret exists: without it, no key is laid out and the node starts
        // non-producing (cardano-node disables forging when its credential files are absent).
        args.add("--hot-keys-optional");
      }
      mounts.add(mount(names.hasStandby() ? PoolNames.VOLUME_FORGING_SECRET : PoolNames.VOLUME_HOT_KEY_SECRET,
          HOT_KEY_SECRET_DIR, true));
      mounts.add(mount(PoolNames.VOLUME_HOT_KEYS, HOT_KEYS_DIR, false));
    }
    return new ContainerBuilder()
        .withName(PoolNames.CONTAINER_PREPARE)
        .withImage(image)
        .withImagePullPolicy("IfNotPresent")
        .withArgs(args)
        .withEnv(podName())
        .withSecurityContext(SecurityContexts.container())
        .withResources(resources("50m", "1", "256Mi", "256Mi", "64Mi", "256Mi"))
        .withVolumeMounts(mounts)
        .build();
  }

  private Container node(NodeWorkload w, String image) {
    List<String> args = new ArrayList<>(List.of("run",
        "--config", NETWORK_DIR + "/" + PoolNames.CONFIG_KEY,
        "--topology", NETWORK_DIR + "/topology.json",
        "--database-path", DATA_DIR + "/db",
        "--socket-path", IPC_DIR + "/node.socket",
        "--host-addr", "0.0.0.0",
        "--port", String.valueOf(spec.ports().nodeToNode())));
    List<VolumeMount> mounts = new ArrayList<>(List.of(
        mount(PoolNames.VOLUME_DB, DATA_DIR, false),
        mount(PoolNames.VOLUME_NETWORK, NETWORK_DIR, true),
        mount(PoolNames.VOLUME_IPC, IPC_DIR, false),
        mount(PoolNames.VOLUME_TMP, "/tmp", false)));
    if (w.isBlockProducer()) {
      args.addAll(List.of(
          "--shelley-kes-key", HOT_KEYS_DIR + "/" + HotKeyFiles.KES_SKEY,
          "--shelley-vrf-key", HOT_KEYS_DIR + "/" + HotKeyFiles.VRF_SKEY,
          "--shelley-operational-certificate", HOT_KEYS_DIR + "/" + HotKeyFiles.NODE_CERT));
      mounts.add(mount(PoolNames.VOLUME_HOT_KEYS, HOT_KEYS_DIR, true));
    }
    int agentPort = spec.ports().agent();
    return new ContainerBuilder()
        .withName(PoolNames.CONTAINER_NODE)
        .withImage(image)
        .withImagePullPolicy("IfNotPresent")
        .withCommand(NODE_BINARY)
        .withArgs(args)
        .addNewPort().withName(PoolNames.PORT_NODE_TO_NODE).withContainerPort(spec.ports().nodeToNode())
        .withProtocol("TCP").endPort()
        .withSecurityContext(SecurityContexts.container())
        .withResources(nodeResources(w))
        .withStartupProbe(Probes.startup(agentPort, defaults.startupBudget()))
        .withLivenessProbe(Probes.liveness(agentPort))
        .withReadinessProbe(Probes.readiness(agentPort))
        .withVolumeMounts(mounts)
        .build();
  }

  /** The node's requests and limits: the spec's where given, the network's defaults elsewhere. */
  ResourceRequirements nodeResources(NodeWorkload w) {
    ResourceAmounts req = w.resources() == null ? null : w.resources().requests();
    ResourceAmounts lim = w.resources() == null ? null : w.resources().limits();
    io.palisade.spec.Quantity cpuReq = req != null && req.cpu() != null ? req.cpu() : defaults.cpuRequest();
    io.palisade.spec.Quantity memReq = req != null && req.memory() != null ? req.memory() : defaults.memory();
    io.palisade.spec.Quantity cpuLim = lim != null && lim.cpu() != null ? lim.cpu() : max(defaults.cpuLimit(), cpuReq);
    io.palisade.spec.Quantity memLim = lim != null && lim.memory() != null ? lim.memory() : max(defaults.memory(), memReq);
    return resources(cpuReq.text(), cpuLim.text(), memReq.text(), memLim.text(), "1Gi", "4Gi");
  }

  private static io.palisade.spec.Quantity max(io.palisade.spec.Quantity a, io.palisade.spec.Quantity b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static ResourceRequirements resources(String cpuReq, String cpuLim, String memReq, String memLim,
      String diskReq, String diskLim) {
    return new ResourceRequirementsBuilder()
        .withRequests(new TreeMap<>(Map.of("cpu", new Quantity(cpuReq), "memory", new Quantity(memReq),
            "ephemeral-storage", new Quantity(diskReq))))
        .withLimits(new TreeMap<>(Map.of("cpu", new Quantity(cpuLim), "memory", new Quantity(memLim),
            "ephemeral-storage", new Quantity(diskLim))))
        .build();
  }

  private PersistentVolumeClaim claim(NodeWorkload w) {
    String size = w.storage() != null && w.storage().size() != null ? w.storage().size().text() : "300Gi";
    String storageClass = w.storage() == null ? null : w.storage().storageClass();
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName(PoolNames.VOLUME_DB).withLabels(names.labels(w.first())).endMetadata()
        .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName(storageClass)
        .withNewResources().withRequests(Map.of("storage", new Quantity(size))).endResources()
        .endSpec()
        .build();
  }

  private static EnvVar podName() {
    return new EnvVarBuilder().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
        .endFieldRef().endValueFrom().build();
  }

  private static Volume emptyDir(String name, String size, String medium) {
    return new VolumeBuilder().withName(name).withNewEmptyDir().withMedium(medium).withSizeLimit(new Quantity(size))
        .endEmptyDir().build();
  }

  private static VolumeMount mount(String volume, String path, boolean readOnly) {
    return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(readOnly).build();
  }

  /** SHA-256 of a ConfigMap's data, keys sorted: stable across runs. */
  static String sha256(Map<String, String> data) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, String> e : new TreeMap<>(data).entrySet()) {
        digest.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(e.getValue().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
