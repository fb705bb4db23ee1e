package io.palisade.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.spec.NodeVersion;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Versions by ordinal to a StatefulSet's template and partition. */
class WorkloadPlanTest {
  static final NodeVersion C = NodeVersion.parse("10.5.3");
  static final NodeVersion T = NodeVersion.parse("10.5.4");

  @Test
  void uniform_partitionZero() {
    WorkloadPlan p = WorkloadPlan.of("s", Map.of(0, C, 1, C, 2, C), 3, T);
    assertThat(p.templateVersion()).isEqualTo(C);
    assertThat(p.partition()).isZero();
    assertThat(p.realizable()).isTrue();
  }

  @Test
  void upgradeInProgress_partitionAtTheChange() {
    WorkloadPlan p = WorkloadPlan.of("s", Map.of(0, C, 1, T, 2, T), 3, C);
    assertThat(p.templateVersion()).isEqualTo(T);
    assertThat(p.partition()).isEqualTo(1);
  }

  @Test
  void rollbackOfACompletedSet_isAnUpdateBack() {
    WorkloadPlan p = WorkloadPlan.of("s", Map.of(0, T, 1, T, 2, C), 3, C);
    assertThat(p.templateVersion()).isEqualTo(C);
    assertThat(p.partition()).isEqualTo(2);
  }

  @Test
  void twoChanges_areNotRealizable() {
    assertThat(WorkloadPlan.of("s", Map.of(0, C, 1, T, 2, C), 3, C).realizable()).isFalse();
  }

  @Test
  void noPods() {
    WorkloadPlan p = WorkloadPlan.of("s", Map.of(), 0, C);
    assertThat(p.replicas()).isZero();
    assertThat(p.templateVersion()).isEqualTo(C);
  }

  // Whatever the split point, ordinals at or above the partition run the template, those below the other version.
  @Property
  void partition_splitsExactlyWhereTheVersionChanges(@ForAll @IntRange(min = 1, max = 12) int replicas,
      @ForAll @IntRange(min = 0, max = 12) int split) {
    int k = Math.min(split, replicas);
    Map<Integer, NodeVersion> v = new java.util.TreeMap<>();
    for (int i = 0; i < replicas; i++) {
      v.put(i, i < k ? C : T);
    }
    WorkloadPlan p = WorkloadPlan.of("s", v, replicas, C);
    assertThat(p.realizable()).isTrue();
    for (int i = 0; i < replicas; i++) {
      assertThat(i >= p.partition() ? p.templateVersion() : C).isEqualTo(v.get(i));
    }
  }
}
