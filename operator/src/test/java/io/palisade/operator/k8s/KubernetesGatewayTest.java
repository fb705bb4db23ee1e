package io.palisade.operator.k8s;

import static io.palisade.operator.testing.TestPools.NAME;
import static io.palisade.operator.testing.TestPools.NAMESPACE;
import static io.palisade.operator.testing.TestPools.V1;
import static io.palisade.operator.testing.TestPools.V2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.chain.KnownNetwork;
import io.palisade.deploy.model.PoolNames;
import io.palisade.gateway.ActionResult;
import io.palisade.gateway.KeyRole;
import io.palisade.gateway.NodeState;
import io.palisade.gateway.NodeStatus;
import io.palisade.gateway.PoolAction;
import io.palisade.gateway.PoolSnapshot;
import io.palisade.keys.bundle.DemoKeys;
import io.palisade.operator.model.PodObservations;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.reconcile.OperatorOptions;
import io.palisade.operator.reconcile.PoolOperator;
import io.palisade.operator.testing.FakeStatefulSetController;
import io.palisade.operator.testing.MockCluster;
import io.palisade.operator.testing.PublishedSchedules;
import io.palisade.operator.testing.TestPools;
import io.palisade.spec.NodeRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's Kubernetes gateway end to end: the operator runs on fabric8's CRUD mock API server with the fake
 * StatefulSet controller standing in for kube-controller-manager and the kubelet; the gateway reads and changes the
 * StakePool as the console would.
 */
class KubernetesGatewayTest {
  static final Duration READY = Duration.ofSeconds(60);
  static final String BP = "block-producer";
  static final String BP_POD = "block-producer-0";
  static final String A0 = "relay-region-a-0";
  static final String A1 = "relay-region-a-1";
  static final String B1 = "relay-region-b-1";

  @TempDir Path dir;
  MockCluster cluster;
  KubernetesClient client;
  FakeStatefulSetController statefulSets;
  PoolOperator operator;
  KubernetesGatewaySettings settings;

  @BeforeEach
  void start() {
    cluster = new MockCluster();
    client = cluster.client();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    statefulSets = cluster.track(new FakeStatefulSetController(client, NAMESPACE));
    operator = cluster.track(PoolOperator.start(client, OperatorOptions.defaults().withTicks(Duration.ofMillis(150),
        Duration.ofSeconds(2))));
    settings = KubernetesGatewaySettings.of(NAMESPACE, NAME);
    client.resource(TestPools.stakePool()).create();
  }

  @AfterEach
  void stop() {
    cluster.close(); // the fake controller, then the operator(s) and watches, then the client and the server
  }

  KubernetesGateway gateway() {
    return new KubernetesGateway(client, settings, Clock.systemUTC());
  }

  PoolSnapshot awaitAllReady(KubernetesGateway gateway, int nodes, String version) {
    await().atMost(READY).untilAsserted(() -> assertThat(gateway.snapshot().nodes()).hasSize(nodes)
        .allSatisfy(n -> {
          assertThat(n.state()).as(n.name() + " " + n.reasons()).isEqualTo(NodeState.READY);
          assertThat(n.version()).isEqualTo(version);
        }));
    return gateway.snapshot();
  }

  // The dashboard's view: every node ready on V1, the block producer first; answers come from a short cache.
  @Test
  void snapshot_showsTheOperatorsNodes_blockProducerFirst_cachedBriefly() {
    KubernetesGateway gateway = gateway();
    PoolSnapshot s = awaitAllReady(gateway, 4, V1);
    assertThat(s.connected()).isTrue();
    assertThat(s.nodes()).extracting(NodeStatus::name)
        .containsExactly(BP, "relay-region-a-0", "relay-region-a-1", "relay-region-b-0");
    assertThat(s.nodes().get(0).role()).isEqualTo(NodeRole.BLOCK_PRODUCER);
    assertThat(s.nodes().get(1).region()).isEqualTo("region-a");
    assertThat(s.node("relay-region-b-0").orElseThrow().peers()).isPositive();
    assertThat(gateway.snapshot()).isSameAs(gateway.snapshot());
    // The operator's Kubernetes events on the StakePool show as the pool's recent events.
    await().atMost(READY).untilAsserted(() -> assertThat(gateway.snapshot().recentEvents())
        .anySatisfy(e -> assertThat(e.kind()).isEqualTo("NodeStarted")));
  }

