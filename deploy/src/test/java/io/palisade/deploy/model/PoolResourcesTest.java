package io.palisade.deploy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.palisade.deploy.Fixtures;
import io.palisade.deploy.RenderRefusedException;
import io.palisade.deploy.files.PoolFiles;
import io.palisade.spec.LoadedPoolSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kubernetes objects of a pool: valid fabric8 objects, hardened, deterministic, refusing what must not run. */
class PoolResourcesTest {
  @TempDir Path dir;

  private final PoolResources resources = PoolFiles.poolResources(Fixtures.mainnet(), RenderOptions.defaults());

  @Test
  void everyObject_roundTripsThroughFabric8_withNoUnknownField() {
    for (HasMetadata o : resources.all()) {
      String yaml = KubernetesYaml.write(o);
      List<HasMetadata> back = KubernetesYaml.read(yaml);
      assertThat(back).as(yaml).hasSize(1);
      assertThat(back.get(0).getClass()).isEqualTo(o.getClass());
      assertThat(KubernetesYaml.unknownFields(back.get(0))).as(manifest(o)).isEmpty();
      assertThat(back.get(0)).isEqualTo(o);
    }
  }

  @Test
  void unknownFields_findsATypo() {
    String yaml = KubernetesYaml.write(statefulSet("block-producer"))
        .replace("readOnlyRootFilesystem: true", "readOnlyRootFileSystem: true");
    assertThat(KubernetesYaml.unknownFields(KubernetesYaml.read(yaml).get(0)))
        .anyMatch(f -> f.contains("securityContext: readOnlyRootFileSystem"));
    assertThat(KubernetesYaml.unknownFields(KubernetesYaml.read("apiVersion: x.example/v1\nkind: Thing\nmetadata:\n"
        + "  name: t\n").get(0))).singleElement().asString().contains("not a fabric8 model class");
  }

  @Test
  void rendering_isDeterministic() {
    PoolResources again = PoolFiles.poolResources(Fixtures.mainnet(), RenderOptions.defaults());
    List<String> first = resources.all().stream().map(KubernetesYaml::write).toList();
    List<String> second = again.all().stream().map(KubernetesYaml::write).toList();
    assertThat(second).isEqualTo(first);
  }

  @Test
  void namespace_enforcesRestricted_andNamesTheRegistry() {
    Namespace ns = resources.namespace();
    assertThat(ns.getMetadata().getLabels()).containsEntry(PoolNames.PSA_ENFORCE, "restricted")
        .containsEntry(PoolNames.PSA_WARN, "restricted");
    assertThat(ns.getMetadata().getAnnotations()).containsEntry(PoolNames.ANNOTATION_REGISTRY,
        "registry.pyur.example");
  }

