package io.palisade.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.palisade.control.ControlState;
import io.palisade.control.MemberState;
import io.palisade.control.NodeObservation;
import io.palisade.control.NodeRuntime;
import io.palisade.control.NodeRuntimeException;
import io.palisade.control.RuntimeNode;
import io.palisade.deploy.model.PoolNames;
import io.palisade.operator.k8s.OwnedObjects;
import io.palisade.operator.model.PodObservations;
import io.palisade.operator.model.PoolDesign;
import io.palisade.operator.model.WorkloadPlan;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;

/**
 * The control logic's runtime on Kubernetes: each node is a pod of a StatefulSet (the block producer's, or its
 * region's). It is built for one pass from the pass's new control state, so every write follows from that state:
 *
 * <ul>
 *   <li>{@link #start}: the node's ConfigMap and StatefulSet as the state wants them (a relay being added raises the
 *       replicas; the StatefulSet controller creates the pod).
 *   <li>{@link #restart} with a new version: a template change plus a partition step (the StatefulSet controller
 *       replaces the pod). A rollback reverts the template (or raises the partition above the node) <em>and</em>
 *       deletes the stuck pod: a StatefulSet otherwise waits forever for it to become ready (kubernetes#67250).
 *       With the same version: the pod is deleted and recreated.
 *   <li>{@link #stop}: scales the StatefulSet below the node; a StatefulSet can only stop its highest ordinals. A
 *       relay being removed is no longer a member of the state: the runtime is told its reference.
 *   <li>{@link #setTopology}: the node's topology in its ConfigMap; for the block producer also its NetworkPolicy.
 * </ul>
 */
final class StatefulSetRuntime implements NodeRuntime {
  private final KubernetesClient client;
  private final OwnedObjects owned;
  private final PoolDesign design;
  private final ControlState state;
  private final String namespace;
  private final Map<String, NodeObservation> observed;
  /** Pod name and wanted version to how often it was deleted to reach it: bounded, so nothing loops. */
  private final ConcurrentMap<String, Integer> deletions;
  /** Relays being removed this pass: no longer members of the state, but their StatefulSet still runs them. */
  private final Map<String, NodeRef> leaving;
  /** How often a pod is deleted at most to bring it to one version (a deletion can race the controller's cache). */
  static final int MAX_DELETIONS = 3;

  StatefulSetRuntime(KubernetesClient client, OwnedObjects owned, PoolDesign design, ControlState state,
      Map<String, NodeObservation> observed, ConcurrentMap<String, Integer> deletions, Map<String, NodeRef> leaving) {
    this.client = client;
    this.owned = owned;
    this.design = design;
    this.state = state;
    this.namespace = design.names().namespace();
    this.observed = observed;
    this.deletions = deletions;
    this.leaving = Map.copyOf(leaving);
  }

  @Override
  public void start(NodeRef node, NodeVersion version) {
    String sts = design.workloadOf(node);
    write(() -> {
      owned.apply(design.configMap(sts));
      owned.apply(design.statefulSet(sts));
    }, "start " + node.name());
  }

  @Override
  public void restart(NodeRef node, NodeVersion version) {
    String sts = design.workloadOf(node);
    WorkloadPlan plan = design.plan(sts);
    if (!plan.realizable()) {
      throw new NodeRuntimeException("cannot run " + node.name() + " on " + version + ": StatefulSet " + sts
          + " would need its pods on " + plan.expected() + ", but its pods can only change version once along"
          + " their ordinals");
    }
    Pod pod = pod(node);
    NodeVersion running = pod == null ? null : PodObservations.versionOf(pod);
    write(() -> {
      owned.apply(design.configMap(sts));
      owned.apply(design.statefulSet(sts));
      if (pod != null && version.equals(running) && pod.getMetadata().getDeletionTimestamp() == null) {
        // Same version: a restart is a new pod.
        client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete();
      }
    }, "restart " + node.name());
    converge(sts);
  }

