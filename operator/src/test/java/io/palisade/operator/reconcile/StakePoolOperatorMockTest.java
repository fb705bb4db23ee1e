package io.palisade.operator.reconcile;

import static io.palisade.operator.testing.TestPools.BAD;
import static io.palisade.operator.testing.TestPools.NAME;
import static io.palisade.operator.testing.TestPools.NAMESPACE;
import static io.palisade.operator.testing.TestPools.V1;
import static io.palisade.operator.testing.TestPools.V2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.operator.k8s.StakePools;
import io.palisade.operator.model.PodObservations;
import io.palisade.operator.model.PoolDesign;
import io.palisade.operator.model.PoolSpecCheck;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StakePoolSpec;
import io.palisade.operator.model.StakePoolStatus;
import io.palisade.operator.model.StatusBuilder;
import io.palisade.operator.testing.FakeStatefulSetController;
import io.palisade.operator.testing.MockCluster;
import io.palisade.operator.testing.TestPools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator end to end against fabric8's CRUD mock API server, with a fake StatefulSet controller standing in for
 * kube-controller-manager and the kubelet (readiness by a rule each test sets).
 */
class StakePoolOperatorMockTest {
  static final Duration READY = Duration.ofSeconds(60);
  static final String BP_POD = "block-producer-0";
  static final String A0 = "relay-region-a-0";
  static final String A1 = "relay-region-a-1";
  static final String A2 = "relay-region-a-2";
  static final String B0 = "relay-region-b-0";

  MockCluster cluster;
  KubernetesClient client;
  FakeStatefulSetController statefulSets;
  PoolOperator operator;

  @BeforeEach
  void start() {
    cluster = new MockCluster();
    client = cluster.client();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    statefulSets = cluster.track(new FakeStatefulSetController(client, NAMESPACE));
    operator = startOperator();
  }

  PoolOperator startOperator() {
    return cluster.track(PoolOperator.start(client, OperatorOptions.defaults().withTicks(Duration.ofMillis(150),
        Duration.ofSeconds(2))));
  }

  @AfterEach
  void stop() {
    cluster.close(); // the fake controller, then the operator(s) and watches, then the client and the server
  }