  @Test
  void oneStatefulSetPerRegion_withCountReplicas_podsNamedLikeTheSpecsRelays() {
    StatefulSet eu = statefulSet("relay-eu-west");
    assertThat(eu.getSpec().getReplicas()).isEqualTo(2);
    assertThat(eu.getSpec().getServiceName()).isEqualTo("relay-eu-west");
    assertThat(resources.names().podName(Fixtures.mainnet().spec().relayRefs().get(1))).isEqualTo("relay-eu-west-1");
    assertThat(eu.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
        .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0).getMatchExpressions()
        .get(0).getValues()).containsExactly("eu-west");
    assertThat(eu.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests().get("storage")
        .toString()).isEqualTo("300Gi");
  }

  @Test
  void blockProducer_clusterIpOnly_relaysLoadBalancedTcpOnly() {
    List<Service> services = resources.all().stream().filter(Service.class::isInstance).map(Service.class::cast)
        .toList();
    Service bp = services.stream().filter(s -> s.getMetadata().getName().equals("block-producer")).findFirst()
        .orElseThrow();
    assertThat(bp.getSpec().getType()).isEqualTo("ClusterIP");
    List<Service> lbs = services.stream().filter(s -> "LoadBalancer".equals(s.getSpec().getType())).toList();
    assertThat(lbs).extracting(s -> s.getMetadata().getName())
        .containsExactly("relay-eu-west-public", "relay-us-east-public", "relay-ap-southeast-public");
    assertThat(lbs).allSatisfy(s -> {
      assertThat(s.getSpec().getPorts()).singleElement().satisfies(p -> {
        assertThat(p.getProtocol()).isEqualTo("TCP");
        assertThat(p.getPort()).isEqualTo(3001);
      });
      assertThat(s.getSpec().getSelector()).containsEntry(PoolNames.LABEL_ROLE, PoolNames.ROLE_RELAY);
    });
  }

  @Test
  void nodeContainer_probesHardeningAndResources() {
    Container node = container(statefulSet("block-producer"), PoolNames.CONTAINER_NODE);
    assertThat(node.getStartupProbe().getHttpGet().getPath()).isEqualTo(Probes.STARTUP_PATH);
    assertThat(node.getStartupProbe().getPeriodSeconds() * node.getStartupProbe().getFailureThreshold())
        .isEqualTo(12 * 3600);
    assertThat(node.getLivenessProbe().getHttpGet().getPath()).isEqualTo(Probes.LIVENESS_PATH);
    assertThat(node.getReadinessProbe().getHttpGet().getPath()).isEqualTo(Probes.READINESS_PATH);
    assertThat(node.getLivenessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(12799);
    assertThat(node.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(node.getSecurityContext().getRunAsUser()).isGreaterThanOrEqualTo(10000);
    assertThat(node.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(node.getArgs()).contains("--shelley-vrf-key", "/hot-keys/vrf.skey");
    assertThat(node.getResources().getLimits().get("memory").toString()).isEqualTo("32Gi");
    assertThat(statefulSet("block-producer").getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
        .isEqualTo(600L);
  }

  @Test
  void agentSidecar_isToldTheRole_andTheProducersAgentReadsTheOpcertAlone() {
    // A producer started without its forging credentials shows no forging evidence: only the role tells.
    Container bpAgent = container(statefulSet("block-producer"), PoolNames.CONTAINER_AGENT);
    assertThat(bpAgent.getArgs()).containsExactly("agent", "--node-metrics", "http://127.0.0.1:12798/metrics",
        "--node-address", "127.0.0.1:3001", "--network", "mainnet", "--role", "block-producer",
        "--listen", "0.0.0.0:12799", "--opcert", "/opcert/node.cert", "--leader-schedule-dir", "/leader-schedule");
    assertThat(bpAgent.getCommand()).startsWith("/opt/java/bin/java", "-Xms4m", "-Xmx16m")
        .endsWith("-jar", "/opt/palisade/palisade-agent.jar");
    assertThat(bpAgent.getVolumeMounts()).extracting(m -> m.getName() + ":" + m.getMountPath() + ":" + m.getReadOnly())
        .containsExactlyInAnyOrder("tmp:/tmp:false", "opcert:/opcert:true", "leader-schedule:/leader-schedule:true");
    Volume opcert = statefulSet("block-producer").getSpec().getTemplate().getSpec().getVolumes().stream()
        .filter(v -> v.getName().equals(PoolNames.VOLUME_OPCERT)).findFirst().orElseThrow();
    assertThat(opcert.getSecret().getSecretName()).isEqualTo("pyur-hot-keys");
    assertThat(opcert.getSecret().getItems()).extracting(k -> k.getKey() + "->" + k.getPath())
        .containsExactly("node.cert->node.cert");
    assertThat(opcert.getSecret().getOptional()).isTrue();

    Container relayAgent = container(statefulSet("relay-us-east"), PoolNames.CONTAINER_AGENT);
    assertThat(relayAgent.getArgs()).contains("--role", "relay").doesNotContain("--opcert");
    assertThat(relayAgent.getVolumeMounts()).extracting(m -> m.getName()).containsExactly("tmp");
  }

  @Test
  void agentSidecar_rendersAStandbyProducer_aProducerRoleWithoutACertificate() {
    // A second producer without forging credentials (a standby) reuses the sidecar: producer role, no opcert volume.
    AgentSidecar sidecar = new AgentSidecar(Fixtures.mainnet().spec(), MetricsBinding.loopback(Fixtures.mainnet().spec().ports()));
    AgentSidecar.Watching standby = new AgentSidecar.Watching(PoolNames.ROLE_BLOCK_PRODUCER, Optional.empty());
    assertThat(sidecar.container("img", standby).getArgs()).contains("--role", "block-producer")
        .doesNotContain("--opcert");
    assertThat(sidecar.opcertVolume(standby)).isEmpty();
    assertThatThrownBy(() -> new AgentSidecar.Watching("wallet", Optional.empty()))
        .hasMessageContaining("role must be");
  }

  @Test
  void defaults_fillWhatTheSpecOmits_perNetwork() {
    PoolResources demo = PoolFiles.poolResources(Fixtures.preview(), RenderOptions.defaults());
    StatefulSet bp = demo.all().stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast)
        .findFirst().orElseThrow();
    Container node = container(bp, PoolNames.CONTAINER_NODE);
    assertThat(node.getResources().getRequests().get("memory").toString()).isEqualTo("6Gi");
    assertThat(node.getResources().getLimits().get("cpu").toString()).isEqualTo("2");
    assertThat(bp.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(300L);
  }

  @Test
  void relays_neverMountTheHotKeys_andTheSecretHasNoDataByDefault() {
    StatefulSet relay = statefulSet("relay-us-east");
    assertThat(relay.getSpec().getTemplate().getSpec().getVolumes()).noneMatch(v -> v.getSecret() != null);
    Secret secret = resources.hotKeySecret(Optional.empty());
    assertThat(secret.getData()).isNullOrEmpty();
    assertThat(secret.getMetadata().getName()).isEqualTo("pyur-hot-keys");
  }

  @Test
  void hotKeySecret_withKeys_carriesThemBase64_andTheKeysObjectRevealsNothing() {
    HotKeyFiles keys = HotKeyFiles.of(Map.of("kes.skey", "kes-secret".getBytes(), "vrf.skey", "V".getBytes(),
        "node.cert", "C".getBytes()));
    Secret secret = resources.hotKeySecret(Optional.of(keys));
    assertThat(secret.getData()).containsEntry("vrf.skey", "Vg==").containsKeys("kes.skey", "node.cert");
    assertThat(keys.toString()).doesNotContain("kes-secret").isEqualTo("HotKeyFiles[redacted]");
    keys.close();
    assertThatThrownBy(() -> keys.revealBytes("kes.skey")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> HotKeyFiles.of(Map.of("kes.skey", new byte[1]))).hasMessageContaining("exactly");
  }

  @Test
  void imagesNotPinnedOrFromAnotherRegistry_areRefused() {
    LoadedPoolSpec noPalisade = Fixtures.load(dir, Fixtures.text("pool.yaml").replaceAll(
        "(?s)palisade:\\n  image: [^\\n]*\\n", ""));
    assertThatThrownBy(() -> PoolFiles.poolResources(noPalisade, RenderOptions.defaults()).all())
        .isInstanceOf(RenderRefusedException.class).hasMessageContaining("palisade.image is required");
    var spec = Fixtures.mainnet().spec();
    var otherRegistry = new io.palisade.spec.PoolSpec(spec.name(), spec.network(),
        new io.palisade.spec.NodeSpec(spec.node().version(), io.palisade.spec.ImageRef.parse(
            "evil.example.org/cardano-node@sha256:" + "0".repeat(64)), null),
        spec.registry(), spec.blockProducer(), spec.relays(), spec.peers(), spec.ports(), spec.keys(),
        spec.console(), spec.upgrade(), spec.palisade(), spec.firewall());
    assertThatThrownBy(() -> PoolFiles.poolResources(otherRegistry, dir, RenderOptions.defaults()).all())
        .isInstanceOf(RenderRefusedException.class).hasMessageContaining("must come from the pool's registry");
  }

  @Test
  void configMap_holdsTheSameBytesAsTheNodeFiles() {
    var cm = resources.all().stream().filter(o -> o.getMetadata().getName().equals("relay-eu-west-config"))
        .map(io.fabric8.kubernetes.api.model.ConfigMap.class::cast).findFirst().orElseThrow();
    var relay = Fixtures.mainnet().spec().relayRefs().get(1);
    assertThat(cm.getData().get("relay-eu-west-1.topology.json").getBytes(StandardCharsets.UTF_8))
        .isEqualTo(resources.nodeTopologies().get(relay));
    assertThat(cm.getData().get("config.json").getBytes(StandardCharsets.UTF_8))
        .isEqualTo(resources.nodeConfigs().get(relay));
  }

  private StatefulSet statefulSet(String name) {
    return resources.all().stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast)
        .filter(s -> s.getMetadata().getName().equals(name)).findFirst().orElseThrow();
  }

  private static Container container(StatefulSet s, String name) {
    return s.getSpec().getTemplate().getSpec().getContainers().stream().filter(c -> c.getName().equals(name))
        .findFirst().orElseThrow();
  }

  private static String manifest(HasMetadata o) {
    return o.getKind() + "/" + o.getMetadata().getName();
  }
}
