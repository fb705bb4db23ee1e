package io.palisade.deploy.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.palisade.deploy.Fixtures;
import io.palisade.deploy.files.PoolFiles;
import io.palisade.deploy.model.HotKeyFiles;
import io.palisade.deploy.model.PoolNames;
import io.palisade.deploy.model.PoolResources;
import io.palisade.deploy.model.RenderOptions;
import io.palisade.deploy.model.ScheduleSidecar;
import io.palisade.spec.LoadedPoolSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The leader-schedule sidecar in every block producer's pod (the producer's, and the standby's): it gets the VRF key
 * and the certificate alone from the Secret the node's keys come from, never the KES key; the agent serves its
 * directory from a read-only mount; relays have none of it; every container keeps the hardened settings.
 */
class ScheduleSidecarRenderTest {
  @Test
  void everyProducerPod_hasTheSidecar_theAgentServesItReadOnly_relaysHaveNone() {
    check(Fixtures.mainnet(), Set.of("block-producer"));
    check(Fixtures.preview(), Set.of("block-producer", "block-producer-standby"));
  }

  private static void check(LoadedPoolSpec loaded, Set<String> producers) {
    PoolResources resources = PoolFiles.poolResources(loaded, RenderOptions.defaults());
    PoolNames names = resources.names();
    int seen = 0;
    List<StatefulSet> sets = resources.all().stream().filter(StatefulSet.class::isInstance)
        .map(StatefulSet.class::cast).toList();
    for (StatefulSet sts : sets) {
      String name = sts.getMetadata().getName();
      PodSpec pod = sts.getSpec().getTemplate().getSpec();
      Map<String, Container> containers = pod.getContainers().stream()
          .collect(Collectors.toMap(Container::getName, c -> c));
      hardened(pod);
      if (!producers.contains(name)) {
        assertThat(containers).as(name).doesNotContainKey(PoolNames.CONTAINER_SCHEDULE);
        assertThat(volume(pod, PoolNames.VOLUME_LEADER_SCHEDULE)).as(name).isEmpty();
        assertThat(containers.get(PoolNames.CONTAINER_AGENT).getArgs()).doesNotContain("--leader-schedule-dir");
        continue;
      }
      seen++;
      // The Secret the node's keys come from (the init step's): the hot-key Secret, or with a standby the producer's
      // own forging Secret.
      String secret = volume(pod, names.hasStandby() ? PoolNames.VOLUME_FORGING_SECRET
          : PoolNames.VOLUME_HOT_KEY_SECRET).orElseThrow().getSecret().getSecretName();
      assertThat(secret).isEqualTo(names.hasStandby() ? loaded.spec().name() + "-" + name + "-forging"
          : names.hotKeySecret());
      Container sidecar = containers.get(PoolNames.CONTAINER_SCHEDULE);
      assertThat(sidecar).as(name + " has the schedule sidecar").isNotNull();
      assertThat(sidecar.getArgs()).containsSubsequence("leader-schedule", "--watch", "--out-dir",
          ScheduleSidecar.SCHEDULE_DIR).contains("--socket-path", "/ipc/node.socket", "--vrf-signing-key-file",
          ScheduleSidecar.KEY_DIR + "/vrf.skey", "--op-cert-file", ScheduleSidecar.KEY_DIR + "/node.cert");
      assertThat(sidecar.getCommand()).contains("-jar", ScheduleSidecar.PALISADE_JAR);
      // The key volume: the node's own key Secret, optional (a standby has none yet), two keys, no KES key.
      Volume keys = volume(pod, PoolNames.VOLUME_SCHEDULE_KEY).orElseThrow();
      assertThat(keys.getSecret().getSecretName()).isEqualTo(secret);
      assertThat(keys.getSecret().getOptional()).isTrue();
      assertThat(keys.getSecret().getItems()).extracting(KeyToPath::getKey)
          .containsExactlyInAnyOrder(HotKeyFiles.VRF_SKEY, HotKeyFiles.NODE_CERT);
      assertThat(volume(pod, PoolNames.VOLUME_LEADER_SCHEDULE).orElseThrow().getEmptyDir()).isNotNull();
      assertThat(mount(sidecar, PoolNames.VOLUME_LEADER_SCHEDULE).getReadOnly()).isFalse();
      assertThat(mount(sidecar, PoolNames.VOLUME_SCHEDULE_KEY).getReadOnly()).isTrue();
      assertThat(mount(sidecar, PoolNames.VOLUME_IPC).getReadOnly()).isTrue();
      assertThat(sidecar.getVolumeMounts()).extracting(VolumeMount::getName)
          .doesNotContain(PoolNames.VOLUME_HOT_KEYS, PoolNames.VOLUME_HOT_KEY_SECRET, PoolNames.VOLUME_FORGING_SECRET);

      Container agent = containers.get(PoolNames.CONTAINER_AGENT);
      assertThat(agent.getArgs()).containsSubsequence("--leader-schedule-dir", ScheduleSidecar.SCHEDULE_DIR);
      assertThat(mount(agent, PoolNames.VOLUME_LEADER_SCHEDULE).getReadOnly()).isTrue();
      assertThat(agent.getVolumeMounts()).extracting(VolumeMount::getName)
          .doesNotContain(PoolNames.VOLUME_SCHEDULE_KEY, PoolNames.VOLUME_HOT_KEYS);
      noKesKeyButTheNode(pod, name);
    }
    assertThat(seen).isEqualTo(producers.size());
  }

  /** The KES key reaches the node (and the init step that lays it out) only: no other container mounts a volume
   * that can hold it. */
  private static void noKesKeyButTheNode(PodSpec pod, String name) {
    for (Container c : pod.getContainers()) {
      if (c.getName().equals(PoolNames.CONTAINER_NODE)) {
        continue;
      }
      for (VolumeMount m : c.getVolumeMounts()) {
        Volume v = volume(pod, m.getName()).orElseThrow();
        assertThat(v.getName()).as(name + "/" + c.getName()).isNotEqualTo(PoolNames.VOLUME_HOT_KEYS);
        if (v.getSecret() != null) {
          assertThat(v.getSecret().getItems()).as(name + "/" + c.getName() + " projects keys one by one").isNotEmpty();
          assertThat(v.getSecret().getItems()).extracting(KeyToPath::getKey).as(name + "/" + c.getName())
              .doesNotContain(HotKeyFiles.KES_SKEY);
        }
      }
    }
  }

  private static void hardened(PodSpec pod) {
    for (Container c : pod.getContainers()) {
      var sc = c.getSecurityContext();
      assertThat(sc.getReadOnlyRootFilesystem()).as(c.getName()).isTrue();
      assertThat(sc.getRunAsNonRoot()).as(c.getName()).isTrue();
      assertThat(sc.getAllowPrivilegeEscalation()).as(c.getName()).isFalse();
      assertThat(sc.getCapabilities().getDrop()).as(c.getName()).containsExactly("ALL");
      assertThat(c.getResources().getLimits()).as(c.getName()).containsKeys("cpu", "memory", "ephemeral-storage");
      assertThat(c.getResources().getRequests()).as(c.getName()).containsKeys("cpu", "memory");
    }
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
  }

  private static Optional<Volume> volume(PodSpec pod, String name) {
    return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst();
  }

  private static VolumeMount mount(Container c, String volume) {
    return c.getVolumeMounts().stream().filter(m -> m.getName().equals(volume)).findFirst()
        .orElseThrow(() -> new AssertionError(c.getName() + " does not mount " + volume));
  }
}
