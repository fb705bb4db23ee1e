package io.palisade.operator.model;

import io.fabric8.kubernetes.api.model.Pod;
import io.palisade.control.NodeObservation;
import io.palisade.control.lease.ForgingReading;
import io.palisade.control.lease.LeaseState;
import io.palisade.control.lease.ProducerFacts;
import io.palisade.control.slots.ForgeCounters;
import io.palisade.deploy.model.PoolNames;
import io.palisade.spec.NodeRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the producer lease's decisions know of a pool's two producers on Kubernetes, from their pods, their forging
 * Secrets and what their agents report. Pure.
 *
 * <ul>
 *   <li>A producer's credentials are <em>given</em> while its forging Secret exists, and a restart gives it
 *       credentials exactly then (its init container copies them from the optional Secret volume).
 *   <li>Its "process" is its pod. The former holder of a move is alive while the very pod that ran when its
 *       credentials were taken (by UID) still exists, terminating or not: a pod that is gone from the API server was
 *       stopped by its kubelet, and the pod the StatefulSet makes next starts without the deleted Secret.
 *   <li>Synced: the agent's health state (a producer without credentials is never Ready: its agent asks a producer to
 *       forge), or, without an agent reading, the pod's readiness. Can forge: the holder's pod is Ready.
 * </ul>
 */
public final class ProducerPods {
  private ProducerPods() {}

  /**
   * What a producer's agent reports on {@code /status}.
   *
   * @param forging its node's {@code forging_enabled}
   * @param synced whether its node is synced (the agent's state SYNCED)
   * @param state the agent's health state ({@code DOWN}, {@code STARTING}, {@code SYNCING}, {@code LAGGING},
   *     {@code SYNCED}), or null when nothing was read
   * @param ready the agent's readiness verdict, or null when not read
   * @param reasons the agent's reasons (e.g. {@code readiness: not ready: forging is not enabled})
   * @param forge the node's forge counters ({@link ForgeCounters#UNKNOWN} when it exposes none or nothing was read)
   * @param forgeSampledFrom when the scrape the counters come from started, by the clock of the node's pod (the
   *     agent's {@code forgeScrape.start}), or null when it gave none: an agent answers with its last observation,
   *     up to its poll interval old, and during failed scrapes with older counters still
   * @param forgeSampledTo when that scrape ended ({@code forgeScrape.end}), or null
   */
  public record AgentReading(ForgingReading forging, boolean synced, String state, Boolean ready,
      List<String> reasons, ForgeCounters forge, Instant forgeSampledFrom, Instant forgeSampledTo) {
    /** Nothing read. */
    public static final AgentReading NONE = new AgentReading(ForgingReading.UNKNOWN, false);

    /** Checks the reading. */
    public AgentReading {
      Objects.requireNonNull(forging, "forging");
      reasons = reasons == null ? List.of() : List.copyOf(reasons);
      forge = forge == null ? ForgeCounters.UNKNOWN : forge;
      if (forgeSampledFrom == null || forgeSampledTo == null || forgeSampledTo.isBefore(forgeSampledFrom)) {
        forgeSampledFrom = null; // both, in order, or neither
        forgeSampledTo = null;
      }
    }

    /** A reading of what the producer lease needs only (no state, readiness, reasons or counters). */
    public AgentReading(ForgingReading forging, boolean synced) {
      this(forging, synced, null, null, List.of(), ForgeCounters.UNKNOWN, null, null);
    }

    /** A reading that does not say when its counters were sampled. */
    public AgentReading(ForgingReading forging, boolean synced, String state, Boolean ready, List<String> reasons,
        ForgeCounters forge) {
      this(forging, synced, state, ready, reasons, forge, null, null);
    }

    /** Whether the agent answered with its state. */
    public boolean read() {
      return state != null;
    }
  }

  /**
   * The facts of each producer.
   *
   * @param producers the pool's producers (the block producer, its standby)
   * @param names the pool's names
   * @param pods the pool's pods
   * @param secrets the names of the forging Secrets that exist
   * @param readings each producer's agent reading (missing: none)
   * @param record the lease as recorded
   * @param now the clock's time
   * @return node name to facts
   */
  public static Map<String, ProducerFacts> facts(List<NodeRef> producers, PoolNames names, List<Pod> pods,
      Set<String> secrets, Map<String, AgentReading> readings, ProducerLeaseRecord record, Instant now) {
    LeaseState state = record.state();
    Map<String, ProducerFacts> out = new LinkedHashMap<>();
    for (NodeRef p : producers) {
      Pod pod = pod(pods, names.podName(p));
      boolean fenced = state.handover() != null && state.handover().from().equals(p.name());
      boolean alive = fenced && record.fencedPod() != null
          ? pods.stream().anyMatch(x -> record.fencedPod().equals(x.getMetadata().getUid()))
          : pod != null;
      AgentReading r = readings.getOrDefault(p.name(), AgentReading.NONE);
      boolean ready = pod != null && PodObservations.isReady(pod) && pod.getMetadata().getDeletionTimestamp() == null;
      boolean synced = pod != null && pod.getMetadata().getDeletionTimestamp() == null && (r.synced() || ready);
      boolean given = secrets.contains(names.forgingSecret(p));
      out.put(p.name(), new ProducerFacts(p.name(), alive, synced, ready && state.mayHoldCredentials(p.name()), given,
          pod == null ? ForgingReading.UNKNOWN : r.forging(), given, observedSinceMoveStarted(state)));
    }
    return out;
  }

  /**
   * Whether this pass's readings were taken after the move in progress took the former holder's credentials: the
   * operator writes the move into the Lease before it deletes that producer's Secret and pod, and reads every agent
   * afresh at each pass, so a move already in the Lease when this pass began is older than its readings.
   */
  static boolean observedSinceMoveStarted(LeaseState state) {
    return state.handover() != null;
  }

  /** The holder's pod, or null. */
  public static Pod pod(List<Pod> pods, String name) {
    return pods.stream().filter(p -> name.equals(p.getMetadata().getName())).findFirst().orElse(null);
  }

  /**
   * The observations as the control logic judges them: a producer that may not hold the credentials is ready when it
   * runs and is synced (its agent's producer readiness asks for forging, which a standby never does).
   *
   * @param observed the pods' observations
   * @param facts the producers' facts
   * @param state the lease
   * @return the observations, the standby's judged as a standby
   */
  public static Map<String, NodeObservation> judged(Map<String, NodeObservation> observed,
      Map<String, ProducerFacts> facts, LeaseState state) {
    Map<String, NodeObservation> out = new LinkedHashMap<>(observed);
    facts.forEach((name, f) -> {
      NodeObservation o = observed.get(name);
      if (o == null || state.mayHoldCredentials(name) || !o.processAlive() || o.ready() == f.synced()) {
        return;
      }
      List<String> reasons = new ArrayList<>(o.reasons().stream().filter(x -> !x.startsWith("readiness")).toList());
      reasons.add(f.synced() ? "standby: synced, without forging credentials (the lease is with "
          + state.lease().holder() + ")" : "readiness: not ready: a standby must be synced");
      out.put(name, new NodeObservation(o.node(), o.observedAt(), o.processAlive(), o.started(), o.live(),
          f.synced(), o.state(), o.version(), o.tipSlot(), o.slotGap(), reasons));
    });
    return out;
  }
}
