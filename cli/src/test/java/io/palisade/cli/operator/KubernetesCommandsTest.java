package io.palisade.cli.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.chain.KnownNetwork;
import io.palisade.cli.CliRun;
import io.palisade.cli.ExitCodes;
import io.palisade.keys.bundle.DemoKeys;
import io.palisade.operator.model.SlotsView;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StakePoolStatus;
import io.palisade.operator.testing.MockCluster;
import io.palisade.operator.testing.TestPools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes commands end to end against fabric8's CRUD mock API server, reached the way a user's kubeconfig
 * would be (fabric8's auto-configuration, here from system properties).
 */
class KubernetesCommandsTest {
  static final List<String> PROPERTIES = List.of("kubernetes.master", "kubernetes.auth.tryKubeConfig",
      "kubernetes.auth.tryServiceAccount", "kubernetes.trust.certificates", "kubernetes.namespace");

  @TempDir Path dir;
  MockCluster cluster;
  KubernetesClient client;
  Path poolYaml;

  @BeforeEach
  void start() throws Exception {
    cluster = new MockCluster();
    client = cluster.client();
    System.setProperty("kubernetes.master", cluster.url());
    System.setProperty("kubernetes.auth.tryKubeConfig", "false");
    System.setProperty("kubernetes.auth.tryServiceAccount", "false");
    System.setProperty("kubernetes.trust.certificates", "true");
    System.setProperty("kubernetes.namespace", "default");
    poolYaml = dir.resolve("pool.yaml");
    Files.writeString(poolYaml, TestPools.yaml());
  }

  @AfterEach
  void stop() {
    PROPERTIES.forEach(System::clearProperty);
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void crd_printsTheGeneratedDefinition() {
    CliRun r = CliRun.run("k8s", "crd");
    assertThat(r.code()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("kind: \"CustomResourceDefinition\"").contains("name: \"stakepools.palisade.io\"")
        .contains("x-kubernetes-preserve-unknown-fields: true");
  }

  @Test
  void operatorManifests_printRbacAndADeployment_refuseAnUnpinnedImage() {
    CliRun r = CliRun.run("k8s", "operator-manifests", "--image", "registry.palisade.example/palisade/palisade:0.1.0"
        + "@sha256:0c8f1a2f3b9e4d5c6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b");
    assertThat(r.code()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("kind: \"ClusterRole\"").contains("kind: \"ClusterRoleBinding\"")
        .contains("kind: \"Deployment\"").contains("name: \"palisade-system\"");
    // The Deployment's /metrics port; its PodMonitor only when asked (it needs the Prometheus operator's CRDs).
    assertThat(r.out()).contains("containerPort: 8080").contains("name: \"metrics\"").doesNotContain("PodMonitor");
    CliRun monitored = CliRun.run("k8s", "operator-manifests", "--pod-monitor", "--monitoring-namespace", "mon",
        "--image", "registry.palisade.example/palisade/palisade:0.1.0"
        + "@sha256:0c8f1a2f3b9e4d5c6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b");
    assertThat(monitored.code()).isEqualTo(ExitCodes.OK);
    assertThat(monitored.out()).contains("kind: \"PodMonitor\"").contains("namespace: \"mon\"")
        .contains("replacement: \"palisade-operator\"");
    CliRun bad = CliRun.run("k8s", "operator-manifests", "--image", "docker.io/palisade:latest");
    assertThat(bad.code()).isEqualTo(ExitCodes.INVALID_INPUT);
  }

  // Without the CRD, apply refuses and says how to install it; crd --apply installs it.
  @Test
  void apply_withoutTheCrd_isRefused_untilCrdApplyInstallsIt() {
    client.apiextensions().v1().customResourceDefinitions().withName(StakePool.CRD_NAME).delete();
    CliRun refused = CliRun.run("k8s", "apply", poolYaml.toString());
    assertThat(refused.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(refused.err()).contains("palisade k8s crd --apply");

    CliRun crd = CliRun.run("k8s", "crd", "--apply");
    assertThat(crd.code()).isEqualTo(ExitCodes.OK);
    assertThat(crd.out()).contains("stakepools.palisade.io created");
    assertThat(CliRun.run("k8s", "apply", poolYaml.toString()).code()).isEqualTo(ExitCodes.OK);

    // --retry asks the operator, through an annotation, to try the spec's (failed) version once more.
    assertThat(CliRun.run("k8s", "apply", poolYaml.toString(), "--retry").code()).isEqualTo(ExitCodes.OK);
    assertThat(client.resources(StakePool.class).inNamespace(TestPools.NAMESPACE).withName(TestPools.NAME).get()
        .getMetadata().getAnnotations()).containsEntry("palisade.io/retry-version", TestPools.V1);
  }

  // switchover annotates a pool with a standby (the operator answers it); a pool without one is refused, exit 3.
  @Test
  void switchover_asksTheOperatorThroughTheAnnotation_refusedWithoutAStandby() throws Exception {
    assertThat(CliRun.run("k8s", "apply", poolYaml.toString()).code()).isEqualTo(ExitCodes.OK);
    CliRun refused = CliRun.run("k8s", "switchover", TestPools.NAME);
    assertThat(refused.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(refused.err()).contains("no standby");
    Files.writeString(poolYaml, TestPools.yaml().replace("  name: block-producer\n",
        "  name: block-producer\n  standby:\n    name: block-producer-standby\n"));
    assertThat(CliRun.run("k8s", "apply", poolYaml.toString()).code()).isEqualTo(ExitCodes.OK);
    CliRun asked = CliRun.run("k8s", "switchover", TestPools.NAME);
    assertThat(asked.code()).as(asked.err()).isEqualTo(ExitCodes.OK);
    assertThat(asked.out()).contains("switchover asked for StakePool " + TestPools.NAMESPACE + "/" + TestPools.NAME);
    assertThat(client.resources(StakePool.class).inNamespace(TestPools.NAMESPACE).withName(TestPools.NAME).get()
        .getMetadata().getAnnotations()).containsKey(StakePool.ANNOTATION_SWITCHOVER);
    assertThat(CliRun.run("k8s", "switchover", "nope").code()).isEqualTo(ExitCodes.REFUSED);
  }

  // apply creates the namespace and the StakePool, and fills the hot-key Secret from the verified bundle (in memory);
  // a second apply changes nothing; relay add patches the StakePool; the operator then reports a status with the
  // KES condition read from the installed certificate.
  @Test
  void apply_hotKeys_relayAdd_operator_status() throws Exception {
    DemoKeys.Result keys = DemoKeys.create(dir, KnownNetwork.PREVIEW.genesis(), Clock.systemUTC());

    CliRun r = CliRun.run("k8s", "apply", poolYaml.toString(), "--hot-key-bundle", keys.bundle().toString(),
        "--bundle-passphrase-file", keys.passphraseFile().toString(), "--pool-id", keys.poolIdHex(), "--json");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("\"change\" : \"CREATED\"").contains("\"hotKeysInstalled\" : true");
    assertThat(client.namespaces().withName(TestPools.NAMESPACE).get().getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    StakePool pool = client.resources(StakePool.class).inNamespace(TestPools.NAMESPACE).withName(TestPools.NAME)
        .get();
    assertThat(pool.getSpec().node.version).isEqualTo(TestPools.V1);
    Secret secret = client.secrets().inNamespace(TestPools.NAMESPACE).withName("tpool-hot-keys").get();
    assertThat(secret.getData()).containsOnlyKeys("kes.skey", "vrf.skey", "node.cert");
    assertThat(secret.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(pool.getMetadata().getUid()));
    assertThat(r.out() + r.err()).doesNotContain(secret.getData().get("kes.skey"));

    CliRun again = CliRun.run("k8s", "apply", poolYaml.toString());
    assertThat(again.out()).contains("unchanged");

    CliRun add = CliRun.run("relay", "add", "--kubernetes", "--pool", TestPools.NAME, "--region", "region-b");
    assertThat(add.code()).as(add.err()).isEqualTo(ExitCodes.OK);
    assertThat(add.out()).contains("relay-region-b-1");
    CliRun newRegion = CliRun.run("relay", "add", "--kubernetes", "--pool", TestPools.NAME, "--region", "region-c");
    assertThat(newRegion.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(newRegion.err()).contains("--public-address");
    assertThat(client.resources(StakePool.class).inNamespace(TestPools.NAMESPACE).withName(TestPools.NAME).get()
        .getSpec().relays.get(1).count).isEqualTo(2);

    CliRun before = CliRun.run("k8s", "status", TestPools.NAME);
    assertThat(before.code()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(before.out()).contains("no status yet");

    // The operator runs until the pool has its status and the added relay's StatefulSet, then is stopped as an
    // embedding program stops it (an interrupt); a fixed --stop-after was too short on a loaded machine.
    AtomicReference<CliRun> op = new AtomicReference<>();
    Thread operator = new Thread(() -> op.set(CliRun.run("operator", "--tick", "PT0.2S", "--metrics-port", "0")),
        "test-operator");
    operator.start();
    try {
      await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
        var relays = client.apps().statefulSets().inNamespace(TestPools.NAMESPACE).withName("relay-region-b").get();
        assertThat(relays).isNotNull();
        assertThat(relays.getSpec().getReplicas()).isEqualTo(2);
        CliRun status = CliRun.run("k8s", "status", TestPools.NAME);
        assertThat(status.out()).contains("KESExpiring=False KesValid").contains("Progressing=")
            .contains("relay-region-b-1")
            // The pool has its keys but nobody published its schedule: said so, never guessed.
            .contains("leader schedule: unknown: no leader schedule is published in the Secret "
                + TestPools.NAME + "-leader-schedule");
      });
    } finally {
      operator.interrupt();
      operator.join(Duration.ofMinutes(1).toMillis());
    }
    assertThat(operator.isAlive()).isFalse();
    assertThat(op.get().code()).as(op.get().err()).isEqualTo(ExitCodes.OK);
    assertThat(op.get().err()).contains("watching StakePools").contains("serving /metrics on port ")
        .contains("stopped");

    // pool.yaml still says one relay in region-b: applying it would drop relay-region-b-1, which the pool runs.
    CliRun drop = CliRun.run("k8s", "apply", poolYaml.toString());
    assertThat(drop.code()).isEqualTo(ExitCodes.REFUSED);
    assertThat(drop.err()).contains("relay-region-b-1");
  }

  // The slot ledger the operator keeps in status.slots: the epoch's line and each slot's verdict and why, in text and
  // --json (the whole status).
  @Test
  void status_showsTheSlotLedger() throws Exception {
    assertThat(CliRun.run("k8s", "apply", poolYaml.toString()).code()).isEqualTo(ExitCodes.OK);
    StakePool p = client.resources(StakePool.class).inNamespace(TestPools.NAMESPACE).withName(TestPools.NAME).get();
    SlotsView l = new SlotsView();
    l.producer = "block-producer";
    SlotsView.EpochView e = new SlotsView.EpochView();
    e.epoch = 612L;
    e.summary = "epoch 612: 2 scheduled, 1 adopted, 1 missed (node down 14:02–14:09)";
    SlotsView.SlotView adopted = new SlotsView.SlotView();
    adopted.slot = 82123401L;
    adopted.at = "2026-12-03T14:01:41Z";
    adopted.verdict = "ADOPTED";
    adopted.because = "forged and adopted (Forge_adopted +1)";
    SlotsView.SlotView down = new SlotsView.SlotView();
    down.slot = 82123802L;
    down.at = "2026-12-03T14:08:22Z";
    down.verdict = "MISSED_NODE_DOWN";
    down.because = "the block producer was down: no pod of block-producer runs";
    e.slots = List.of(adopted, down);
    SlotsView.EpochView previous = new SlotsView.EpochView();
    previous.epoch = 611L;
    previous.summary = "epoch 611: 3 scheduled, 3 adopted";
    l.epochs = List.of(previous, e);
    StakePoolStatus status = new StakePoolStatus();
    status.slots = l;
    p.setStatus(status);
    client.resources(StakePool.class).inNamespace(TestPools.NAMESPACE).resource(p).updateStatus();

    CliRun text = CliRun.run("k8s", "status", TestPools.NAME);
    assertThat(text.out()).contains("  slots: epoch 612: 2 scheduled, 1 adopted, 1 missed (node down 14:02–14:09)"
        + " (block-producer)")
        .containsPattern("82123401 +2026-12-03T14:01:41Z +adopted +forged and adopted \\(Forge_adopted \\+1\\)")
        .containsPattern("82123802 +2026-12-03T14:08:22Z +missed: node down +the block producer was down")
        .contains("  previous: epoch 611: 3 scheduled, 3 adopted");
    CliRun json = CliRun.run("k8s", "status", TestPools.NAME, "--json");
    assertThat(json.out()).contains("\"slots\"").contains("\"verdict\" : \"MISSED_NODE_DOWN\"")
        .contains("\"summary\" : \"epoch 612: 2 scheduled");
  }

  // A bad passphrase loses nothing: exit 2, no Secret data written.
  @Test
  void apply_withAWrongPassphrase_failsAndWritesNoKeys() throws Exception {
    DemoKeys.Result keys = DemoKeys.create(dir, KnownNetwork.PREVIEW.genesis(), Clock.systemUTC());
    Path wrong = dir.resolve("wrong.txt");
    Files.writeString(wrong, "not the passphrase\n");
    CliRun r = CliRun.run("k8s", "apply", poolYaml.toString(), "--hot-key-bundle", keys.bundle().toString(),
        "--bundle-passphrase-file", wrong.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains("wrong passphrase");
    assertThat(client.secrets().inNamespace(TestPools.NAMESPACE).withName("tpool-hot-keys").get()).isNull();
  }

  // An invalid pool.yaml is refused before anything reaches the cluster.
  @Test
  void apply_invalidSpec_exit2_nothingApplied() throws Exception {
    Files.writeString(poolYaml, TestPools.yaml().replace("count: 2", "count: 99"));
    CliRun r = CliRun.run("k8s", "apply", poolYaml.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains("relays[0].count");
    assertThat(client.resources(StakePool.class).inAnyNamespace().list().getItems()).isEmpty();
  }
}
