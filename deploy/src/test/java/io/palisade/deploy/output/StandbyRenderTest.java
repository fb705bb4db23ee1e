package io.palisade.deploy.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.palisade.chain.NetworkRef;
import io.palisade.deploy.Fixtures;
import io.palisade.deploy.files.PoolFiles;
import io.palisade.deploy.model.CanonicalJson;
import io.palisade.deploy.model.HotKeyFiles;
import io.palisade.deploy.model.PoolNames;
import io.palisade.deploy.model.PoolResources;
import io.palisade.deploy.model.RenderOptions;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.NodeVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pool with a standby: the standby is rendered as a second block producer, private, and every relay peers both; on
 * Kubernetes it has its own StatefulSet and Service, starts without credentials, and each producer reads only its own
 * forging Secret.
 */
class StandbyRenderTest {
  static final String BP = "block-producer";
  static final String STANDBY = "block-producer-standby";

  @TempDir Path dir;

  @Test
  void standby_isRenderedAsABlockProducer_andRelaysConnectToBothProducers() {
    LoadedPoolSpec loaded = Fixtures.preview();
    assertThat(loaded.spec().standbyRef()).isPresent();
    PoolRenderer.Rendered r = PoolRenderer.render(loaded, RenderOptions.defaults(), Optional.empty());
    Map<String, String> files = r.files().stream().collect(Collectors.toMap(RenderedFile::path,
        f -> new String(f.bytes(), StandardCharsets.UTF_8)));
    String bp = files.get("firewall/block-producer.nft");
    String standby = files.get("firewall/block-producer-standby.nft");
    assertThat(standby).as("the standby's host firewall is a block producer's: relays only")
        .isEqualTo(bp.replace("block-producer", "block-producer-standby"));
    assertThat(files.get("nodes/block-producer-standby/topology.json"))
        .as("a producer peers only with relays").isEqualTo(files.get("nodes/block-producer/topology.json"));
    assertThat(r.warnings()).as("Kubernetes has the standby now").noneMatch(w -> w.contains("standby"));
  }

  @Test
  void kubernetes_standbyHasItsOwnStatefulSetAndService_startsKeyless_agentWatchesAProducer() {
    PoolResources resources = PoolFiles.poolResources(Fixtures.preview(), RenderOptions.defaults());
    PoolNames names = resources.names();
    List<HasMetadata> all = resources.all();
    StatefulSet standby = find(all, StatefulSet.class, STANDBY);
    assertThat(standby.getSpec().getReplicas()).isEqualTo(1);
    assertThat(standby.getSpec().getServiceName()).isEqualTo(STANDBY);
    assertThat(standby.getSpec().getSelector().getMatchLabels()).containsEntry(PoolNames.LABEL_ROLE,
        PoolNames.ROLE_BLOCK_PRODUCER).containsEntry(PoolNames.LABEL_INSTANCE, STANDBY);
    assertThat(find(all, Service.class, STANDBY).getSpec().getSelector()).containsEntry(PoolNames.LABEL_INSTANCE,
        STANDBY);
    assertThat(all).anyMatch(o -> o.getKind().equals("PodDisruptionBudget") && o.getMetadata().getName()
        .equals(STANDBY));
    assertThat(find(all, ConfigMap.class, STANDBY + "-config").getData()).containsKey(STANDBY + "-0.topology.json");

    for (String producer : List.of(BP, STANDBY)) {
      StatefulSet sts = find(all, StatefulSet.class, producer);
      var pod = sts.getSpec().getTemplate().getSpec();
      // Credentials only from the producer's own forging Secret, optional: it exists only for the lease holder.
      Volume forging = pod.getVolumes().stream().filter(v -> v.getName().equals(PoolNames.VOLUME_FORGING_SECRET))
          .findFirst().orElseThrow();
      assertThat(forging.getSecret().getSecretName()).isEqualTo("demo-" + producer + "-forging");
      assertThat(forging.getSecret().getOptional()).isTrue();
      assertThat(pod.getVolumes()).noneMatch(v -> v.getSecret() != null && v.getSecret().getItems() == null
          && names.hotKeySecret().equals(v.getSecret().getSecretName()));
      Container prepare = pod.getInitContainers().get(0);
      assertThat(prepare.getArgs()).contains("--hot-keys-optional", "--hot-keys-from");
      Container agent = pod.getContainers().stream().filter(c -> c.getName().equals(PoolNames.CONTAINER_AGENT))
          .findFirst().orElseThrow();
      assertThat(agent.getArgs()).containsSequence("--role", PoolNames.ROLE_BLOCK_PRODUCER)
          .containsSequence("--opcert", "/opcert/" + HotKeyFiles.NODE_CERT);
      Volume opcert = pod.getVolumes().stream().filter(v -> v.getName().equals(PoolNames.VOLUME_OPCERT))
          .findFirst().orElseThrow();
      assertThat(opcert.getSecret().getItems()).as("the agent gets the opcert, never the KES or VRF key")
          .singleElement().satisfies(i -> assertThat(i.getKey()).isEqualTo(HotKeyFiles.NODE_CERT));
      Container node = pod.getContainers().get(0);
      assertThat(node.getArgs()).contains("--shelley-kes-key", "--shelley-vrf-key");
    }
  }

