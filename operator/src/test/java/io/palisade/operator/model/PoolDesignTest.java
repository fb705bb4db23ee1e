package io.palisade.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.palisade.control.ControlState;
import io.palisade.control.DesiredPool;
import io.palisade.control.MemberState;
import io.palisade.control.PoolController;
import io.palisade.control.RolloutOrder;
import io.palisade.deploy.model.PoolNames;
import io.palisade.deploy.model.RenderOptions;
import io.palisade.operator.reconcile.OperatorOptions;
import io.palisade.operator.testing.TestPools;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.NodeVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The objects for a control state: deploy's render with the control logic's parts laid over it. */
class PoolDesignTest {
  static final NodeVersion V1 = NodeVersion.parse(TestPools.V1);
  static final NodeVersion V2 = NodeVersion.parse(TestPools.V2);
  static final LoadedPoolSpec LOADED = PoolSpecCheck.check(TestPools.stakePool(), RenderOptions.defaults());
  static final Map<String, String> IMAGES = Map.of(TestPools.V2, TestPools.image(TestPools.V2));

  /** The state after the first pass: every node started, every topology set. */
  static ControlState started() {
    return new PoolController(OperatorOptions.KUBERNETES_HEALING, RolloutOrder.STATEFULSET)
        .decide(DesiredPool.fromSpec(LOADED.spec()), Map.of(), null, Instant.parse("2026-01-01T00:00:00Z")).state();
  }

  static ControlState with(ControlState s, String node, UnaryOperator<MemberState> change) {
    return s.withMember(node, change);
  }

  static MemberState at(MemberState m, NodeVersion v) {
    return m.withVersion(v);
  }

  static MemberState withPeers(MemberState m, List<String> peers) {
    return m.withTopology(peers);
  }

  @Test
  void startedPool_templatesOnItsVersion_partitionZero() {
    PoolDesign d = new PoolDesign(LOADED, RenderOptions.defaults(), started(), Map.of());
    StatefulSet sts = d.statefulSet("relay-region-a");
    assertThat(sts.getSpec().getReplicas()).isEqualTo(2);
    assertThat(sts.getSpec().getUpdateStrategy().getRollingUpdate().getPartition()).isZero();
    assertThat(sts.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(PoolDesign.ANNOTATION_NODE_VERSION, TestPools.V1);
    assertThat(d.objects()).extracting(HasMetadata::getKind).doesNotContain("Namespace", "Secret")
        .contains("StatefulSet", "ConfigMap", "Service", "NetworkPolicy", "PodDisruptionBudget", "ServiceAccount");
  }

  // The highest ordinal upgraded: the template moves to V2 with that image, the partition stays above the rest.
  @Test
  void upgradeStep_isATemplateChangePlusAPartition() {
    ControlState s = with(started(), "relay-region-a-1", m -> at(m, V2));
    PoolDesign d = new PoolDesign(LOADED, RenderOptions.defaults(), s, IMAGES);
    StatefulSet sts = d.statefulSet("relay-region-a");
    assertThat(sts.getSpec().getUpdateStrategy().getRollingUpdate().getPartition()).isEqualTo(1);
    assertThat(sts.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(PoolDesign.ANNOTATION_NODE_VERSION, TestPools.V2);
    assertThat(sts.getSpec().getTemplate().getSpec().getContainers()).filteredOn(c -> c.getName().equals(
        PoolNames.CONTAINER_NODE)).singleElement().satisfies(c -> assertThat(c.getImage()).contains(
            TestPools.image(TestPools.V2).substring(TestPools.image(TestPools.V2).indexOf('@'))));
    assertThat(d.plan("relay-region-a").expected()).containsExactly(Map.entry(0, V1), Map.entry(1, V2));
    // Other StatefulSets are untouched.
    assertThat(d.statefulSet("relay-region-b").getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(PoolDesign.ANNOTATION_NODE_VERSION, TestPools.V1);
  }

  @Test
  void versionWithoutAKnownImage_isAnError() {
    ControlState s = with(started(), "relay-region-a-1", m -> at(m, NodeVersion.parse("10.5.9")));
    PoolDesign d = new PoolDesign(LOADED, RenderOptions.defaults(), s, IMAGES);
    assertThatThrownBy(() -> d.statefulSet("relay-region-a")).isInstanceOf(InvalidStakePoolException.class)
        .hasMessageContaining("no image is known for node version 10.5.9");
  }

  // The block producer's topology and policy hold exactly its peers; a topology change never changes the pod template
  // (no uncontrolled restart), only the ConfigMap.
  @Test
  void blockProducerPeers_inTopologyAndPolicy_withoutTouchingTheTemplate() {
    ControlState s = started();
    ControlState fewer = with(s, "block-producer", m -> withPeers(m, List.of("relay-region-a-0")));
    PoolDesign all = new PoolDesign(LOADED, RenderOptions.defaults(), s, Map.of());
    PoolDesign one = new PoolDesign(LOADED, RenderOptions.defaults(), fewer, Map.of());

    String topology = one.configMap("block-producer").getData().get("block-producer-0.topology.json");
    assertThat(topology).contains("relay-region-a-0.relay-region-a.tpool-pool.svc.cluster.local")
        .doesNotContain("relay-region-a-1.").contains("\"hotValency\": 1");
    NetworkPolicy policy = one.blockProducerPolicy();
    assertThat(policy.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchExpressions())
        .singleElement().satisfies(e -> {
          assertThat(e.getKey()).isEqualTo(PoolDesign.LABEL_POD_NAME);
          assertThat(e.getValues()).containsExactly("relay-region-a-0");
        });
    assertThat(policy.getSpec().getEgress().get(0).getTo().get(0).getPodSelector().getMatchExpressions())
        .singleElement().satisfies(e -> assertThat(e.getValues()).containsExactly("relay-region-a-0"));
    assertThat(all.blockProducerPolicy().getSpec().getIngress().get(0).getFrom().get(0).getPodSelector()
        .getMatchExpressions().get(0).getValues()).containsExactly("relay-region-a-0", "relay-region-a-1",
            "relay-region-b-0");
    assertThat(one.statefulSet("block-producer")).isEqualTo(all.statefulSet("block-producer"));
    ConfigMap before = all.configMap("block-producer");
    assertThat(before.getData().get("block-producer-0.topology.json")).isNotEqualTo(topology);
  }

  // A failed node at the top of its StatefulSet is stopped by scaling below it.
  @Test
  void failedHighestOrdinal_isScaledAway() {
    ControlState s = with(started(), "relay-region-a-1", m -> m.withPhase(MemberState.Phase.FAILED).withAdmitted(false)
        .withFailures(1, "never ready"));
    PoolDesign d = new PoolDesign(LOADED, RenderOptions.defaults(), s, Map.of());
    assertThat(d.statefulSet("relay-region-a").getSpec().getReplicas()).isEqualTo(1);
  }
}
