package io.palisade.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.control.Action;
import io.palisade.control.ControlEvent;
import io.palisade.control.ForgingLease;
import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.ForgingWindow;
import io.palisade.control.NodeObservation;
import io.palisade.control.lease.LeaseAction;
import io.palisade.control.lease.LeasePolicy;
import io.palisade.control.lease.Elapsed;
import io.palisade.control.lease.Handover;
import io.palisade.control.lease.LeaseState;
import io.palisade.control.lease.ProducerFacts;
import io.palisade.control.lease.ProducerLeases;
import io.palisade.control.lease.ProducerStopRoute;
import io.palisade.deploy.model.PoolNames;
import io.palisade.operator.k8s.ForgingCredentials;
import io.palisade.operator.k8s.ProducerLeaseStore;
import io.palisade.operator.model.ProducerLeaseRecord;
import io.palisade.operator.model.ProducerPods;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StakePoolStatus;
import io.palisade.spec.NodeRef;
import io.palisade.spec.PoolSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;

/**
 * One pass of the producer lease of a pool with a standby, on Kubernetes: the Lease read (or created), the producers'
 * facts, control's {@link ProducerLeases} decision, the Lease written with optimistic concurrency <em>before</em>
 * anything it orders is done, then the orders carried out through {@link ForgingCredentials}. A switchover is asked
 * for with the annotation {@value #ANNOTATION_SWITCHOVER} on the StakePool (removed once answered).
 */
final class ProducerLeasePass {
  /** On a StakePool: move forging to the other producer in the next free window. */
  static final String ANNOTATION_SWITCHOVER = StakePool.ANNOTATION_SWITCHOVER;

  private final KubernetesClient client;
  private final StakePool pool;
  private final PoolNames names;
  private final Map<String, NodeRef> producers = new LinkedHashMap<>();
  private final List<Pod> pods;
  private final ProducerLeaseStore store;
  private final ForgingCredentials credentials;
  private final LeasePolicy policy;
  private final LeaseStopwatch stopwatch;
  private final Lease read;
  private ProducerLeaseRecord record;
  private final Map<String, ProducerFacts> facts;
  /** Each producer's agent reading this pass (the slot ledger reuses the forging one's). */
  private final Map<String, ProducerPods.AgentReading> readings = new LinkedHashMap<>();
  /** The producer a rollout asked forging to move to this pass ({@link Action.MoveForging}), or null. */
  private String moveAskedTo;
  /** The move in progress as the Lease recorded it when this pass read it, or null. */
  private final Handover moveRead;

  private ProducerLeasePass(KubernetesClient client, StakePool pool, PoolSpec spec, List<Pod> pods,
      ProducerAgents agents, LeaseStopwatch stopwatch, Instant now) {
    this.client = client;
    this.stopwatch = stopwatch;
    this.pool = pool;
    this.names = new PoolNames(spec);
    spec.producerRefs().forEach(p -> producers.put(p.name(), p));
    this.pods = pods;
    this.store = new ProducerLeaseStore(client, names);
    this.credentials = new ForgingCredentials(client, pool, names);
    this.policy = new LeasePolicy(spec.blockProducer().standby().failoverAfter() == null
        ? LeasePolicy.DEFAULT.failoverAfter() : spec.blockProducer().standby().failoverAfter(),
        LeasePolicy.DEFAULT.fenceTimeout(), LeasePolicy.DEFAULT.promotionTime());
    this.read = store.read();
    ProducerLeaseRecord r = read == null ? ProducerLeaseRecord.first(spec.blockProducer().name(), now)
        : ProducerLeaseRecord.of(read);
    if (!producers.containsKey(r.state().lease().holder())) {
      // The holder left the spec (the standby renamed): the block producer takes the lease, with the next token.
      r = r.withState(new LeaseState(new io.palisade.control.lease.ProducerLease(spec.blockProducer().name(),
          r.state().lease().token() + 1, now), null, null));
    }
    this.moveRead = r.state().handover();
    String holderPod = names.podName(producers.get(r.state().lease().holder()));
    Pod holder = ProducerPods.pod(pods, holderPod);
    this.record = r.state().handover() != null ? r
        : r.withHolderHealth(holder != null && io.palisade.operator.model.PodObservations.isReady(holder),
            holder == null, now);
    Set<String> secrets = credentials.existing(List.copyOf(producers.values()));
    for (NodeRef p : producers.values()) {
      Pod pod = ProducerPods.pod(pods, names.podName(p));
      if (pod != null) {
        readings.put(p.name(), agents.read(client, pod, spec.ports().agent()));
      }
    }
    this.facts = ProducerPods.facts(List.copyOf(producers.values()), names, pods, secrets, readings, record, now);
  }

