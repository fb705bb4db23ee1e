package io.palisade.operator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.palisade.control.ControlEvent;
import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.ControlState;
import io.palisade.control.ForgingWindow;
import io.palisade.control.MemberState;
import io.palisade.control.NodeObservation;
import io.palisade.control.PoolCommands;
import io.palisade.control.lease.ProducerStopRoute;
import io.palisade.operator.model.ProducerMaintenance;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StakePoolActivity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An operator's restart of one node on Kubernetes: the annotation {@value StakePool#ANNOTATION_RESTART} on the
 * StakePool names the node ({@code kubectl annotate stakepool POOL palisade.io/restart=block-producer}). A relay is
 * restarted at once, and so is a producer that forges nothing (the standby without the lease); a producer that may
 * forge only in a free window between its leader slots (control's {@link ForgingWindow}, through
 * {@link ProducerMaintenance}), at once when it is down already, and not while forging moves between the producers
 * (control's {@link ProducerStopRoute}; forging is never moved first here: see {@link ProducerLeasePass#stopRoute}). A
 * restart is the deletion of the node's pod (its StatefulSet recreates it); the annotation is removed once the pod was
 * deleted, or when the request is refused. Decided here, pure; carried out by the reconciler after the status is
 * written.
 */
final class RestartRequests {
  private RestartRequests() {}

  /**
   * What to do about the request this pass.
   *
   * @param node the node the annotation names
   * @param deletePod the pod to delete now, or null
   * @param clear whether the annotation is to be removed (carried out, or refused)
   * @param waiting the verdict of a producer restart that waits for a free window, or null
   * @param waitsForMove what a producer restart waits for while forging moves between the producers, or null
   * @param events what to report
   */
  record Outcome(String node, String deletePod, boolean clear, ForgingWindow.Verdict waiting, String waitsForMove,
      List<ControlEvent> events) {
    static final Outcome NONE = new Outcome(null, null, false, null, null, List.of());

    Outcome(String node, String deletePod, boolean clear, ForgingWindow.Verdict waiting, List<ControlEvent> events) {
      this(node, deletePod, clear, waiting, null, events);
    }
  }

  /** What status says of a restart that waits for a move of forging to end. */
  static final String AFTER_MOVE = "waiting for the move of forging under way to end (status.producer), then at once"
      + " if it is keyless, else in a free window";

  /**
   * Who forges.
   *
   * @param holder the producer that holds the keys (without a standby, the block producer)
   * @param route how a stop of a producer goes (with a standby: at once for the keyless one, after a move under way)
   */
  record Forgers(String holder, Function<String, ProducerStopRoute> route) {
    /** The pool's: without a standby (no lease) its block producer forges. */
    static Forgers of(ProducerLeasePass lease, String producer) {
      return lease == null ? new Forgers(producer, n -> ProducerStopRoute.withoutStandby(producer, n))
          : new Forgers(lease.forgingLease().holder(), lease::stopRoute);
    }
  }

  /**
   * Decides a restart request.
   *
   * @param pool the StakePool (its annotation and status)
   * @param state the control state after this pass's decision
   * @param observed the pods' observations
   * @param pods each node's pod name
   * @param maintenance the producer's leader-aware maintenance this pass (told of an admitted producer restart)
   * @param forgers who forges (a producer that does not is restarted at once)
   * @param producerPodUid the producer pod's uid now, or null
   * @param producerRestarting whether this pass's decision restarts the producer already (a rollout step that the
   *     window admitted): that restart answers the request, the pod is not deleted a second time
   * @param now the time
   * @return the outcome
   */
  static Outcome decide(StakePool pool, ControlState state, Map<String, NodeObservation> observed,
      Map<String, String> pods, ProducerMaintenance maintenance, Forgers forgers, String producerPodUid,
      boolean producerRestarting, Instant now) {
    Map<String, String> annotations = pool.getMetadata().getAnnotations();
    String node = annotations == null ? null : annotations.get(StakePool.ANNOTATION_RESTART);
    if (node == null) {
      return Outcome.NONE;
    }
    node = node.strip();
    MemberState m = state == null ? null : state.member(node).orElse(null);
    if (m == null || !pods.containsKey(node)) {
      return refused(node, "no node named " + node + " in this pool", now);
    }
    PoolCommands.Verdict allowed = PoolCommands.restartNode(StakePoolActivity.of(pool), node);
    if (!allowed.accepted()) {
      return refused(node, allowed.message(), now);
    }
    String pod = pods.get(node);
    if (!m.ref().isBlockProducer()) {
      return new Outcome(node, pod, true, null, List.of(ControlEvent.of(now, Reason.NODE_RESTART_REQUESTED, node,
          "restarting " + node + " at the operator's request: its pod " + pod + " is deleted, its StatefulSet"
              + " recreates it")));
    }
    NodeObservation o = observed.get(node);
    boolean down = o == null || !o.ready();
    ProducerStopRoute route = forgers.route().apply(node);
    if (route.atOnce()) {
      return new Outcome(node, pod, true, null, List.of(ControlEvent.of(now, Reason.NODE_RESTART_REQUESTED, node,
          "restarting " + node + " at the operator's request: it forges nothing (the lease is with "
              + forgers.holder() + "), so it waits for no free window; its pod " + pod + " is deleted, its"
              + " StatefulSet recreates it")));
    }
    if (producerRestarting && node.equals(maintenance.producer())) {
      return new Outcome(node, null, true, null, List.of(ControlEvent.of(now, Reason.NODE_RESTART_REQUESTED, node,
          "the restart of " + node + " asked for is done by the rollout step that restarts it in this pass")));
    }
    if (!down && route == ProducerStopRoute.AFTER_MOVE) {
      // Deleting either pod mid-move would restart a producer the move is fencing or promoting.
      return new Outcome(node, null, false, null, AFTER_MOVE, List.of());
    }
    ForgingWindow.Verdict v = maintenance.restartVerdict(down);
    if (!v.admitted()) {
      return new Outcome(node, null, false, v, maintenance.restartWaitEvent(v).stream().toList());
    }
    // Only the producer whose times are measured starts a measurement: the standby's restart would leave one open on
    // a pod that is not replaced, ended by that producer's next restart days later, and its learned time (and so
    // every later window) would be that long.
    if (node.equals(maintenance.producer())) {
      maintenance.restarted(producerPodUid);
    }
    String why = down ? "it is not ready, so nothing is lost by restarting it now"
        : "no leader slot before " + now.plus(v.needed()) + v.nextLeaderSlot().map(s -> " (the next is slot "
            + s.slot() + " at " + s.start() + ")").orElse("");
    return new Outcome(node, pod, true, null, List.of(ControlEvent.of(now, Reason.NODE_RESTART_REQUESTED, node,
        "restarting " + node + " at the operator's request, in a free window: " + why + "; its pod " + pod
            + " is deleted, its StatefulSet recreates it")));
  }

  private static Outcome refused(String node, String why, Instant now) {
    return new Outcome(node, null, true, null, List.of(ControlEvent.of(now, Reason.ACTION_FAILED, node,
        "the restart of " + node + " asked by " + StakePool.ANNOTATION_RESTART + " is refused: " + why)));
  }

  /** Removes the annotation once the request was carried out or refused (unless it names another node by now). */
  static void clear(KubernetesClient client, StakePool pool, String node) {
    client.resources(StakePool.class).inNamespace(pool.getMetadata().getNamespace())
        .withName(pool.getMetadata().getName()).edit(p -> {
          Map<String, String> a = p.getMetadata().getAnnotations();
          if (a != null && node.equals(a.getOrDefault(StakePool.ANNOTATION_RESTART, "").strip())) {
            a.remove(StakePool.ANNOTATION_RESTART);
          }
          return p;
        });
  }
}
