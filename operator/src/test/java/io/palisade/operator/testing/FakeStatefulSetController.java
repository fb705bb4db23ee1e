package io.palisade.operator.testing;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.palisade.deploy.model.PoolNames;
import io.palisade.operator.model.PodObservations;
import io.palisade.operator.model.PoolDesign;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * What kube-controller-manager and the kubelet would do for the pool's StatefulSets, as far as the operator cares:
 *
 * <ul>
 *   <li>pods {@code <sts>-<n>} are created one at a time in ordinal order, each only when the ones below are ready
 *       (OrderedReady), from the template revision their ordinal calls for: below the partition the current
 *       revision, at or above it the update revision; extra pods are deleted highest first;
 *   <li>a template change replaces the highest outdated pod at or above the partition, one at a time, and only while
 *       every pod is ready: a pod that never becomes ready stalls everything (kubernetes#67250) until someone
 *       deletes it;
 *   <li>the current revision becomes the update revision once every pod runs it and is ready;
 *   <li>a pod becomes Running at once and Ready {@link #readyAfter} after its creation, unless {@link #neverReady}
 *       says (pod name, node version) never does.
 * </ul>
 *
 * Everything it does, and every pod someone else deleted, goes to {@link #log()}; so does what
 * {@link #beforeScaleDown} saw before a scale-down.
 */
public final class FakeStatefulSetController implements AutoCloseable {
  private final KubernetesClient client;
  private final String namespace;
  private final Thread thread;
  private final Map<String, PodTemplateSpec> revisions = new ConcurrentHashMap<>();
  private final Map<String, String> knownUids = new HashMap<>();
  private final Map<String, String> knownVersions = new HashMap<>();
  private final Set<String> selfDeleted = new HashSet<>();
  private final Map<String, Instant> createdAt = new HashMap<>();
  private final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile boolean running = true;

  /** How long after its creation a pod becomes ready. */
  public volatile Duration readyAfter = Duration.ofMillis(300);
  /**
   * Asked, just before a pod is deleted because its StatefulSet was scaled below it, what the test wants recorded
   * about the cluster at that moment (null: nothing); logged as {@code scale-down POD WHAT}.
   */
  public volatile java.util.function.Function<String, String> beforeScaleDown = pod -> null;
  /** (pod name, node version) pairs that never become ready. */
  public volatile BiPredicate<String, String> neverReady = (pod, version) -> false;

  /**
   * Starts the controller on its own thread.
   *
   * @param client the client
   * @param namespace the namespace it manages
   */
  public FakeStatefulSetController(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    this.thread = new Thread(this::loop, "fake-statefulset-controller");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** What happened, in order: {@code create POD VERSION}, {@code ready POD VERSION}, {@code delete POD VERSION}
   * (by this controller), {@code deleted-by-others POD VERSION}. */
  public List<String> log() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  private void loop() {
    while (running) {
      try {
        tick();
      } catch (KubernetesClientException e) {
        // A conflict with the operator's writes: the next tick sees the new state.
      } catch (RuntimeException e) {
        if (running) {
          log.add("error " + e);
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void tick() {
    List<Pod> all = client.pods().inNamespace(namespace).list().getItems();
    noticeDeletions(all);
    for (Pod pod : all) {
      advance(pod);
    }
    for (StatefulSet sts : client.apps().statefulSets().inNamespace(namespace).list().getItems()) {
      reconcile(sts);
    }
  }

  private void noticeDeletions(List<Pod> pods) {
    Map<String, String> now = new HashMap<>();
    pods.forEach(p -> now.put(p.getMetadata().getName(), p.getMetadata().getUid()));
    for (Map.Entry<String, String> e : new ArrayList<>(knownUids.entrySet())) {
      String uid = now.get(e.getKey());
      if (uid == null || !uid.equals(e.getValue())) {
        if (!selfDeleted.remove(e.getValue())) {
          log.add("deleted-by-others " + e.getKey() + " " + knownVersions.get(e.getValue()));
        }
        knownUids.remove(e.getKey());
      }
    }
    for (Pod p : pods) {
      knownUids.put(p.getMetadata().getName(), p.getMetadata().getUid());
      knownVersions.put(p.getMetadata().getUid(), version(p));
    }
  }

  /** The kubelet: Running at once, Ready after {@link #readyAfter} unless the rule says never. */
  private void advance(Pod pod) {
    String uid = pod.getMetadata().getUid();
    Instant born = createdAt.computeIfAbsent(uid, u -> Instant.now());
    boolean ready = !neverReady.test(pod.getMetadata().getName(), version(pod))
        && !Instant.now().isBefore(born.plus(readyAfter));
    boolean wasReady = PodObservations.isReady(pod);
    boolean wasRunning = pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase());
    if (wasRunning && wasReady == ready) {
      return;
    }
    Pod copy = new PodBuilder(pod).withStatus(new PodStatusBuilder().withPhase("Running")
        .withConditions(new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False")
            .withMessage(ready ? null : "readiness probe /readyz: not synced").build())
        .withContainerStatuses(new ContainerStatusBuilder().withName(PoolNames.CONTAINER_NODE).withStarted(true)
            .withReady(ready).withNewState().withNewRunning().endRunning().endState().build())
        .build()).build();
    client.pods().inNamespace(namespace).resource(copy).updateStatus();
    if (ready && !wasReady) {
      log.add("ready " + pod.getMetadata().getName() + " " + version(pod));
    }
  }

  private void reconcile(StatefulSet sts) {
    String name = sts.getMetadata().getName();
    int replicas = sts.getSpec().getReplicas() == null ? 1 : sts.getSpec().getReplicas();
    int partition = sts.getSpec().getUpdateStrategy() == null
        || sts.getSpec().getUpdateStrategy().getRollingUpdate() == null
        || sts.getSpec().getUpdateStrategy().getRollingUpdate().getPartition() == null ? 0
        : sts.getSpec().getUpdateStrategy().getRollingUpdate().getPartition();
    String updateRevision = name + "-" + hash(sts.getSpec().getTemplate());
    revisions.put(updateRevision, sts.getSpec().getTemplate());
    String currentRevision = sts.getStatus() == null || sts.getStatus().getCurrentRevision() == null
        ? updateRevision : sts.getStatus().getCurrentRevision();

    Map<Integer, Pod> pods = new TreeMap<>();
    for (Pod p : client.pods().inNamespace(namespace).withLabel(PoolNames.LABEL_INSTANCE, name).list().getItems()) {
      String n = p.getMetadata().getName();
      pods.put(Integer.parseInt(n.substring(n.lastIndexOf('-') + 1)), p);
    }
    boolean acted = false;
    // Scale down, highest first.
    for (Integer ordinal : new ArrayList<>(pods.keySet())) {
      if (ordinal >= replicas && !acted) {
        Pod extra = pods.get(pods.keySet().stream().max(Integer::compare).orElseThrow());
        String seen = beforeScaleDown.apply(extra.getMetadata().getName());
        if (seen != null) {
          log.add("scale-down " + extra.getMetadata().getName() + " " + seen);
        }
        delete(extra);
        acted = true;
      }
    }
    // OrderedReady: create the first missing pod only when every pod below it is ready; a pod that is not ready
    // stops everything (this is what strands a StatefulSet on a bad revision, kubernetes#67250).
    boolean allReady = true;
    for (int i = 0; i < replicas && !acted; i++) {
      Pod p = pods.get(i);
      if (p == null) {
        create(sts, i, i < partition ? currentRevision : updateRevision);
        acted = true;
        allReady = false;
        break;
      }
      if (!PodObservations.isReady(p)) {
        allReady = false;
        break;
      }
    }
    // Rolling update: the highest outdated ordinal at or above the partition, one at a time, all pods ready.
    if (!acted && allReady) {
      for (int target = replicas - 1; target >= partition; target--) {
        Pod p = pods.get(target);
        if (p != null && !updateRevision.equals(revisionOf(p))) {
          delete(p);
          acted = true;
          break;
        }
      }
    }
    int ready = (int) pods.values().stream().filter(PodObservations::isReady).count();
    int updated = (int) pods.values().stream().filter(p -> updateRevision.equals(revisionOf(p))).count();
    if (!acted && pods.size() == replicas && ready == replicas && updated == replicas) {
      currentRevision = updateRevision;
    }
    StatefulSet copy = Serialization.clone(sts);
    copy.setStatus(new StatefulSetStatusBuilder().withReplicas(pods.size()).withReadyReplicas(ready)
        .withUpdatedReplicas(updated).withCurrentRevision(currentRevision).withUpdateRevision(updateRevision)
        .withObservedGeneration(sts.getMetadata().getGeneration()).build());
    if (!Serialization.asJson(copy.getStatus()).equals(Serialization.asJson(sts.getStatus()))) {
      client.apps().statefulSets().inNamespace(namespace).resource(copy).updateStatus();
    }
  }

  private void create(StatefulSet sts, int ordinal, String revision) {
    PodTemplateSpec t = revisions.get(revision);
    String podName = sts.getMetadata().getName() + "-" + ordinal;
    Map<String, String> labels = new LinkedHashMap<>(t.getMetadata().getLabels());
    labels.put("controller-revision-hash", revision);
    labels.put(PoolDesign.LABEL_POD_NAME, podName);
    Pod pod = new PodBuilder().withNewMetadata().withName(podName).withNamespace(namespace).withLabels(labels)
        .withAnnotations(t.getMetadata().getAnnotations())
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("StatefulSet")
            .withName(sts.getMetadata().getName()).withUid(sts.getMetadata().getUid()).withController(true).build())
        .endMetadata().withSpec(t.getSpec()).withNewStatus().withPhase("Pending").endStatus().build();
    Pod created = client.pods().inNamespace(namespace).resource(pod).create();
    createdAt.put(created.getMetadata().getUid(), Instant.now());
    log.add("create " + podName + " " + version(pod));
  }

  private void delete(Pod p) {
    selfDeleted.add(p.getMetadata().getUid());
    client.pods().inNamespace(namespace).withName(p.getMetadata().getName()).delete();
    log.add("delete " + p.getMetadata().getName() + " " + version(p));
  }

  private static String revisionOf(Pod p) {
    return p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get("controller-revision-hash");
  }

  private static String version(Pod p) {
    var v = PodObservations.versionOf(p);
    return v == null ? "?" : v.toString();
  }

  private static String hash(PodTemplateSpec t) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(Serialization.asJson(t).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, 10);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