  /**
   * The lease's pass for {@code pool}, or null when the pool has no standby (it has no lease).
   *
   * @throws IllegalArgumentException if the Lease exists but was not written by the operator
   */
  static ProducerLeasePass begin(KubernetesClient client, StakePool pool, PoolSpec spec, List<Pod> pods,
      ProducerAgents agents, LeaseStopwatch stopwatch, Instant now) {
    return spec.standbyRef().isEmpty() ? null
        : new ProducerLeasePass(client, pool, spec, pods, agents, stopwatch, now);
  }

  /** A producer's agent reading this pass, or null when its agent was not read (no pod). */
  ProducerPods.AgentReading reading(String node) {
    return readings.get(node);
  }

  /**
   * The move the Lease recorded in progress when this pass read it, as the event that started it (dated from the
   * move's start), for the slot ledger: the move's own event is emitted once, by the pass that starts it, and an
   * operator stopped between that pass's Lease write and its status write (or a status write that failed) leaves the
   * ledger without it, while the next pass finishes the move. The ledger counts one action per move
   * ({@link io.palisade.operator.model.SlotActions#apply}). Never recorded as an event of the pool.
   *
   * @return the move's starting event, or empty when no move was in progress
   */
  Optional<ControlEvent> moveInProgress() {
    if (moveRead == null) {
      return Optional.empty();
    }
    boolean failover = moveRead.kind() == Handover.Kind.FAILOVER;
    return Optional.of(ControlEvent.of(moveRead.startedAt(), failover ? Reason.FAILOVER_STARTED
        : Reason.SWITCHOVER_STARTED, moveRead.from(), (failover ? "failover" : "switchover") + " from "
        + moveRead.from() + " to " + moveRead.to() + ", in progress in the Lease (started by an earlier pass)"));
  }

  /** The pods' observations with a standby judged ready when it is synced. */
  Map<String, NodeObservation> judged(Map<String, NodeObservation> observed) {
    return ProducerPods.judged(observed, facts, record.state());
  }

  /**
   * What the pass did.
   *
   * @param view the status's producer part
   * @param events what to record
   * @param moving whether a move is in progress or queued (the next pass should come soon)
   */
  record Outcome(StakePoolStatus.ProducerView view, List<ControlEvent> events, boolean moving) {}

  /**
   * The lease's waits, on the operator's monotonic clock from when it first saw the beginnings the Lease records
   * ({@link LeaseStopwatch}): a clock stepped forward or back on the operator's node moves no failover or fence.
   */
  Elapsed elapsed(LeaseState state) {
    String key = pool.getMetadata().getNamespace() + "/" + pool.getMetadata().getName();
    Optional<Duration> trouble = record.trouble().map(t -> stopwatch.since(key + " holder trouble", t));
    if (trouble.isEmpty()) {
      stopwatch.end(key + " holder trouble");
    }
    if (state.handover() == null) {
      stopwatch.end(key + " move");
      return new Elapsed(trouble, Duration.ZERO);
    }
    return new Elapsed(trouble, stopwatch.since(key + " move", state.handover().startedAt()));
  }

