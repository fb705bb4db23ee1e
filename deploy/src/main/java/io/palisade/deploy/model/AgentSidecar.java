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
import io.palisade.spec.NodeRef;
import io.palisade.spec.PoolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The health agent beside a node: its container and, for a producer, the one extra volume it needs. The agent is told
 * the node's role ({@code --role}), because a producer started without its forging credentials shows no forging
 * evidence in its metrics and would otherwise be judged a ready relay. A producer's agent also reads the operational
 * certificate ({@code --opcert}: its issue counter, and whether the node runs the certificate the Secret holds), which
 * it gets as the only key projected from the hot-key Secret: the KES and VRF signing keys never reach the agent.
 *
 * <p>The role and the certificate's source are given apart ({@link Watching}), not read from the workload, so a
 * second block producer without forging credentials (a standby) renders with the same code: a producer role, and a
 * certificate only if it has one.
 */
public final class AgentSidecar {
  /** Where the agent reads the producer's operational certificate (a read-only Secret projection). */
  public static final String OPCERT_DIR = "/opcert";
  /** The Java runtime in Palisade's image (images/palisade/Dockerfile). */
  public static final String JAVA = "/opt/java/bin/java";
  /** The sidecar's jar in Palisade's image: {@code palisade agent} with only the classes it loads. */
  public static final String AGENT_JAR = "/opt/palisade/palisade-agent.jar";

  /**
   * The agent's JVM flags: a small heap (the agent's live data is a few MiB), the serial collector, small thread
   * stacks, and no JIT compiler: the agent parses one scrape every poll interval and answers a few probes a minute,
   * which the interpreter does with about 6 % of a core even at the memory harness's load (a poll a second, 25
   * requests a second, ten times a pod's), while the compiler's code cache and arenas cost some 6 MiB. With them the sidecar stays well under 64 MiB resident ({@code bench/run.sh
   * io.palisade.bench.agent.AgentMemoryHarness}, docs/agent.md); without them the image's {@code MaxRAMPercentage}
   * would let the heap grow to most of the container's limit.
   */
  public static final List<String> JVM_FLAGS = List.of("-Xms4m", "-Xmx16m", "-Xss256k", "-XX:+UseSerialGC", "-Xint",
      "-XX:MaxMetaspaceSize=48m", "-XX:-UsePerfData", "-XX:+ExitOnOutOfMemoryError");

  private final PoolSpec spec;
  private final MetricsBinding metrics;

  /**
   * What the agent is told about the node it watches.
   *
   * @param role {@link PoolNames#ROLE_RELAY} or {@link PoolNames#ROLE_BLOCK_PRODUCER}, passed as {@code --role}
   * @param opcertSecret the Secret whose {@link HotKeyFiles#NODE_CERT} key is the node's operational certificate, if
   *     it has one
   */
  public record Watching(String role, Optional<String> opcertSecret) {
    /** Requires the values and a known role. */
    public Watching {
      Objects.requireNonNull(opcertSecret, "opcertSecret");
      if (!PoolNames.ROLE_RELAY.equals(role) && !PoolNames.ROLE_BLOCK_PRODUCER.equals(role)) {
        throw new IllegalArgumentException("role must be " + PoolNames.ROLE_RELAY + " or "
            + PoolNames.ROLE_BLOCK_PRODUCER + ", was: " + role);
      }
    }

    /** A node of the pool: a relay, or the producer with the certificate of its hot-key Secret. */
    public static Watching node(NodeRef node, PoolNames names) {
      return node.isBlockProducer()
          ? new Watching(PoolNames.ROLE_BLOCK_PRODUCER, Optional.of(names.hotKeySecret()))
          : new Watching(PoolNames.ROLE_RELAY, Optional.empty());
    }
  }

  /**
   * @param spec the pool
   * @param metrics where the node serves its metrics in the pod
   */
  public AgentSidecar(PoolSpec spec, MetricsBinding metrics) {
    this.spec = spec;
    this.metrics = metrics;
  }

  /** The agent container for a node. */
  public Container container(String image, Watching watching) {
    return container(image, watching, false);
  }

  /**
   * The agent container for a node; {@code servesSchedule}: a producer's pod, whose agent also serves the schedule
   * sidecar's directory ({@link ScheduleSidecar}), mounted read-only.
   */
  public Container container(String image, Watching watching, boolean servesSchedule) {
    int agentPort = spec.ports().agent();
    List<String> args = new ArrayList<>(List.of("agent",
        "--node-metrics", metrics.url(),
        "--node-address", "127.0.0.1:" + spec.ports().nodeToNode(),
        "--network", spec.network().toString(),
        "--role", watching.role(),
        // The kubelet probes the pod IP, so the agent listens on every interface of the pod.
        "--listen", "0.0.0.0:" + agentPort));
    List<VolumeMount> mounts = new ArrayList<>(List.of(new VolumeMountBuilder().withName(PoolNames.VOLUME_TMP)
        .withMountPath("/tmp").withReadOnly(false).build()));
    if (watching.opcertSecret().isPresent()) {
      args.addAll(List.of("--opcert", OPCERT_DIR + "/" + HotKeyFiles.NODE_CERT));
      mounts.add(new VolumeMountBuilder().withName(PoolNames.VOLUME_OPCERT).withMountPath(OPCERT_DIR)
          .withReadOnly(true).build());
    }
    if (servesSchedule) {
      args.addAll(List.of("--leader-schedule-dir", ScheduleSidecar.SCHEDULE_DIR));
      mounts.add(ScheduleSidecar.agentMount());
    }
    List<String> command = new ArrayList<>();
    command.add(JAVA);
    command.addAll(JVM_FLAGS);
    command.addAll(List.of("-jar", AGENT_JAR));
    return new ContainerBuilder()
        .withName(PoolNames.CONTAINER_AGENT)
        .withImage(image)
        .withImagePullPolicy("IfNotPresent")
        .withCommand(command)
        .withArgs(args)
        .addNewPort().withName(PoolNames.PORT_AGENT).withContainerPort(agentPort).withProtocol("TCP").endPort()
        .withSecurityContext(SecurityContexts.container())
        .withResources(new ResourceRequirementsBuilder()
            .withRequests(new TreeMap<>(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("256Mi"),
                "ephemeral-storage", new Quantity("64Mi"))))
            .withLimits(new TreeMap<>(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("256Mi"),
                "ephemeral-storage", new Quantity("256Mi"))))
            .build())
        .withLivenessProbe(Probes.agentLiveness(agentPort))
        .withReadinessProbe(Probes.agentReadiness(agentPort))
        .withVolumeMounts(mounts)
        .build();
  }

  /**
   * The agent's certificate volume: the Secret's {@link HotKeyFiles#NODE_CERT} key and nothing else (a Secret volume
   * with {@code items} projects only the keys listed). Optional, so a Secret without a certificate yet never keeps the
   * pod from starting; the agent then reports that it cannot read the file.
   */
  public Optional<Volume> opcertVolume(Watching watching) {
    return watching.opcertSecret().map(secret -> new VolumeBuilder().withName(PoolNames.VOLUME_OPCERT)
        .withNewSecret().withSecretName(secret).withOptional(true).withDefaultMode(0440)
        .withItems(new KeyToPathBuilder().withKey(HotKeyFiles.NODE_CERT).withPath(HotKeyFiles.NODE_CERT).build())
        .endSecret().build());
  }
}