  // AddRelay: the operator creates the relay, it becomes ready and the block producer's topology lists it. A new
  // region is refused (it needs a public address the console cannot give).
  @Test
  void addRelay_becomesReady_andJoinsTheBlockProducersTopology_newRegionRefused() {
    KubernetesGateway gateway = gateway();
    awaitAllReady(gateway, 4, V1);

    ActionResult r = gateway.execute(new PoolAction.AddRelay("region-b"));
    assertThat(r.ok()).as(r.message()).isTrue();
    assertThat(r.message()).contains(B1);
    await().atMost(READY).untilAsserted(() -> {
      assertThat(gateway.snapshot().node(B1)).hasValueSatisfying(n -> {
        assertThat(n.state()).isEqualTo(NodeState.READY);
        assertThat(n.reasons()).isEmpty();
      });
      assertThat(client.configMaps().inNamespace(NAMESPACE).withName("block-producer-config").get().getData()
          .get(BP_POD + ".topology.json")).contains(B1 + ".relay-region-b." + NAMESPACE + ".svc.cluster.local");
    });

    ActionResult newRegion = gateway.execute(new PoolAction.AddRelay("region-c"));
    assertThat(newRegion.ok()).isFalse();
    assertThat(newRegion.message()).contains("no region region-c").contains("--public-address");
    assertThat(pool().getSpec().relays).extracting(g -> g.region).containsExactly("region-a", "region-b");
  }

  // Upgrade: the StakePool asks for V2 with the image given to the console; the operator walks every pod to it. A
  // version without a known image is refused, and so is asking again while nothing changed.
  @Test
  void upgrade_walksThePods_toTheNewVersion() {
    settings = settings.withNodeImages(Map.of(V2, TestPools.image(V2)));
    KubernetesGateway gateway = gateway();
    awaitAllReady(gateway, 4, V1);

    ActionResult unknown = gateway.execute(new PoolAction.Upgrade("10.9.9"));
    assertThat(unknown.ok()).isFalse();
    assertThat(unknown.message()).contains("no image").contains("--node-image 10.9.9=");

    int before = statefulSets.log().size();
    ActionResult r = gateway.execute(new PoolAction.Upgrade(V2));
    assertThat(r.ok()).as(r.message()).isTrue();
    assertThat(pool().getSpec().node.version).isEqualTo(V2);
    assertThat(pool().getSpec().node.image).isEqualTo(TestPools.image(V2));
    await().atMost(READY).untilAsserted(() -> assertThat(pool().getStatus().poolVersion).isEqualTo(V2));
    awaitAllReady(gateway, 4, V2);
    List<String> creates = statefulSets.log().subList(before, statefulSets.log().size()).stream()
        .filter(l -> l.startsWith("create ")).toList();
    assertThat(creates).containsExactlyInAnyOrder("create relay-region-a-1 " + V2, "create relay-region-a-0 " + V2,
        "create relay-region-b-0 " + V2, "create " + BP_POD + " " + V2);
    assertThat(creates.get(creates.size() - 1)).isEqualTo("create " + BP_POD + " " + V2);

    assertThat(gateway.execute(new PoolAction.Upgrade(V2)).message()).contains("already runs " + V2);
  }

  // DeleteVolume: the pod's claim (named <template>-<pod>) and the pod go; the StatefulSet brings the pod back.
  @Test
  void deleteVolume_deletesTheClaimAndThePod_andThePodComesBack() {
    KubernetesGateway gateway = gateway();
    awaitAllReady(gateway, 4, V1);
    client.persistentVolumeClaims().inNamespace(NAMESPACE).resource(claim("db-" + A0)).create();
    client.persistentVolumeClaims().inNamespace(NAMESPACE).resource(claim("db-relay-region-a-1")).create();
    String uid = pod(A0).getMetadata().getUid();

    ActionResult r = gateway.execute(new PoolAction.DeleteVolume(A0));
    assertThat(r.ok()).as(r.message()).isTrue();
    assertThat(r.message()).contains("db-" + A0).contains("pod " + A0);
    assertThat(client.persistentVolumeClaims().inNamespace(NAMESPACE).withName("db-" + A0).get()).isNull();
    assertThat(client.persistentVolumeClaims().inNamespace(NAMESPACE).withName("db-relay-region-a-1").get())
        .isNotNull();
    await().atMost(READY).untilAsserted(() -> {
      Pod back = pod(A0);
      assertThat(back).isNotNull();
      assertThat(back.getMetadata().getUid()).isNotEqualTo(uid);
      assertThat(PodObservations.isReady(back)).isTrue();
    });
    assertThat(statefulSets.log()).contains("deleted-by-others " + A0 + " " + V1);

    ActionResult unknown = gateway.execute(new PoolAction.DeleteVolume("relay-nowhere-0"));
    assertThat(unknown.ok()).isFalse();
    assertThat(unknown.message()).contains("no node named relay-nowhere-0");
  }

