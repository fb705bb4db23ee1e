package io.palisade.deploy.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.palisade.spec.PoolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The leader-schedule sidecar of a block producer's pod (the producer's and the standby's): {@code palisade
 * leader-schedule --watch --out-dir} against the node's own socket, with the VRF signing key the pod already holds,
 * writing {@code epoch-<N>.json} into an emptyDir that the agent serves read-only ({@code --leader-schedule-dir}); the
 * operator copies them into the pool's {@code <pool>-leader-schedule} Secret. So no container of the pod needs a
 * Kubernetes token, and the operator never reads a key.
 *
 * <p>The sidecar gets the VRF signing key and the operational certificate (for the pool id) alone, projected from the
 * Secret the node's keys come from (the hot-key Secret, or with a standby the producer's own forging Secret, which
 * exists only for the lease holder: {@code optional}, so a standby's sidecar starts, finds no key, and waits). Never
 * the KES key, and never the in-memory hot-key volume.
 */
public final class ScheduleSidecar {
  /** Where the sidecar writes and the agent reads the schedule files. */
  public static final String SCHEDULE_DIR = "/leader-schedule";
  /** Where the sidecar reads its VRF key and certificate. */
  public static final String KEY_DIR = "/schedule-keys";
  /** Palisade's whole CLI in its image (the sidecar needs the leader check, not only the agent). */
  public static final String PALISADE_JAR = "/opt/palisade/palisade.jar";
  /**
   * The sidecar's JVM: a whole mainnet epoch online runs in 64 MiB of heap with the serial collector at about 120 MiB
   * resident ({@code bench/run.sh io.palisade.bench.leader.VrfEpochHarness}, bench/README.md), faster than with the
   * JVM's defaults; the cap also keeps the image's {@code MaxRAMPercentage} from sizing the heap from the limit. The
   * JIT stays: the VRF is the computation.
   */
  public static final List<String> JVM_FLAGS = List.of("-Xms16m", "-Xmx64m", "-XX:+UseSerialGC", "-XX:-UsePerfData",
      "-XX:+ExitOnOutOfMemoryError");

  private final PoolSpec spec;
  private final PoolNames names;

  /**
   * @param spec the pool
   */
  public ScheduleSidecar(PoolSpec spec) {
    this.spec = spec;
    this.names = new PoolNames(spec);
  }

  /** The emptyDir the sidecar writes and the agent reads (a few KiB: two epochs). */
  public Volume scheduleVolume() {
    return new VolumeBuilder().withName(PoolNames.VOLUME_LEADER_SCHEDULE).withNewEmptyDir()
        .withSizeLimit(new Quantity("4Mi")).endEmptyDir().build();
  }

  /**
   * The sidecar's keys: {@link HotKeyFiles#VRF_SKEY} and {@link HotKeyFiles#NODE_CERT} of {@code secret}, nothing else.
   * Optional: a producer without the lease (no forging Secret) still starts; its sidecar waits for the key.
   *
   * @param secret the Secret the producer's node gets its keys from
   * @return the volume
   */
  public Volume keyVolume(String secret) {
    return new VolumeBuilder().withName(PoolNames.VOLUME_SCHEDULE_KEY).withNewSecret().withSecretName(secret)
        .withOptional(true).withDefaultMode(0440)
        .withItems(new KeyToPathBuilder().withKey(HotKeyFiles.VRF_SKEY).withPath(HotKeyFiles.VRF_SKEY).build(),
            new KeyToPathBuilder().withKey(HotKeyFiles.NODE_CERT).withPath(HotKeyFiles.NODE_CERT).build())
        .endSecret().build();
  }

  /** The agent's read-only mount of the schedule directory. */
  public static VolumeMount agentMount() {
    return new VolumeMountBuilder().withName(PoolNames.VOLUME_LEADER_SCHEDULE).withMountPath(SCHEDULE_DIR)
        .withReadOnly(true).build();
  }

  /** The sidecar's container. */
  public Container container(String image) {
    List<String> args = new ArrayList<>(List.of("leader-schedule", "--watch",
        "--out-dir", SCHEDULE_DIR,
        "--socket-path", NodeStatefulSets.IPC_DIR + "/node.socket",
        "--network", spec.network().toString(),
        "--vrf-signing-key-file", KEY_DIR + "/" + HotKeyFiles.VRF_SKEY,
        "--op-cert-file", KEY_DIR + "/" + HotKeyFiles.NODE_CERT,
        "--timezone", "UTC"));
    List<String> command = new ArrayList<>();
    command.add(AgentSidecar.JAVA);
    command.addAll(JVM_FLAGS);
    command.addAll(List.of("-jar", PALISADE_JAR));
    return new ContainerBuilder()
        .withName(PoolNames.CONTAINER_SCHEDULE)
        .withImage(image)
        .withImagePullPolicy("IfNotPresent")
        .withCommand(command)
        .withArgs(args)
        .withSecurityContext(SecurityContexts.container())
        .withResources(new ResourceRequirementsBuilder()
            .withRequests(new TreeMap<>(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("256Mi"),
                "ephemeral-storage", new Quantity("16Mi"))))
            .withLimits(new TreeMap<>(Map.of("cpu", new Quantity("1"), "memory", new Quantity("256Mi"),
                "ephemeral-storage", new Quantity("64Mi"))))
            .build())
        .withVolumeMounts(
            new VolumeMountBuilder().withName(PoolNames.VOLUME_LEADER_SCHEDULE).withMountPath(SCHEDULE_DIR)
                .withReadOnly(false).build(),
            new VolumeMountBuilder().withName(PoolNames.VOLUME_SCHEDULE_KEY).withMountPath(KEY_DIR)
                .withReadOnly(true).build(),
            // The node's socket, read-only: connecting to a Unix socket is allowed on a read-only mount (Linux checks
            // the mount's write flag for files, directories and links only), so the sidecar cannot replace it.
            new VolumeMountBuilder().withName(PoolNames.VOLUME_IPC).withMountPath(NodeStatefulSets.IPC_DIR)
                .withReadOnly(true).build(),
            new VolumeMountBuilder().withName(PoolNames.VOLUME_TMP).withMountPath("/tmp").withReadOnly(false).build())
        .build();
  }

  /** The Secret a producer's node reads its keys from: its forging Secret with a standby, else the hot-key Secret. */
  public String keySecret(io.palisade.spec.NodeRef producer) {
    return names.hasStandby() ? names.forgingSecret(producer) : names.hotKeySecret();
  }
}
