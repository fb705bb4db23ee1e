package io.palisade.deploy.model;

import io.palisade.spec.NodeRef;
import io.palisade.spec.PoolSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every Kubernetes name, label and annotation Palisade writes for a pool, in one place: nothing else spells them.
 *
 * <p>Layout: one namespace per pool; one StatefulSet per block producer, named after the node (pod {@code <bp>-0}; a
 * standby has its own, pod {@code <standby>-0}) and one per relay region ({@code relay-<region>}, pods
 * {@code relay-<region>-<n>}, which are exactly the spec's relay node names).
 */
public final class PoolNames {
  /** Kubernetes' recommended label: the application. */
  public static final String LABEL_NAME = "app.kubernetes.io/name";
  /** Kubernetes' recommended label: the instance (the StatefulSet). */
  public static final String LABEL_INSTANCE = "app.kubernetes.io/instance";
  /** Kubernetes' recommended label: the component (block-producer or relay). */
  public static final String LABEL_COMPONENT = "app.kubernetes.io/component";
  /** Kubernetes' recommended label: the pool. */
  public static final String LABEL_PART_OF = "app.kubernetes.io/part-of";
  /** Kubernetes' recommended label: the tool that manages the object. */
  public static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
  /** The pool a pod belongs to; the anti-affinity key. */
  public static final String LABEL_POOL = "palisade.io/pool";
  /** {@link #ROLE_BLOCK_PRODUCER} or {@link #ROLE_RELAY}; what network policies select on. */
  public static final String LABEL_ROLE = "palisade.io/role";
  /** The relay region. */
  public static final String LABEL_REGION = "palisade.io/region";
  /** The value of {@link #LABEL_NAME} on node pods. */
  public static final String APP_NAME = "cardano-node";
  /** The value of {@link #LABEL_MANAGED_BY}. */
  public static final String MANAGED_BY = "palisade";
  /**
   * The value of {@link #LABEL_NAME} on the operator's pods (and the name of its service account, role and
   * Deployment): the block producers' policy admits these pods to the agents' port.
   */
  public static final String OPERATOR_NAME = "palisade-operator";
  /** Role label value of the block producer. */
  public static final String ROLE_BLOCK_PRODUCER = "block-producer";
  /** Role label value of relays. */
  public static final String ROLE_RELAY = "relay";

  /** SHA-256 of a StatefulSet's ConfigMap, on its pod template: a config change rolls the pods. */
  public static final String ANNOTATION_CONFIG_HASH = "palisade.io/config-hash";
  /** On the namespace: the private registry every image of the pool comes from (the audit checks against it). */
  public static final String ANNOTATION_REGISTRY = "palisade.io/registry";
  /** On the hot-key Secret: who fills it. */
  public static final String ANNOTATION_FILLED_BY = "palisade.io/filled-by";
  /** On a relay region's public Service: the public address of the spec. */
  public static final String ANNOTATION_PUBLIC_ADDRESS = "palisade.io/public-address";
  /** Pod Security Admission labels on the namespace. */
  public static final String PSA_ENFORCE = "pod-security.kubernetes.io/enforce";
  /** Pod Security Admission: enforce version. */
  public static final String PSA_ENFORCE_VERSION = "pod-security.kubernetes.io/enforce-version";
  /** Pod Security Admission: audit level. */
  public static final String PSA_AUDIT = "pod-security.kubernetes.io/audit";
  /** Pod Security Admission: warn level. */
  public static final String PSA_WARN = "pod-security.kubernetes.io/warn";

  /** The cardano-node container. */
  public static final String CONTAINER_NODE = "cardano-node";
  /** The health agent sidecar. */
  public static final String CONTAINER_AGENT = "agent";
  /** The leader-schedule sidecar of a block producer's pod (it reads the VRF key alone, never the KES key). */
  public static final String CONTAINER_SCHEDULE = "leader-schedule";
  /** The init container that lays out network files and hot keys. */
  public static final String CONTAINER_PREPARE = "prepare";
  /** Container port name of node-to-node. */
  public static final String PORT_NODE_TO_NODE = "node-to-node";
  /** Container port name of the agent. */
  public static final String PORT_AGENT = "agent";
  /** Container port name of the operator's {@code /metrics}. */
  public static final String PORT_OPERATOR_METRICS = "metrics";
  /** The port of the operator's {@code /metrics}: its rendered Deployment's, {@code palisade operator}'s default. */
  public static final int OPERATOR_METRICS_PORT = 8080;

  /** Volume: the chain database (PVC template). */
  public static final String VOLUME_DB = "db";
  /** Volume: the StatefulSet's ConfigMap. */
  public static final String VOLUME_CONFIG = "config";
  /** Volume: config, topology, genesis, checkpoints and snapshot as the node reads them. */
  public static final String VOLUME_NETWORK = "network";
  /** Volume: the node-to-client socket. */
  public static final String VOLUME_IPC = "ipc";
  /** Volume: scratch space. */
  public static final String VOLUME_TMP = "tmp";
  /** Volume: the hot-key Secret (seen only by the init container). */
  public static final String VOLUME_HOT_KEY_SECRET = "hot-key-secret";
  /** Volume: the hot keys as the node reads them (memory, mode 0400). */
  public static final String VOLUME_HOT_KEYS = "hot-keys";
  /** Volume: a producer's own forging Secret (pools with a standby), seen only by the init container. */
  public static final String VOLUME_FORGING_SECRET = "forging-secret";
  /** Volume: the operational certificate alone, projected from the hot-key Secret for the agent. */
  public static final String VOLUME_OPCERT = "opcert";

  /** Volume: the leader-schedule files the schedule sidecar writes and the agent serves (emptyDir). */
  public static final String VOLUME_LEADER_SCHEDULE = "leader-schedule";
  /** Volume: the VRF signing key alone (and the certificate), projected for the schedule sidecar. */
  public static final String VOLUME_SCHEDULE_KEY = "schedule-vrf-key";

  /** ConfigMap key of config.json. */
  public static final String CONFIG_KEY = "config.json";

  private final PoolSpec spec;

  /** @param spec the pool */
  public PoolNames(PoolSpec spec) {
    this.spec = spec;
  }

  /** The pool's namespace: {@code <pool>-pool}. */
  public String namespace() {
    return namespaceOf(spec.name());
  }

  /**
   * The namespace a pool gets when none is named: {@code <pool>-pool} (what the commands that find a StakePool by
   * its name assume).
   *
   * @param poolName the pool's (StakePool's) name
   * @return its default namespace
   */
  public static String namespaceOf(String poolName) {
    return poolName + "-pool";
  }

  /** The ServiceAccount node pods run as (no token is mounted). */
  public String serviceAccount() {
    return "cardano-node";
  }

  /** The block producer's StatefulSet; also its ClusterIP Service. */
  public String blockProducerStatefulSet() {
    return spec.blockProducer().name();
  }

  /** A relay region's StatefulSet; also its headless Service. */
  public String relayStatefulSet(String region) {
    return "relay-" + region;
  }

  /**
   * The StatefulSet that runs {@code node}: a block producer's (the main one or its standby) is named after the node,
   * so each producer has its own StatefulSet, Service and pod.
   */
  public String statefulSet(NodeRef node) {
    return node.isBlockProducer() ? node.name() : relayStatefulSet(node.region());
  }

  /** The ordinal of {@code node}'s pod in its StatefulSet: 0 for a producer (alone in its own), else its ordinal. */
  public static int podOrdinal(NodeRef node) {
    return node.isBlockProducer() ? 0 : node.ordinal();
  }

  /** Whether the pool has a standby producer: then forging credentials go only to the lease holder. */
  public boolean hasStandby() {
    return spec.standbyRef().isPresent();
  }

  /**
   * A producer's own forging Secret, {@code <pool>-<node>-forging}, in a pool with a standby: it exists only while the
   * producer holds the producer lease (the operator creates it from the hot-key Secret and deletes it to fence).
   */
  public String forgingSecret(NodeRef producer) {
    return spec.name() + "-" + producer.name() + "-forging";
  }

  /** The {@code coordination.k8s.io} Lease naming the producer that may forge: {@code <pool>-producer}. */
  public String producerLease() {
    return spec.name() + "-producer";
  }

  /** The Service that governs a StatefulSet (same name). */
  public String governingService(String statefulSet) {
    return statefulSet;
  }

  /** A relay region's public LoadBalancer Service. */
  public String publicService(String region) {
    return relayStatefulSet(region) + "-public";
  }

  /** A StatefulSet's ConfigMap. */
  public String configMap(String statefulSet) {
    return statefulSet + "-config";
  }

  /** A StatefulSet's PodDisruptionBudget. */
  public String podDisruptionBudget(String statefulSet) {
    return statefulSet;
  }

  /** The Secret holding the block producer's hot keys. */
  public String hotKeySecret() {
    return spec.keys() != null && spec.keys().secretName() != null ? spec.keys().secretName()
        : spec.name() + "-hot-keys";
  }

  /** The namespace-wide default-deny NetworkPolicy. */
  public String defaultDenyPolicy() {
    return "default-deny";
  }

  /** The block producer's NetworkPolicy. */
  public String blockProducerPolicy() {
    return blockProducerStatefulSet() + "-network";
  }

  /** The relays' NetworkPolicy. */
  public String relayPolicy() {
    return "relays-network";
  }

  /** The pod that runs {@code node}. */
  public String podName(NodeRef node) {
    return node.isBlockProducer() ? statefulSet(node) + "-0" : node.name();
  }

  /**
   * The volume claim holding {@code node}'s chain database: the StatefulSet controller names a pod's claim
   * {@code <template>-<pod>}, the template being {@value #VOLUME_DB}.
   */
  public String volumeClaim(NodeRef node) {
    return VOLUME_DB + "-" + podName(node);
  }

  /** The ConfigMap key of {@code node}'s topology. */
  public String topologyKey(NodeRef node) {
    return podName(node) + ".topology.json";
  }

  /** The role label value of {@code node}. */
  public static String role(NodeRef node) {
    return node.isBlockProducer() ? ROLE_BLOCK_PRODUCER : ROLE_RELAY;
  }

  /** The labels selecting a StatefulSet's pods. */
  public Map<String, String> selector(NodeRef node) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(LABEL_POOL, spec.name());
    labels.put(LABEL_ROLE, role(node));
    labels.put(LABEL_INSTANCE, statefulSet(node));
    return labels;
  }

  /** Every label of a StatefulSet, its pods and its other objects. */
  public Map<String, String> labels(NodeRef node) {
    Map<String, String> labels = poolLabels();
    labels.put(LABEL_NAME, APP_NAME);
    labels.put(LABEL_INSTANCE, statefulSet(node));
    labels.put(LABEL_COMPONENT, role(node));
    labels.put(LABEL_ROLE, role(node));
    if (!node.isBlockProducer()) {
      labels.put(LABEL_REGION, node.region());
    }
    return labels;
  }

  /** The labels every object of the pool carries. */
  public Map<String, String> poolLabels() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(LABEL_PART_OF, spec.name());
    labels.put(LABEL_MANAGED_BY, MANAGED_BY);
    labels.put(LABEL_POOL, spec.name());
    return labels;
  }
}
