package io.palisade.operator.model;

import io.palisade.spec.NodeVersion;
import java.util.Map;
import java.util.TreeMap;

/**
 * How one StatefulSet must look for the versions the control logic wants its pods on: the template's version, the
 * rolling-update partition (ordinals at or above it run the template) and the number of replicas.
 *
 * <p>A StatefulSet holds at most two revisions: ordinals below the partition keep the revision they had, ordinals at
 * or above it get the template. So the versions by ordinal must change at most once; the control logic's
 * {@code RolloutOrder.STATEFULSET} keeps them that way.
 *
 * @param statefulSet the StatefulSet's name
 * @param templateVersion the node version of the pod template (the highest ordinal's)
 * @param partition the rolling-update partition
 * @param replicas the number of pods
 * @param expected the version each ordinal should run, by ordinal
 */
public record WorkloadPlan(String statefulSet, NodeVersion templateVersion, int partition, int replicas,
    Map<Integer, NodeVersion> expected) {

  /** Copies the map, sorted by ordinal. */
  public WorkloadPlan {
    expected = java.util.Collections.unmodifiableMap(new TreeMap<>(expected));
  }

  /**
   * The plan for pods that should run {@code versions} (ordinal to version) on {@code replicas} pods.
   *
   * @param statefulSet the StatefulSet's name
   * @param versions the version of each ordinal below {@code replicas}
   * @param replicas how many pods
   * @param fallback the template version when there are no pods
   * @return the plan
   */
  public static WorkloadPlan of(String statefulSet, Map<Integer, NodeVersion> versions, int replicas,
      NodeVersion fallback) {
    Map<Integer, NodeVersion> expected = new TreeMap<>();
    versions.forEach((ordinal, v) -> {
      if (ordinal < replicas) {
        expected.put(ordinal, v);
      }
    });
    if (replicas == 0 || !expected.containsKey(replicas - 1)) {
      return new WorkloadPlan(statefulSet, fallback, 0, replicas, expected);
    }
    NodeVersion template = expected.get(replicas - 1);
    int partition = replicas - 1;
    while (partition > 0 && template.equals(expected.get(partition - 1))) {
      partition--;
    }
    return new WorkloadPlan(statefulSet, template, partition, replicas, expected);
  }

  /** Whether the versions by ordinal are ones a StatefulSet can hold (they change at most once). */
  public boolean realizable() {
    int changes = 0;
    NodeVersion last = null;
    for (NodeVersion v : expected.values()) {
      if (last != null && !last.equals(v)) {
        changes++;
      }
      last = v;
    }
    return changes <= 1;
  }
}