  // DeletePool: the StakePool goes (its objects follow by owner reference), and so do the pool's retained claims.
  @Test
  void deletePool_removesTheStakePoolAndItsClaims() {
    KubernetesGateway gateway = gateway();
    awaitAllReady(gateway, 4, V1);
    client.persistentVolumeClaims().inNamespace(NAMESPACE).resource(claim("db-" + BP_POD)).create();

    ActionResult r = gateway.execute(new PoolAction.DeletePool());
    assertThat(r.ok()).as(r.message()).isTrue();
    assertThat(client.resources(StakePool.class).inNamespace(NAMESPACE).withName(NAME).get()).isNull();
    assertThat(client.persistentVolumeClaims().inNamespace(NAMESPACE).list().getItems()).isEmpty();
    PoolSnapshot after = gateway.snapshot();
    assertThat(after.connected()).isFalse();
    assertThat(after.recentEvents().get(0).message()).contains("no StakePool " + NAMESPACE + "/" + NAME);
  }

  // RemoveRelay lowers the region's count; the operator takes the relay out of the block producer's topology, then
  // scales its StatefulSet down: its pod goes and the dashboard no longer lists it. A middle ordinal, a region's last
  // relay and the block producer (RemoveNode) are refused with nothing changed.
  @Test
  void removeRelay_removesTheRegionsHighestRelay_andRefusesWhatCannotGo() {
    KubernetesGateway gateway = gateway();
    awaitAllReady(gateway, 4, V1);
    String before = io.palisade.operator.model.PoolSpecCheck.toYaml(pool().getSpec());
    // At queue time (the console asks before the seven days' wait): the same answers, nothing changed.
    assertThat(gateway.refusal(new PoolAction.RemoveRelay(A0))).hasValueSatisfying(r -> assertThat(r)
        .contains("only " + A1 + " can be removed"));
    assertThat(gateway.refusal(new PoolAction.RemoveNode(BP))).hasValueSatisfying(r -> assertThat(r)
        .contains("is the block producer"));
    assertThat(gateway.refusal(new PoolAction.RemoveRelay("relay-region-b-0"))).hasValueSatisfying(r ->
        assertThat(r).contains("last relay of region region-b"));
    assertThat(gateway.refusal(new PoolAction.RemoveNode(A1))).isEmpty();
    assertThat(io.palisade.operator.model.PoolSpecCheck.toYaml(pool().getSpec())).isEqualTo(before);
    for (PoolAction a : List.of(new PoolAction.RemoveRelay(A0), new PoolAction.RemoveNode(BP),
        new PoolAction.RemoveRelay("relay-region-b-0"))) {
      ActionResult r = gateway.execute(a);
      assertThat(r.ok()).as(a.describe()).isFalse();
      assertThat(r.message()).contains("refused, nothing was changed");
    }
    assertThat(gateway.execute(new PoolAction.RemoveRelay(A0)).message()).contains("only " + A1 + " can be removed");
    assertThat(gateway.execute(new PoolAction.RemoveNode(BP)).message()).contains("is the block producer");
    assertThat(gateway.execute(new PoolAction.RemoveRelay("relay-region-b-0")).message())
        .contains("last relay of region region-b");
    assertThat(io.palisade.operator.model.PoolSpecCheck.toYaml(pool().getSpec())).isEqualTo(before);

    ActionResult r = gateway.execute(new PoolAction.RemoveNode(A1));
    assertThat(r.ok()).as(r.message()).isTrue();
    assertThat(r.message()).contains(A1).contains("block producer's topology");
    assertThat(pool().getSpec().relays.get(0).count).isEqualTo(1);
    await().atMost(READY).untilAsserted(() -> {
      assertThat(pod(A1)).isNull();
      assertThat(gateway.snapshot().nodes()).extracting(NodeStatus::name)
          .containsExactly(BP, A0, "relay-region-b-0");
      assertThat(gateway.snapshot().recentEvents()).anySatisfy(e -> {
        assertThat(e.kind()).isEqualTo("RelayRemoved");
        assertThat(e.message()).contains(A1 + " was removed").contains("scaled down to 1");
      });
    });
    assertThat(pod(A0)).isNotNull();
  }

