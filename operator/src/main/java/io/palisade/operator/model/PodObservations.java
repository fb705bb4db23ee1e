package io.palisade.operator.model;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.palisade.control.HealthState;
import io.palisade.control.NodeObservation;
import io.palisade.deploy.model.PoolNames;
import io.palisade.spec.NodeRef;
import io.palisade.spec.NodeVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the control logic sees of each node on Kubernetes: its pod. The kubelet owns liveness (it restarts a container
 * the agent's {@code /livez} fails), so a pod that exists is always "live" here; readiness is the pod's Ready
 * condition, which the agent's {@code /readyz} (synced, enough peers, valid KES) decides; the version is the pod
 * template's {@value PoolDesign#ANNOTATION_NODE_VERSION}. A missing or terminating pod is starting: its StatefulSet
 * brings it back.
 */
public final class PodObservations {
  private PodObservations() {}

  /**
   * Observes every node.
   *
   * @param nodes the nodes
   * @param names the pool's names
   * @param pods the pool's pods
   * @param now the observation time
   * @return node name to observation
   */
  public static Map<String, NodeObservation> observe(List<NodeRef> nodes, PoolNames names, List<Pod> pods,
      Instant now) {
    Map<String, Pod> byName = new LinkedHashMap<>();
    pods.forEach(p -> byName.put(p.getMetadata().getName(), p));
    Map<String, NodeObservation> out = new LinkedHashMap<>();
    for (NodeRef n : nodes) {
      out.put(n.name(), observe(n.name(), names.podName(n), byName.get(names.podName(n)), now));
    }
    return out;
  }

  /**
   * Observes one node through its pod.
   *
   * @param node the node's name
   * @param podName its pod's name
   * @param pod the pod, or null if there is none
   * @param now the observation time
   * @return the observation
   */
  public static NodeObservation observe(String node, String podName, Pod pod, Instant now) {
    // A missing or terminating pod is the StatefulSet controller's to bring back, not a failure for the control logic
    // to heal: it is reported as starting (and never ready), so a pod being replaced counts against a step's
    // deadline but never triggers a restart of its own.
    if (pod == null) {
      return new NodeObservation(node, now, true, false, true, false, HealthState.STARTING, null, null, null,
          List.of("no pod " + podName + " yet (its StatefulSet creates it)"));
    }
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      return new NodeObservation(node, now, true, false, true, false, HealthState.STARTING, null, null, null,
          List.of("pod " + podName + " is terminating (its StatefulSet recreates it)"));
    }
    boolean ready = isReady(pod);
    List<String> reasons = new ArrayList<>();
    String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending"
        : pod.getStatus().getPhase();
    reasons.add("pod " + phase + (ready ? ", Ready" : ", not Ready"));
    Optional<ContainerStatus> container = nodeContainer(pod);
    boolean started = ready || container.map(c -> Boolean.TRUE.equals(c.getStarted())).orElse(false);
    String waiting = container.map(ContainerStatus::getState).filter(s -> s.getWaiting() != null)
        .map(s -> s.getWaiting().getReason()).orElse(null);
    if (waiting != null) {
      reasons.add(PoolNames.CONTAINER_NODE + " waiting: " + waiting);
    }
    readyMessage(pod).ifPresent(reasons::add);
    HealthState state = ready ? HealthState.SYNCED
        : waiting != null && waiting.contains("BackOff") ? HealthState.DOWN
        : "Failed".equals(phase) ? HealthState.DOWN
        : started ? HealthState.SYNCING : HealthState.STARTING;
    return new NodeObservation(node, now, !"Failed".equals(phase), started, true, ready, state, versionOf(pod),
        null, null, reasons);
  }

  /**
   * The node image each version runs in, as the pods show it (version annotation and the cardano-node container's
   * image): what a rollback or an adoption can restore even when the spec and the status no longer name it.
   *
   * @param pods the pool's pods
   * @return version text to image reference
   */
  public static Map<String, String> imagesOf(List<Pod> pods) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (Pod p : pods) {
      NodeVersion v = versionOf(p);
      if (v == null || p.getSpec() == null || p.getSpec().getContainers() == null) {
        continue;
      }
      p.getSpec().getContainers().stream().filter(c -> PoolNames.CONTAINER_NODE.equals(c.getName())
          && c.getImage() != null).findFirst().ifPresent(c -> out.putIfAbsent(v.toString(), c.getImage()));
    }
    return out;
  }

  /** Whether the pod's Ready condition is True. */
  public static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** The node version the pod's template runs, if it says. */
  public static NodeVersion versionOf(Pod pod) {
    Map<String, String> a = pod.getMetadata().getAnnotations();
    String v = a == null ? null : a.get(PoolDesign.ANNOTATION_NODE_VERSION);
    try {
      return v == null ? null : NodeVersion.parse(v);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Optional<ContainerStatus> nodeContainer(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(c -> PoolNames.CONTAINER_NODE.equals(c.getName())).findFirst();
  }

  private static Optional<String> readyMessage(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()) && !"True".equals(c.getStatus()) && c.getMessage() != null)
        .map(c -> c.getMessage()).findFirst();
  }
}