  // A new StakePool: every object deploy renders is created and owned, the pods come up one by one, the status says
  // Ready with the version, and the block producer's topology lists every relay.
  @Test
  void createPool_rendersOwnedObjects_andBecomesReady() {
    StakePool created = client.resource(TestPools.stakePool()).create();
    awaitReady(V1);

    StakePool pool = pool();
    assertThat(pool.getStatus().observedGeneration).isEqualTo(pool.getMetadata().getGeneration());
    assertThat(pool.getStatus().nodes).extracting(n -> n.name + " " + n.ready + " " + n.podVersion)
        .containsExactlyInAnyOrder("block-producer true " + V1, A0 + " true " + V1, A1 + " true " + V1,
            B0 + " true " + V1);
    List<HasMetadata> owned = new ArrayList<>();
    owned.addAll(client.apps().statefulSets().inNamespace(NAMESPACE).list().getItems());
    owned.addAll(client.configMaps().inNamespace(NAMESPACE).list().getItems());
    owned.addAll(client.services().inNamespace(NAMESPACE).list().getItems());
    owned.addAll(client.network().v1().networkPolicies().inNamespace(NAMESPACE).list().getItems());
    owned.addAll(client.policy().v1().podDisruptionBudget().inNamespace(NAMESPACE).list().getItems());
    owned.addAll(client.secrets().inNamespace(NAMESPACE).list().getItems());
    owned.addAll(client.serviceAccounts().inNamespace(NAMESPACE).list().getItems());
    assertThat(owned).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).contains(
        "StatefulSet/block-producer", "StatefulSet/relay-region-a", "StatefulSet/relay-region-b",
        "ConfigMap/relay-region-a-config", "Service/relay-region-a-public", "Service/block-producer",
        "NetworkPolicy/default-deny", "NetworkPolicy/block-producer-network", "PodDisruptionBudget/relay-region-a",
        "Secret/tpool-hot-keys", "ServiceAccount/cardano-node");
    assertThat(owned).allSatisfy(o -> assertThat(o.getMetadata().getOwnerReferences())
        .anySatisfy(r -> assertThat(r.getUid()).isEqualTo(created.getMetadata().getUid())));
    assertThat(statefulSet("relay-region-a").getSpec().getReplicas()).isEqualTo(2);
    assertThat(bpTopology()).contains(address(A0), address(A1), address(B0));
    assertThat(condition(pool, StatusBuilder.KES_EXPIRING).getStatus()).isEqualTo("Unknown");
    awaitReasons("NodeStarted");
  }

  // An upgrade to a good version: every pod moves, one at a time (each only after the previous one is ready on the
  // new version), region-a highest ordinal first (the StatefulSet partition), then region-b, the block producer last.
  @Test
  void goodUpgrade_movesEveryPodOneAtATime_relaysFirst() {
    client.resource(TestPools.stakePool()).create();
    awaitReady(V1);
    int before = statefulSets.log().size();

    editSpec(s -> TestPools.atVersion(s, V2));
    await().atMost(READY).untilAsserted(() -> {
      assertThat(pool().getStatus().poolVersion).isEqualTo(V2);
      assertThat(condition(pool(), StatusBuilder.READY).getStatus()).isEqualTo("True");
    });

    List<String> log = statefulSets.log().subList(before, statefulSets.log().size());
    List<String> creates = log.stream().filter(l -> l.startsWith("create ")).toList();
    assertThat(creates).containsExactly("create " + A1 + " " + V2, "create " + A0 + " " + V2,
        "create " + B0 + " " + V2, "create " + BP_POD + " " + V2);
    for (int i = 1; i < creates.size(); i++) {
      String previous = creates.get(i - 1).split(" ")[1];
      assertThat(log.indexOf(creates.get(i))).as("%s only after %s was ready", creates.get(i), previous)
          .isGreaterThan(log.indexOf("ready " + previous + " " + V2));
    }
    assertThat(pods()).allSatisfy(p -> assertThat(PodObservations.versionOf(p)).hasToString(V2));
    assertThat(statefulSet("relay-region-a").getSpec().getUpdateStrategy().getRollingUpdate().getPartition())
        .isZero();
    awaitReasons("RolloutStarted", "NodeUpgrading", "NodeUpgraded", "RolloutSucceeded");
  }

  // An upgrade to a version that never becomes ready: the first step misses its deadline, the template is reverted
  // AND the stuck pod deleted (else the StatefulSet waits forever), the version is recorded as failed in the
  // status with the reason, the pods are back on the old version, and it is never tried again.
  @Test
  void badUpgrade_isRolledBack_statusSaysWhy_andItIsNeverRetried() {
    client.resource(TestPools.stakePool()).create();
    awaitReady(V1);
    statefulSets.neverReady = (pod, version) -> version.equals(BAD);
    int before = statefulSets.log().size();

    editSpec(s -> TestPools.atVersion(s, BAD));
    await().atMost(READY).untilAsserted(() -> {
      Condition degraded = condition(pool(), StatusBuilder.DEGRADED);
      assertThat(degraded.getStatus()).isEqualTo("True");
      assertThat(degraded.getReason()).isEqualTo("VersionFailed");
      assertThat(condition(pool(), StatusBuilder.PROGRESSING).getStatus()).isEqualTo("False");
      assertThat(pods()).hasSize(4).allSatisfy(p -> {
        assertThat(PodObservations.versionOf(p)).hasToString(V1);
        assertThat(PodObservations.isReady(p)).isTrue();
      });
    });

    StakePoolStatus status = pool().getStatus();
    assertThat(status.poolVersion).isEqualTo(V1);
    assertThat(status.targetVersion).isEqualTo(BAD);
    assertThat(status.failedVersions).singleElement().satisfies(f -> {
      assertThat(f.version).isEqualTo(BAD);
      assertThat(f.node).isEqualTo(A1);
      assertThat(f.reason).contains("was not ready on " + BAD + " within 10s");
    });
    assertThat(condition(pool(), StatusBuilder.DEGRADED).getMessage()).contains("version " + BAD + " failed on " + A1);
    List<String> log = statefulSets.log().subList(before, statefulSets.log().size());
    assertThat(log).contains("create " + A1 + " " + BAD, "deleted-by-others " + A1 + " " + BAD,
        "create " + A1 + " " + V1);
    assertThat(log).noneMatch(l -> l.startsWith("create ") && l.endsWith(BAD) && !l.contains(A1));
    assertThat(statefulSet("relay-region-a").getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(PoolDesign.ANNOTATION_NODE_VERSION, V1);
    awaitReasons("VersionFailed", "RollbackStarted", "NodeRolledBack", "RolloutRolledBack");

    // The spec still says BAD: nothing is tried again.
    int settled = statefulSets.log().size();
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(statefulSets.log().subList(settled, statefulSets.log().size()))
            .noneMatch(l -> l.startsWith("create ")));

    // Only an explicit request tries it again (here it has been fixed and succeeds).
    statefulSets.neverReady = (pod, version) -> false;
    new io.palisade.operator.k8s.StakePools(client).requestRetry(NAMESPACE, NAME, BAD);
    await().atMost(READY).untilAsserted(() -> {
      assertThat(pool().getStatus().poolVersion).isEqualTo(BAD);
      assertThat(pool().getStatus().failedVersions).isNull();
      assertThat(condition(pool(), StatusBuilder.READY).getStatus()).isEqualTo("True");
    });
    assertThat(pool().getMetadata().getAnnotations()).doesNotContainKey(StakePoolReconciler.ANNOTATION_RETRY_VERSION);
  }

  // The block producer never loses its last ready relay: while every other relay is unready, the next step waits
  // (and says why); it goes on once another relay is ready again.
  @Test
  void upgrade_waitsRatherThanTakeTheLastReadyRelay() {
    client.resource(TestPools.stakePool()).create();
    awaitReady(V1);
    statefulSets.neverReady = (pod, version) -> pod.equals(A0) || pod.equals(B0);
    await().atMost(READY).until(() -> !PodObservations.isReady(pod(A0)) && !PodObservations.isReady(pod(B0)));
    int before = statefulSets.log().size();

    editSpec(s -> TestPools.atVersion(s, V2));
    await().atMost(READY).untilAsserted(() -> assertThat(pool().getStatus().rollout).isNotNull()
        .satisfies(r -> assertThat(r.waitingFor).contains("without a ready relay")));
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(statefulSets.log().subList(before, statefulSets.log().size()))
            .noneMatch(l -> l.startsWith("delete ") || l.startsWith("create ")));

    statefulSets.neverReady = (pod, version) -> false;
    await().atMost(READY).untilAsserted(() -> {
      assertThat(pool().getStatus().poolVersion).isEqualTo(V2);
      assertThat(condition(pool(), StatusBuilder.READY).getStatus()).isEqualTo("True");
    });
    awaitReasons("RolloutWaiting");
  }

  // relay add: the StakePool's relay count goes up; the operator creates the relay, waits for it to be ready, and only
  // then puts it in the block producer's topology ConfigMap and NetworkPolicy.
  @Test
  void relayAdd_createsTheRelay_thenAdmitsItToTheBlockProducer() {
    client.resource(TestPools.stakePool()).create();
    awaitReady(V1);
    statefulSets.readyAfter = Duration.ofMillis(1500);

    editSpec(s -> {
      s.relays.get(0).count = 3;
      return s;
    });
    await().atMost(READY).until(() -> pod(A2) != null);
    assertThat(PodObservations.isReady(pod(A2))).isFalse();
    assertThat(bpTopology()).doesNotContain(address(A2));
    assertThat(bpPolicyRelays()).doesNotContain(A2);

    await().atMost(READY).untilAsserted(() -> {
      assertThat(bpTopology()).contains(address(A2), address(A0), address(A1), address(B0));
      assertThat(bpPolicyRelays()).containsExactlyInAnyOrder(A0, A1, A2, B0);
      assertThat(condition(pool(), StatusBuilder.READY).getStatus()).isEqualTo("True");
    });
    assertThat(statefulSet("relay-region-a").getSpec().getReplicas()).isEqualTo(3);
    assertThat(configMap("relay-region-a-config").getData()).containsKey(A2 + ".topology.json");
    awaitReasons("RelayAddStarted", "RelayAdded", "TopologyUpdated");
  }

  // relay remove: the StakePool's count goes down; the operator takes the relay out of the block producer's topology
  // ConfigMap and NetworkPolicy (and its sibling's topology) FIRST, and only then scales the StatefulSet down. The
  // fake StatefulSet controller looks at the topology and the policy at the moment it deletes the pod.
  @Test
  void relayRemove_dropsItFromTheTopologyAndPolicy_thenScalesTheStatefulSetDown() {
    client.resource(TestPools.stakePool()).create();
    awaitReady(V1);
    assertThat(bpTopology()).contains(address(A1));
    statefulSets.beforeScaleDown = pod -> "topology=" + bpTopology().contains(address(pod)) + " policy="
        + bpPolicyRelays().contains(pod) + " sibling=" + configMap("relay-region-a-config").getData()
        .getOrDefault(A0 + ".topology.json", "").contains(address(pod));

    // The mock API server gives every write the next resourceVersion of one counter: the order of the writes.
    Map<String, Long> firstWrite = new java.util.concurrent.ConcurrentHashMap<>();
    var configMaps = cluster.track(client.configMaps().inNamespace(NAMESPACE).withName("block-producer-config").watch(
        new WriteWatcher<>(firstWrite, "topology", cm -> !cm.getData().get(BP_POD + ".topology.json")
            .contains(address(A1)))));
    var policies = cluster.track(client.network().v1().networkPolicies().inNamespace(NAMESPACE)
        .withName("block-producer-network").watch(new WriteWatcher<>(firstWrite, "policy",
            p -> !p.toString().contains(A1))));
    var scaled = cluster.track(client.apps().statefulSets().inNamespace(NAMESPACE).withName("relay-region-a").watch(
        new WriteWatcher<>(firstWrite, "scale-down", sts -> sts.getSpec().getReplicas() == 1)));

    String message = new StakePools(client).removeRelay(NAMESPACE, NAME, A1);
    assertThat(message).contains(A1).contains("topology");
    assertThat(pool().getSpec().relays.get(0).count).isEqualTo(1);

    await().atMost(READY).untilAsserted(() -> {
      assertThat(pod(A1)).isNull();
      assertThat(statefulSet("relay-region-a").getSpec().getReplicas()).isEqualTo(1);
      assertThat(pool().getStatus().nodes).extracting(n -> n.name).containsExactlyInAnyOrder("block-producer", A0,
          B0);
      assertThat(condition(pool(), StatusBuilder.READY).getStatus()).isEqualTo("True");
      // Watch events arrive after the write they report: wait for the watchers, not only for the API state.
      assertThat(firstWrite).containsKeys("topology", "policy", "scale-down");
    });
    configMaps.close();
    policies.close();
    scaled.close();
    assertThat(firstWrite).containsOnlyKeys("topology", "policy", "scale-down");
    assertThat(firstWrite.get("topology")).as("topology written before the scale-down: %s", firstWrite)
        .isLessThan(firstWrite.get("scale-down"));
    assertThat(firstWrite.get("policy")).as("policy written before the scale-down: %s", firstWrite)
        .isLessThan(firstWrite.get("scale-down"));
    assertThat(statefulSets.log()).containsSubsequence(
        "scale-down " + A1 + " topology=false policy=false sibling=false", "delete " + A1 + " " + V1);
    assertThat(bpTopology()).doesNotContain(address(A1)).contains(address(A0), address(B0));
    assertThat(bpPolicyRelays()).containsExactlyInAnyOrder(A0, B0);
    assertThat(configMap("relay-region-a-config").getData()).doesNotContainKey(A1 + ".topology.json");
    assertThat(pod(A0)).isNotNull();
    awaitReasons("RelayRemoved", "TopologyUpdated");
    assertThat(client.v1().events().inNamespace(NAMESPACE).list().getItems()).filteredOn(
        e -> "RelayRemoved".equals(e.getReason())).singleElement()
        .satisfies(e -> assertThat(e.getMessage()).startsWith(A1 + ": ").contains("scaled down to 1"));
    // The smaller pool.yaml now applies; one that drops another relay is still refused.
    StakePoolSpec smaller = TestPools.stakePool().getSpec();
    smaller.relays.get(0).count = 1;
    assertThat(new StakePools(client).apply(namespace(), smaller)).isEqualTo(StakePools.Change.UNCHANGED);
    StakePoolSpec fewer = TestPools.stakePool().getSpec();
    fewer.relays.get(0).count = 1;
    fewer.relays.remove(1);
    assertThatThrownBy(() -> new StakePools(client).apply(namespace(), fewer))
        .isInstanceOf(StakePools.RefusedException.class).hasMessageContaining(B0).hasMessageContaining("RemoveRelay");
  }

  // Only a region's highest ordinal can go (a StatefulSet only loses its highest pod), and a region keeps its last
  // relay; the refusal names the relay that can be removed, and nothing changes.
  @Test
  void relayRemove_ofAMiddleOrdinalOrARegionsLastRelay_isRefused() {
    client.resource(TestPools.stakePool()).create();
    awaitReady(V1);
    String before = PoolSpecCheck.toYaml(pool().getSpec());
    StakePools pools = new StakePools(client);

    assertThatThrownBy(() -> pools.removeRelay(NAMESPACE, NAME, A0)).isInstanceOf(StakePools.RefusedException.class)
        .hasMessageContaining("only " + A1 + " can be removed");
    assertThatThrownBy(() -> pools.removeRelay(NAMESPACE, NAME, B0)).isInstanceOf(StakePools.RefusedException.class)
        .hasMessageContaining("last relay of region region-b");
    assertThatThrownBy(() -> pools.removeRelay(NAMESPACE, NAME, "block-producer"))
        .isInstanceOf(StakePools.RefusedException.class).hasMessageContaining("is the block producer");
    assertThatThrownBy(() -> pools.removeRelay(NAMESPACE, NAME, "relay-region-c-0"))
        .isInstanceOf(StakePools.RefusedException.class).hasMessageContaining("no node named relay-region-c-0");
    assertThat(PoolSpecCheck.toYaml(pool().getSpec())).isEqualTo(before);
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() ->
        assertThat(pods()).extracting(p -> p.getMetadata().getName()).contains(A0, A1, B0));
  }

  // The block producer never loses its last ready relay: with A0 and B0 not ready, A1 stays.
  @Test
  void relayRemove_thatWouldLeaveTheBlockProducerWithoutAReadyRelay_isRefused() {
    client.resource(TestPools.stakePool()).create();
    awaitReady(V1);
    statefulSets.neverReady = (pod, version) -> pod.equals(A0) || pod.equals(B0);
    await().atMost(READY).untilAsserted(() -> assertThat(pool().getStatus().nodes)
        .filteredOn(n -> n.name.equals(A0) || n.name.equals(B0)).hasSize(2).allMatch(n -> !n.ready));
    String before = PoolSpecCheck.toYaml(pool().getSpec());

    assertThatThrownBy(() -> new StakePools(client).removeRelay(NAMESPACE, NAME, A1))
        .isInstanceOf(StakePools.RefusedException.class).hasMessageContaining(A1 + " is the block producer's last"
            + " ready relay");
    assertThat(PoolSpecCheck.toYaml(pool().getSpec())).isEqualTo(before);
    assertThat(pod(A1)).isNotNull();
  }

  // The operator judges the guard rails again when it acts: a count lowered behind StakePools' back (kubectl edit)
  // while A1 is the block producer's last ready relay leaves A1 running, in the topology, with a warning; once another
  // relay is ready again the removal goes ahead.
  @Test
  void relayRemoval_refusedWhenTheOperatorActs_waitsForTheGuardRails() {
    client.resource(TestPools.stakePool()).create();
    awaitReady(V1);
    statefulSets.neverReady = (pod, version) -> pod.equals(A0) || pod.equals(B0);
    await().atMost(READY).untilAsserted(() -> assertThat(pool().getStatus().nodes)
        .filteredOn(n -> n.name.equals(A0) || n.name.equals(B0)).hasSize(2).allMatch(n -> !n.ready));

    editSpec(s -> {
      s.relays.get(0).count = 1;
      return s;
    });
    awaitReasons("RelayRemovalWaiting");
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
      assertThat(pod(A1)).isNotNull();
      assertThat(bpTopology()).contains(address(A1));
      assertThat(pool().getStatus().nodes).extracting(n -> n.name).contains(A1);
    });
    assertThat(client.v1().events().inNamespace(NAMESPACE).list().getItems())
        .filteredOn(e -> "RelayRemovalWaiting".equals(e.getReason())).singleElement()
        .satisfies(e -> assertThat(e.getMessage()).contains("last ready relay"));

    statefulSets.neverReady = (pod, version) -> false;
    await().atMost(READY).untilAsserted(() -> {
      assertThat(pod(A1)).isNull();
      assertThat(bpTopology()).doesNotContain(address(A1));
      assertThat(pool().getStatus().nodes).extracting(n -> n.name).doesNotContain(A1);
    });
    awaitReasons("RelayRemoved");
  }

  // A mainnet pool at its floor (2 relays in 2 regions, pool.yaml's rules) keeps both.
  @Test
  void relayRemove_onAMainnetPoolAtItsFloor_isRefused() {
    StakePool mainnet = TestPools.stakePool();
    mainnet.getSpec().network = "mainnet";
    mainnet.getSpec().relays.get(0).count = 1;
    client.resource(mainnet).create();
    await().atMost(READY).untilAsserted(() -> assertThat(pool().getStatus()).isNotNull()
        .satisfies(st -> assertThat(st.nodes).as("%s", st.specErrors).hasSize(3)));

    assertThatThrownBy(() -> new StakePools(client).removeRelay(NAMESPACE, NAME, A0))
        .isInstanceOf(StakePools.RefusedException.class).hasMessageContaining("on mainnet a pool keeps at least 2"
            + " relays in 2 regions");
    assertThat(pool().getSpec().relays.get(0).count).isEqualTo(1);
  }

  // A deleted pod comes back (its StatefulSet recreates it) and the pool is ready again.
  @Test
  void deletedPod_isRecreated_andThePoolIsReadyAgain() {
    client.resource(TestPools.stakePool()).create();
    awaitReady(V1);
    String uid = pod(B0).getMetadata().getUid();

    client.pods().inNamespace(NAMESPACE).withName(B0).delete();
    await().atMost(READY).untilAsserted(() -> {
      Pod again = pod(B0);
      assertThat(again).isNotNull();
      assertThat(again.getMetadata().getUid()).isNotEqualTo(uid);
      assertThat(PodObservations.isReady(again)).isTrue();
      assertThat(condition(pool(), StatusBuilder.READY).getStatus()).isEqualTo("True");
    });
    assertThat(PodObservations.versionOf(pod(B0))).hasToString(V1);
  }

  // A StatefulSet deleted by hand is recreated by the operator (it owns it).
  @Test
  void deletedStatefulSet_isRecreated() {
    client.resource(TestPools.stakePool()).create();
    awaitReady(V1);
    client.apps().statefulSets().inNamespace(NAMESPACE).withName("relay-region-b").delete();
    await().atMost(READY).untilAsserted(() -> assertThat(statefulSet("relay-region-b")).isNotNull());
  }

  // The operator is restarted in the middle of a rollout: the new one resumes from the status, and no pod is
  // restarted twice.
  @Test
  void operatorRestart_midRollout_resumesFromTheStatus() {
    client.resource(TestPools.stakePool()).create();
    awaitReady(V1);
    int before = statefulSets.log().size();
    editSpec(s -> {
      StakePoolSpec next = TestPools.atVersion(s, V2);
      // Longer than the mock server's stall when the old operator's watches close mid-event (MockCluster): the stall
      // must delay the next step, not fail it as a node that never became ready.
      next.upgrade.deadlinePerNode = "3m";
      return next;
    });
    await().atMost(READY).until(() -> pool().getStatus().rollout != null && pool().getStatus().rollout.done != null
        && !pool().getStatus().rollout.done.isEmpty());
    operator.close();
    operator = startOperator();

    // Closed mid-rollout, the old operator's watches may stall the mock server for a minute (MockCluster).
    await().atMost(READY.plus(MockCluster.WATCH_CLOSE_STALL)).untilAsserted(() -> {
      assertThat(pool().getStatus()).isNotNull();
      assertThat(pool().getStatus().poolVersion).isEqualTo(V2);
      assertThat(condition(pool(), StatusBuilder.READY).getStatus()).isEqualTo("True");
    });
    List<String> creates = statefulSets.log().subList(before, statefulSets.log().size()).stream()
        .filter(l -> l.startsWith("create ")).toList();
    assertThat(creates).containsExactly("create " + A1 + " " + V2, "create " + A0 + " " + V2,
        "create " + B0 + " " + V2, "create " + BP_POD + " " + V2);
  }

  // The StakePool is deleted while the operator is down, its objects left behind (kubectl delete --cascade=orphan),
  // and created again at a new version: its control state is gone, so the pods are adopted as they run and the new
  // version is rolled out one pod at a time, not every StatefulSet at once.
  @Test
  void lostControlState_podsAreAdopted_andTheUpgradeStillGoesOneAtATime() {
    client.resource(TestPools.stakePool()).create();
    awaitReady(V1);
    operator.close();
    client.resources(StakePool.class).inNamespace(NAMESPACE).withName(NAME).delete();
    await().atMost(READY).until(() -> pool() == null);
    StakePool again = TestPools.stakePool();
    again.setSpec(TestPools.atVersion(again.getSpec(), V2));
    client.resource(again).create();
    int before = statefulSets.log().size();
    operator = startOperator();

    await().atMost(READY).untilAsserted(() -> {
      assertThat(pool().getStatus()).isNotNull();
      assertThat(pool().getStatus().poolVersion).isEqualTo(V2);
      assertThat(condition(pool(), StatusBuilder.READY).getStatus()).isEqualTo("True");
    });
    List<String> log = statefulSets.log().subList(before, statefulSets.log().size());
    List<String> creates = log.stream().filter(l -> l.startsWith("create ")).toList();
    assertThat(creates).containsExactly("create " + A1 + " " + V2, "create " + A0 + " " + V2,
        "create " + B0 + " " + V2, "create " + BP_POD + " " + V2);
    for (int i = 1; i < creates.size(); i++) {
      String previous = creates.get(i - 1).split(" ")[1];
      assertThat(log.indexOf(creates.get(i))).isGreaterThan(log.indexOf("ready " + previous + " " + V2));
    }
  }

  // A StakePool that breaks pool.yaml's rules gets the same field-named errors in its status; nothing is deployed.
  @Test
  void invalidSpec_getsFieldNamedErrorsInItsStatus_andNothingIsDeployed() {
    StakePool bad = TestPools.stakePool();
    bad.getSpec().relays.get(0).port = 70000;
    bad.getSpec().node.image = "docker.io/cardano-node:latest";
    client.resource(bad).create();

    await().atMost(READY).untilAsserted(() -> {
      StakePoolStatus s = pool().getStatus();
      assertThat(s).isNotNull();
      assertThat(s.specErrors).anySatisfy(e -> assertThat(e).startsWith("spec.relays[0].port: "))
          .anySatisfy(e -> assertThat(e).startsWith("spec.node.image: "));
      assertThat(condition(pool(), StatusBuilder.READY).getReason()).isEqualTo("InvalidSpec");
    });
    assertThat(client.apps().statefulSets().inNamespace(NAMESPACE).list().getItems()).isEmpty();
    awaitReasons("InvalidSpec");
  }

  /** Records the resourceVersion of the first write of an object that satisfies a condition. */
  record WriteWatcher<T extends HasMetadata>(Map<String, Long> firstWrite, String key,
      java.util.function.Predicate<T> condition) implements io.fabric8.kubernetes.client.Watcher<T> {
    @Override
    public void eventReceived(Action action, T o) {
      if (action == Action.MODIFIED && condition.test(o)) {
        firstWrite.merge(key, Long.parseLong(o.getMetadata().getResourceVersion()), Math::min);
      }
    }

    @Override
    public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {}
  }

  // ---- helpers -----------------------------------------------------------------------------------------------------

  void awaitReady(String version) {
    await().atMost(READY).untilAsserted(() -> {
      StakePool p = pool();
      assertThat(p.getStatus()).isNotNull();
      assertThat(condition(p, StatusBuilder.READY).getStatus()).as("%s", p.getStatus().conditions).isEqualTo("True");
      assertThat(p.getStatus().poolVersion).isEqualTo(version);
    });
  }

  void editSpec(UnaryOperator<io.palisade.operator.model.StakePoolSpec> change) {
    // The operator writes the status meanwhile: like kubectl edit, a lost optimistic-lock race is tried again.
    io.palisade.operator.k8s.ConflictRetry.run(() -> client.resources(StakePool.class).inNamespace(NAMESPACE)
        .withName(NAME).edit(p -> {
          p.setSpec(change.apply(p.getSpec()));
          return p;
        }));
  }

  static io.fabric8.kubernetes.api.model.Namespace namespace() {
    return new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build();
  }

  StakePool pool() {
    return client.resources(StakePool.class).inNamespace(NAMESPACE).withName(NAME).get();
  }

  static Condition condition(StakePool p, String type) {
    return p.getStatus().conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  List<Pod> pods() {
    return client.pods().inNamespace(NAMESPACE).list().getItems();
  }

  Pod pod(String name) {
    return client.pods().inNamespace(NAMESPACE).withName(name).get();
  }

  StatefulSet statefulSet(String name) {
    return client.apps().statefulSets().inNamespace(NAMESPACE).withName(name).get();
  }

  ConfigMap configMap(String name) {
    return client.configMaps().inNamespace(NAMESPACE).withName(name).get();
  }

  String bpTopology() {
    return configMap("block-producer-config").getData().get(BP_POD + ".topology.json");
  }

  List<String> bpPolicyRelays() {
    NetworkPolicy p = client.network().v1().networkPolicies().inNamespace(NAMESPACE).withName("block-producer-network")
        .get();
    return p.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchExpressions().stream()
        .filter(e -> e.getKey().equals(PoolDesign.LABEL_POD_NAME)).findFirst().orElseThrow().getValues();
  }

  static String address(String relayPod) {
    String region = relayPod.substring(0, relayPod.lastIndexOf('-'));
    return relayPod + "." + region + "." + NAMESPACE + ".svc.cluster.local";
  }

  /** Events are written at the end of a pass, after the status: wait for them. */
  void awaitReasons(String... reasons) {
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(reasons()).contains(reasons));
  }

  List<String> reasons() {
    return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream().map(Event::getReason).toList();
  }

  static Map<String, String> labels(HasMetadata o) {
    return o.getMetadata().getLabels();
  }
}