  /**
   * Decides, writes the Lease, then acts.
   *
   * @param window the leader-aware maintenance rule now
   * @param lastWaiting the last waiting message recorded for this pool (a waiting event is recorded once)
   * @param now the clock's time
   * @return what it did
   * @throws io.fabric8.kubernetes.client.KubernetesClientException with code 409 if another writer changed the Lease
   *     meanwhile: nothing was done
   */
  Outcome run(ForgingWindow window, ConcurrentMap<String, String> lastWaiting, Instant now) {
    List<ControlEvent> events = new ArrayList<>();
    LeaseState state = record.state();
    boolean asked = switchoverAsked();
    if (asked || moveAskedTo != null) {
      // A rollout's move of forging is the same switchover as the operator's annotation asks for.
      ProducerLeases.SwitchoverAnswer a = ProducerLeases.requestSwitchover(state, facts, now);
      state = a.state();
      events.add(ControlEvent.of(now, a.accepted() ? Reason.SWITCHOVER_WAITING : Reason.PROMOTION_REFUSED,
          state.lease().holder(), (asked ? "switchover asked for (" + ANNOTATION_SWITCHOVER + "): "
              : "the rollout's move of forging to " + moveAskedTo + ": ") + a.message()));
    }
    // Here a promotion restarts the promoted producer's pod (its init container lays the credentials out at start):
    // the move keeps the pool from forging for that pod's restart-to-forging time, which the window's restart times
    // forecast, not for the seconds of a SIGHUP. A switchover waits for a window that long.
    LeasePolicy promotion = new LeasePolicy(policy.failoverAfter(), policy.fenceTimeout(),
        window.restartTimes().expected(window.policy()));
    ProducerLeases.Decision d = ProducerLeases.decide(state, facts, elapsed(state), window, promotion, now);
    ProducerLeaseRecord next = record.withState(d.state());
    for (LeaseAction a : d.actions()) {
      boolean fencing = !(a instanceof LeaseAction.GiveCredentials) && d.state().handover() != null
          && d.state().handover().from().equals(a.node());
      if (fencing) {
        Pod p = ProducerPods.pod(pods, names.podName(producers.get(a.node())));
        next = next.withFencedPod(p == null ? null : p.getMetadata().getUid());
      }
    }
    if (read == null) {
      store.create(pool, next);
    } else if (!next.equals(ProducerLeaseRecord.of(read))) {
      store.update(read, next);
    }
    record = next;
    if (asked) {
      clearSwitchover(); // only once the answer is in the Lease: a failed write leaves the request to the next pass
    }
    for (ControlEvent e : d.events()) {
      boolean waiting = e.reason().equals(Reason.SWITCHOVER_WAITING.wire())
          || e.reason().equals(Reason.PROMOTION_REFUSED.wire()) || e.reason().equals(Reason.PRODUCER_KILLED.wire());
      String key = pool.getMetadata().getUid();
      if (waiting && e.message().equals(lastWaiting.get(key))) {
        continue;
      }
      lastWaiting.put(key, waiting ? e.message() : "");
      events.add(e);
    }
    for (LeaseAction a : d.actions()) {
      NodeRef node = producers.get(a.node());
      if (a instanceof LeaseAction.GiveCredentials) {
        credentials.give(node, next.state().lease().token());
      } else if (a instanceof LeaseAction.TakeCredentials) {
        credentials.take(node);
      } else {
        credentials.deletePod(node);
      }
    }
    String holder = next.state().lease().holder();
    if (next.state().mayHoldCredentials(holder) && facts.get(holder) != null && d.actions().isEmpty()) {
      if (!facts.get(holder).credentialsGiven()) {
        // The holder's credentials: at the pool's start, and once the hot-key Secret is filled.
        credentials.give(producers.get(holder), next.state().lease().token());
      } else {
        credentials.refresh(producers.get(holder), next.state().lease().token());
      }
    }
    return new Outcome(view(next.state(), d.status()), events, next.state().handover() != null
        || next.state().switchoverRequestedAt() != null);
  }

  /** The lease as control's rollout takes it: its holder and fencing token. */
  ForgingLease forgingLease() {
    return new ForgingLease(record.state().lease().holder(), record.state().lease().token());
  }

  /**
   * Takes the rollout's {@link Action.MoveForging}, if its decision has one: {@link #run} then queues the switchover
   * to that producer (nothing when it holds the lease already).
   *
   * @param actions the control decision's actions
   */
  void moveForging(List<Action> actions) {
    actions.stream().filter(a -> a instanceof Action.MoveForging).map(Action::nodeName)
        .filter(n -> producers.containsKey(n) && !n.equals(record.state().lease().holder()))
        .findFirst().ifPresent(n -> moveAskedTo = n);
  }

  /**
   * How a planned stop of {@code node} goes now (control's {@link ProducerStopRoute}, on the Lease): at once for the
   * keyless producer, after a move under way, else in a free window. Never "move forging first": here a promotion
   * restarts the promoted producer's pod (its init container lays the credentials out at start), so moving forging
   * costs that pod's whole restart-to-forging time and gains nothing over restarting the holder in place.
   */
  ProducerStopRoute stopRoute(String node) {
    return ProducerStopRoute.inPlace(record.state(), node);
  }

  private StakePoolStatus.ProducerView view(LeaseState s, String status) {
    StakePoolStatus.ProducerView v = new StakePoolStatus.ProducerView();
    v.holder = s.lease().holder();
    v.since = s.lease().since().toString();
    v.token = s.lease().token();
    v.standby = producers.keySet().stream().filter(p -> !p.equals(v.holder)).findFirst().orElse(null);
    v.phase = s.handover() != null ? (s.handover().kind() == Handover.Kind.FAILOVER
        ? "Failover" : "Switchover") : s.switchoverRequestedAt() != null ? "SwitchoverQueued" : "Holding";
    v.reason = status;
    return v;
  }

  private boolean switchoverAsked() {
    Map<String, String> a = pool.getMetadata().getAnnotations();
    return a != null && a.containsKey(ANNOTATION_SWITCHOVER);
  }

  private void clearSwitchover() {
    StakePool edited = client.resources(StakePool.class).inNamespace(pool.getMetadata().getNamespace())
        .withName(pool.getMetadata().getName()).edit(p -> {
          p.getMetadata().getAnnotations().remove(ANNOTATION_SWITCHOVER);
          return p;
        });
    pool.getMetadata().setResourceVersion(edited.getMetadata().getResourceVersion());
    pool.getMetadata().getAnnotations().remove(ANNOTATION_SWITCHOVER);
  }
}