  // RotateKeys opens the bundle (passphrase file named in the action) and fills the hot-key Secret, then asks the
  // operator to restart the block producer, which waits for a free window between its leader slots (none while the
  // schedule is unknown; the first one once it is published); a wrong passphrase changes nothing; RevokeKeys empties
  // the Secret and restarts it at once.
  @Test
  void rotateKeys_fillsTheSecret_revokeKeys_emptiesIt_bothRestartTheBlockProducer() throws Exception {
    DemoKeys.Result keys = DemoKeys.create(dir, KnownNetwork.PREVIEW.genesis(), Clock.systemUTC());
    settings = settings.withHotKeyBundle(keys.bundle(), null, keys.poolIdHex());
    KubernetesGateway gateway = gateway();
    awaitAllReady(gateway, 4, V1);
    String secret = "tpool-hot-keys";

    Path wrong = dir.resolve("wrong.txt");
    Files.writeString(wrong, "not the passphrase\n");
    ActionResult bad = gateway.execute(new PoolAction.RotateKeys(KeyRole.KES, wrong.toString()));
    assertThat(bad.ok()).isFalse();
    assertThat(bad.message()).contains("wrong passphrase");
    assertThat(client.secrets().inNamespace(NAMESPACE).withName(secret).get().getData()).isNullOrEmpty();
    assertThat(gateway.execute(new PoolAction.RotateKeys(KeyRole.KES)).message())
        .contains("name the bundle's passphrase file");
    assertThat(gateway.execute(new PoolAction.RotateKeys(KeyRole.COLD, keys.passphraseFile().toString())).message())
        .contains("cold key never enters the cluster");

    String uid = pod(BP_POD).getMetadata().getUid();
    ActionResult r = gateway.execute(new PoolAction.RotateKeys(KeyRole.KES, keys.passphraseFile().toString()));
    assertThat(r.ok()).as(r.message()).isTrue();
    assertThat(client.secrets().inNamespace(NAMESPACE).withName(secret).get().getData())
        .containsOnlyKeys("kes.skey", "vrf.skey", "node.cert");
    assertThat(r.message()).contains(secret).contains("free window").doesNotContain(
        client.secrets().inNamespace(NAMESPACE).withName(secret).get().getData().get("kes.skey"));
    await().atMost(READY).untilAsserted(() -> assertThat(pool().getStatus().maintenance.waiting).singleElement()
        .satisfies(w -> assertThat(w.message).isEqualTo("waiting for a free window: the leader schedule is not"
            + " known far enough ahead yet")));
    assertThat(pod(BP_POD).getMetadata().getUid()).isEqualTo(uid);

    PublishedSchedules.publish(client, Clock.systemUTC(), null);
    await().atMost(READY).untilAsserted(() -> {
      // One read: the pod may be gone again between two (the replacement's own restart), which is not a failure.
      assertThat(pod(BP_POD)).isNotNull().satisfies(p -> assertThat(p.getMetadata().getUid()).isNotEqualTo(uid));
    });

    String uid2 = pod(BP_POD).getMetadata().getUid();
    ActionResult revoked = gateway.execute(new PoolAction.RevokeKeys(KeyRole.KES, "laptop lost"));
    assertThat(revoked.ok()).as(revoked.message()).isTrue();
    assertThat(client.secrets().inNamespace(NAMESPACE).withName(secret).get().getData()).isNullOrEmpty();
    await().atMost(READY).untilAsserted(() -> {
      // One read: the pod may be gone again between two (the replacement's own restart), which is not a failure.
      assertThat(pod(BP_POD)).isNotNull().satisfies(p -> assertThat(p.getMetadata().getUid()).isNotEqualTo(uid2));
    });
  }

  StakePool pool() {
    return client.resources(StakePool.class).inNamespace(NAMESPACE).withName(NAME).get();
  }

  Pod pod(String name) {
    return client.pods().inNamespace(NAMESPACE).withName(name).get();
  }

  static PersistentVolumeClaim claim(String name) {
    return new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE)
        .withLabels(Map.of(PoolNames.LABEL_POOL, NAME)).endMetadata().withNewSpec().withAccessModes("ReadWriteOnce")
        .withNewResources().addToRequests("storage", new io.fabric8.kubernetes.api.model.Quantity("1Gi"))
        .endResources().endSpec().build();
  }
}
