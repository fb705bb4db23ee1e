package io.palisade.control;

import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.MemberState.Phase;
import io.palisade.spec.binding.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The control logic of a pool: a pure function of (desired, observed, state, clock) to a {@link Decision}. It keeps
 * nodes running (self-healing with backoff, giving up on a node that keeps failing), rolls out a new version one node
 * at a time with automatic rollback, and adds relays. It never performs I/O; the caller persists the returned state
 * and applies the actions through a {@link NodeRuntime}.
 *
 * <pre>{@code
 * PoolController controller = new PoolController(HealingPolicy.DEFAULT);
 * Decision d = controller.decide(desired, runtime.observe(), state, clock.instant());
 * store.save(d.state());
 * d.actions().forEach(a -> a.applyTo(runtime));
 * }</pre>
 *
 * <p>Rules, in the order a pass applies them, each in its own class working on the pass ({@link Pass}):
 * <ol>
 *   <li>{@link RelayAdmission}: a relay in {@code desired} that is not a member yet is added (one at a time, never
 *       during a rollout): started, and put in the other nodes' topologies only once ready; missing the deadline
 *       marks it FAILED.
 *   <li>{@link Rollout}: a desired version different from the pool's starts a rollout, unless that version failed
 *       before. A rollout upgrades relays region by region, the block producer last. A step waits while the node is
 *       not ready or while taking it down would leave the block producer without a ready relay. The node must be
 *       ready on the new version within {@code upgrade.deadlinePerNode}, then stay ready for
 *       {@code upgrade.holdOff}. A miss marks the version failed and {@link Rollback} restores every upgraded node,
 *       the failed one first, then the others in reverse (or in the order a StatefulSet can follow: the
 *       {@link RolloutOrder}'s {@link RollbackOrder}). In a pool with a standby, {@link ProducerHandoverStep}
 *       upgrades the producer without the lease first, then moves forging to it before the former holder's step.
 *   <li>{@link SelfHealing}: a node whose process died or that is not live is restarted (at once the first time,
 *       then with exponential backoff); at the {@code maxConsecutiveFailures}-th failure in a row it is stopped and
 *       FAILED.
 *   <li>{@link TopologyPlan}: the block producer lists the admitted relays; a relay lists the block producer and its
 *       admitted siblings. A change is sent before any start in the same pass.
 * </ol>
 */
public final class PoolController {
  private final HealingPolicy healing;
  private final RolloutOrder order;

  /**
   * A controller whose rollouts take the relays of a region lowest ordinal first.
   *
   * @param healing how self-healing restarts nodes
   */
  public PoolController(HealingPolicy healing) {
    this(healing, RolloutOrder.LOWEST_ORDINAL_FIRST);
  }

  /**
   * @param healing how self-healing restarts nodes
   * @param order the order of ordinals within a region during a rollout and its rollback
   */
  public PoolController(HealingPolicy healing, RolloutOrder order) {
    this.healing = Objects.requireNonNull(healing, "healing");
    this.order = Objects.requireNonNull(order, "order");
  }

  /**
   * One pass of the control logic.
   *
   * @param desired what the operator wants
   * @param observed the latest observation of each node (a missing node means "nothing known")
   * @param state what the previous pass left, or null for a pool that never ran
   * @param now the clock's time
   * @return the next state, the actions and the events
   */
  public Decision decide(DesiredPool desired, Map<String, NodeObservation> observed, ControlState state,
      Instant now) {
    return decide(desired, observed, state, now, ForgingWindow.UNGATED);
  }

  /**
   * One pass of the control logic, with the block producer's rollout step fitted between its leader slots: the step
   * waits ({@code RolloutWaiting}) while {@code window} does not admit it.
   *
   * @param desired what the operator wants
   * @param observed the latest observation of each node (a missing node means "nothing known")
   * @param state what the previous pass left, or null for a pool that never ran
   * @param now the clock's time
   * @param window the leader-aware maintenance rule, with the producer's schedule and restart times
   * @return the next state, the actions and the events
   */
  public Decision decide(DesiredPool desired, Map<String, NodeObservation> observed, ControlState state,
      Instant now, ForgingWindow window) {
    return decide(desired, observed, state, now, window, null);
  }

  /**
   * One pass of the control logic for a pool whose block producer has a standby: the rollout upgrades the producer
   * without the lease first, moves forging to it, then upgrades the former holder ({@link ProducerHandoverStep}).
   *
   * @param desired what the operator wants
   * @param observed the latest observation of each node (a missing node means "nothing known")
   * @param state what the previous pass left, or null for a pool that never ran
   * @param now the clock's time
   * @param window the leader-aware maintenance rule, with the producer's schedule and restart times
   * @param lease who holds the producer lease now, or null (no standby, or not known): then both producers are
   *     upgraded in place, each in a free window
   * @return the next state, the actions and the events
   */
  public Decision decide(DesiredPool desired, Map<String, NodeObservation> observed, ControlState state,
      Instant now, ForgingWindow window, ForgingLease lease) {
    Pass pass = new Pass(desired, observed, state == null ? ControlState.initial(desired) : state, now, healing,
        order.behaviour(), window, lease);
    RelayAdmission.admitNew(pass);
    Rollout.startIfWanted(pass);
    Rollout.progress(pass);
    RelayAdmission.progress(pass);
    SelfHealing.heal(pass);
    TopologyPlan.update(pass);
    return pass.result();
  }

  /**
   * An operator's request to restart one node now, for example one reported FAILED after its cause was fixed. Its
   * failure count starts over.
   *
   * @param state the current state
   * @param node the node's name
   * @param now the clock's time
   * @return the decision (a restart, or a start for a stopped node)
   * @throws IllegalArgumentException if there is no such node
   */
  public Decision restartNode(ControlState state, String node, Instant now) {
    MemberState m = state.member(node).orElseThrow(() -> new IllegalArgumentException("no node named " + node));
    boolean running = m.phase() == Phase.RUNNING;
    Action action = running
        ? new Action.RestartNode(m.ref(), m.version(), "restart requested by the operator")
        : new Action.StartNode(m.ref(), m.version(), "start requested by the operator");
    ControlEvent event = ControlEvent.of(now, Reason.NODE_RESTART_REQUESTED, node,
        (running ? "restarting " : "starting ") + node + " on " + m.version() + " at the operator's request");
    return new Decision(state.withMember(node, x -> x.restartedAt(now)), List.of(action), List.of(event));
  }

  /** A duration as people write it: 90s, 2m, 1h30m (one form for every message; see {@link DurationText}). */
  static String human(Duration d) {
    return DurationText.approximate(d);
  }

}