  @Test
  void kubernetes_relaysListEachProducerOnce() {
    PoolResources resources = PoolFiles.poolResources(Fixtures.preview(), RenderOptions.defaults());
    for (byte[] bytes : resources.nodeTopologies().entrySet().stream().filter(e -> !e.getKey().isBlockProducer())
        .map(Map.Entry::getValue).toList()) {
      JsonNode t = CanonicalJson.readObject(bytes, "topology");
      List<String> hosts = new ArrayList<>();
      t.get("localRoots").get(0).get("accessPoints").forEach(p -> hosts.add(p.get("address").asText()));
      assertThat(hosts).doesNotHaveDuplicates();
      assertThat(hosts).anyMatch(h -> h.startsWith(BP + ".")).anyMatch(h -> h.startsWith(STANDBY + "."));
    }
  }

  @Test
  void prepare_optionalKeys_anEmptySecretLaysOutNoKey_aPartialOneIsRefused() throws Exception {
    Path rendered = dir.resolve("r");
    new OutputDirectory(rendered).write(PoolRenderer.render(Fixtures.preview(), RenderOptions.defaults(),
        Optional.empty()).files());
    Path node = rendered.resolve("nodes/" + STANDBY);
    Path empty = Files.createDirectories(dir.resolve("empty-secret"));
    Path keys = dir.resolve("hot-keys");
    NodeFilesPreparer.prepare(new NodeFilesPreparer.Request(NetworkRef.parse("preview"), NodeVersion.parse("10.5.3"),
        "block-producer", node.resolve("config.json"), node.resolve("topology.json"), dir.resolve("network"),
        Optional.of(empty), Optional.of(keys), true));
    try (var s = Files.list(keys)) {
      assertThat(s).isEmpty();
    }
    Files.writeString(empty.resolve(HotKeyFiles.KES_SKEY), "only one");
    assertThatThrownBy(() -> NodeFilesPreparer.prepare(new NodeFilesPreparer.Request(NetworkRef.parse("preview"),
        NodeVersion.parse("10.5.3"), "block-producer", node.resolve("config.json"), node.resolve("topology.json"),
        dir.resolve("network2"), Optional.of(empty), Optional.of(dir.resolve("k2")), true)))
        .isInstanceOf(Exception.class);
  }

  private static <T extends HasMetadata> T find(List<HasMetadata> all, Class<T> type, String name) {
    return all.stream().filter(type::isInstance).map(type::cast).filter(o -> o.getMetadata().getName().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
  }
}
