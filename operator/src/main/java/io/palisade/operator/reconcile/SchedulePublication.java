package io.palisade.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.control.ControlEvent;
import io.palisade.control.ControlEvent.Reason;
import io.palisade.deploy.model.HotKeyFiles;
import io.palisade.deploy.model.PoolNames;
import io.palisade.operator.model.PublishedSchedule;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.NodeRef;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the block producer's leader schedule: copies what the forging producer's agent serves (the files its
 * pod's schedule sidecar computed with the VRF key the pod holds) into the pool's Secret {@code <pool>-leader-schedule},
 * which stays the one source the operator's gating reads ({@link LeaderSchedules}). The operator computes nothing and
 * reads no key; the producer's pod needs no Kubernetes token.
 *
 * <p>Only the producer that forges is asked: the block producer when its hot-key Secret holds a VRF key, or with a
 * standby the holder of the producer lease, and only while its own forging Secret holds one (a standby's sidecar has
 * no key and serves nothing; a former holder's files are never read). Only files {@link PublishedSchedule} accepts
 * (checked against genesis) of the current and the next epoch are copied; epochs before the current one are dropped;
 * the Secret is written only when its content changes, with who published it and when as annotations.
 */
final class SchedulePublication {
  /** Annotation on the Secret: the pod whose agent served the schedule last copied. */
  static final String ANNOTATION_FROM = "palisade.io/published-from";
  /** Annotation on the Secret: when it was last copied. */
  static final String ANNOTATION_AT = "palisade.io/published-at";

  private static final Logger LOG = LoggerFactory.getLogger(SchedulePublication.class);

  private SchedulePublication() {}

  /**
   * Copies the forging producer's served schedule into the Secret, when it changed.
   *
   * @param client the client
   * @param loaded the pool
   * @param names its names
   * @param pods the pool's pods this pass
   * @param agents where the agents are read
   * @param holder the producer lease's holder (a pool with a standby), or null
   * @param now the time
   * @return the event saying what was published, when something was
   */
  static Optional<ControlEvent> copy(KubernetesClient client, LoadedPoolSpec loaded, PoolNames names, List<Pod> pods,
      ProducerAgents agents, String holder, Instant now) {
    String ns = names.namespace();
    Optional<NodeRef> forger = forger(client, loaded, names, holder);
    if (forger.isEmpty()) {
      return Optional.empty();
    }
    String podName = names.podName(forger.get());
    Pod pod = pods.stream().filter(p -> podName.equals(p.getMetadata().getName())
        && p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null
        && "Running".equals(p.getStatus().getPhase())).findFirst().orElse(null);
    if (pod == null) {
      return Optional.empty();
    }
    Map<String, byte[]> served = agents.schedules(client, pod, loaded.spec().ports().agent());
    if (served.isEmpty()) {
      return Optional.empty();
    }
    GenesisParameters genesis = loaded.genesis();
    ChainClock chain = new ChainClock(genesis, Clock.fixed(now, ZoneOffset.UTC));
    long current = chain.epochOf(chain.slotAt(now));
    Map<String, byte[]> accepted = new TreeMap<>();
    for (Map.Entry<String, byte[]> file : served.entrySet()) {
      long epoch = epochOf(file.getKey());
      if (epoch != current && epoch != current + 1) {
        continue; // a past epoch, or one the sidecar cannot know yet: nothing the gating reads
      }
      Optional<String> problem = PublishedSchedule.fileProblem(file.getKey(), file.getValue(), genesis);
      if (problem.isPresent()) {
        LOG.warn("{}/{}: not publishing {} served by {}: {}", ns, loaded.spec().name(), file.getKey(), podName,
            problem.get());
        continue;
      }
      accepted.put(file.getKey(), file.getValue());
    }
    if (accepted.isEmpty()) {
      return Optional.empty();
    }
    String secretName = LeaderSchedules.secretName(loaded.spec().name());
    Secret secret;
    try {
      secret = client.secrets().inNamespace(ns).withName(secretName).get();
    } catch (KubernetesClientException e) {
      LOG.warn("{}/{}: cannot read the Secret {}: {}", ns, loaded.spec().name(), secretName, e.getMessage());
      return Optional.empty();
    }
    if (secret == null) {
      return Optional.empty(); // created empty later in this pass; the next pass copies
    }
    Map<String, String> before = secret.getData() == null ? Map.of() : secret.getData();
    Map<String, String> after = new TreeMap<>();
    before.forEach((k, v) -> {
      long epoch = epochOf(k);
      if (epoch < 0 || epoch >= current) {
        after.put(k, v); // keys the operator does not know are left alone; past epochs go
      }
    });
    TreeSet<Long> changed = new TreeSet<>();
    accepted.forEach((k, v) -> {
      if (!Arrays.equals(decoded(before.get(k)), v)) {
        changed.add(epochOf(k));
      }
      after.put(k, Base64.getEncoder().encodeToString(v));
    });
    if (changed.isEmpty() && after.keySet().equals(new TreeSet<>(before.keySet()))) {
      return Optional.empty();
    }
    Secret copy = Serialization.clone(secret);
    copy.setData(after);
    Map<String, String> annotations = new HashMap<>(copy.getMetadata().getAnnotations() == null ? Map.of()
        : copy.getMetadata().getAnnotations());
    annotations.put(ANNOTATION_FROM, podName);
    annotations.put(ANNOTATION_AT, now.toString());
    copy.getMetadata().setAnnotations(annotations);
    try {
      // With the resourceVersion read: a concurrent writer (a person publishing by hand) wins, the next pass copies.
      client.secrets().inNamespace(ns).resource(copy).update();
    } catch (KubernetesClientException e) {
      LOG.warn("{}/{}: cannot write the Secret {}: {}", ns, loaded.spec().name(), secretName, e.getMessage());
      return Optional.empty();
    }
    String what = changed.isEmpty() ? "dropped past epochs from the Secret " + secretName
        : "published the leader schedule of epoch" + (changed.size() == 1 ? " " : "s ") + joined(changed)
            + " in the Secret " + secretName;
    return Optional.of(ControlEvent.of(now, Reason.LEADER_SCHEDULE_PUBLISHED, forger.get().name(),
        what + ", as the agent of pod " + podName + " serves it"));
  }

  /**
   * The producer that forges, whose schedule is published: with a standby the lease holder with its forging Secret's
   * VRF key, else the block producer with its hot-key Secret's.
   */
  private static Optional<NodeRef> forger(KubernetesClient client, LoadedPoolSpec loaded, PoolNames names,
      String holder) {
    NodeRef producer = loaded.spec().blockProducerRef();
    if (!names.hasStandby()) {
      return hasVrfKey(client, names.namespace(), names.hotKeySecret()) ? Optional.of(producer) : Optional.empty();
    }
    if (holder == null) {
      return Optional.empty();
    }
    Optional<NodeRef> ref = loaded.spec().producerRefs().stream().filter(r -> r.name().equals(holder)).findFirst();
    return ref.filter(r -> hasVrfKey(client, names.namespace(), names.forgingSecret(r)));
  }

  private static boolean hasVrfKey(KubernetesClient client, String ns, String secretName) {
    Secret s = client.secrets().inNamespace(ns).withName(secretName).get();
    String vrf = s == null || s.getData() == null ? null : s.getData().get(HotKeyFiles.VRF_SKEY);
    return vrf != null && !vrf.isEmpty();
  }

  private static long epochOf(String key) {
    Matcher m = PublishedSchedule.KEY.matcher(key);
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  private static byte[] decoded(String base64) {
    if (base64 == null) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String joined(TreeSet<Long> epochs) {
    return String.join(", ", epochs.stream().map(String::valueOf).toList());
  }
}