  @Override
  public void stop(String nodeName) {
    NodeRef ref = leaving.containsKey(nodeName) ? leaving.get(nodeName) : member(nodeName).ref();
    String sts = design.workloadOf(ref);
    WorkloadPlan plan = design.plan(sts);
    int ordinal = PoolNames.podOrdinal(ref);
    if (ordinal < plan.replicas()) {
      throw new NodeRuntimeException("cannot stop " + nodeName + " alone: StatefulSet " + sts + " only stops its"
          + " highest ordinals, and " + (plan.replicas() - 1 - ordinal) + " higher one(s) still run; its"
          + " pod keeps running");
    }
    write(() -> owned.apply(design.statefulSet(sts)), "stop " + nodeName);
  }

  /**
   * Nothing here: a rollout's move of forging is the Lease's switchover, which {@link ProducerLeasePass} carries out
   * in the same pass ({@link StakePoolReconciler} hands it the decision's actions before this runtime acts).
   */
  @Override
  public void moveForging(String nodeName) {
    // Carried out by ProducerLeasePass.
  }

  @Override
  public void setTopology(String nodeName, List<String> peers) {
    MemberState m = member(nodeName);
    write(() -> {
      owned.apply(design.configMap(design.workloadOf(m.ref())));
      if (m.ref().isBlockProducer()) {
        owned.apply(design.blockProducerPolicy());
      }
    }, "set the topology of " + nodeName);
  }

  @Override
  public List<RuntimeNode> list() {
    return state.members().stream().map(m -> {
      Pod pod = pod(m.ref());
      return new RuntimeNode(m.ref(), pod == null ? null : PodObservations.versionOf(pod), pod != null,
          pod == null ? null : pod.getMetadata().getName());
    }).toList();
  }

  @Override
  public Map<String, NodeObservation> observe() {
    return observed;
  }

  /**
   * Deletes the pods of {@code statefulSet} that run another version than the state wants and are not ready: the
   * StatefulSet controller would wait for them forever (kubernetes#67250); deleted, they come back on the right
   * revision. Ready pods are left to the controller's rolling update. A pod is deleted at most {@value #MAX_DELETIONS}
   * times for one version (the controller may recreate it from a stale copy of the StatefulSet once).
   *
   * @param statefulSet the StatefulSet's name
   */
  void converge(String statefulSet) {
    converge(statefulSet, client.pods().inNamespace(namespace).withLabel(PoolNames.LABEL_INSTANCE, statefulSet).list()
        .getItems());
  }

  /**
   * {@link #converge(String)} with the pods already listed.
   *
   * @param statefulSet the StatefulSet's name
   * @param pods its pods (others are ignored)
   */
  void converge(String statefulSet, List<Pod> pods) {
    WorkloadPlan plan = design.plan(statefulSet);
    for (Pod pod : pods) {
      if (pod.getMetadata().getLabels() == null
          || !statefulSet.equals(pod.getMetadata().getLabels().get(PoolNames.LABEL_INSTANCE))) {
        continue;
      }
      String name = pod.getMetadata().getName();
      int ordinal;
      try {
        ordinal = Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
      } catch (NumberFormatException e) {
        continue;
      }
      NodeVersion expected = plan.expected().get(ordinal);
      NodeVersion running = PodObservations.versionOf(pod);
      if (expected == null || running == null) {
        continue;
      }
      String key = name + "@" + expected;
      if (expected.equals(running)) {
        deletions.keySet().removeIf(k -> k.startsWith(name + "@"));
        continue;
      }
      if (PodObservations.isReady(pod) || pod.getMetadata().getDeletionTimestamp() != null
          || deletions.getOrDefault(key, 0) >= MAX_DELETIONS) {
        continue;
      }
      deletions.merge(key, 1, Integer::sum);
      write(() -> client.pods().inNamespace(namespace).withName(name).delete(),
          "delete the stuck pod " + name);
    }
  }

  private MemberState member(String name) {
    return state.member(name).orElseThrow(() -> new NodeRuntimeException("no node named " + name));
  }

  private Pod pod(NodeRef node) {
    return client.pods().inNamespace(namespace).withName(design.names().podName(node)).get();
  }

  private static void write(Runnable r, String what) {
    try {
      r.run();
    } catch (KubernetesClientException e) {
      throw new NodeRuntimeException("cannot " + what + ": " + e.getMessage(), e);
    }
  }
}
