package io.palisade.runtime.local;

import io.palisade.control.ControlEvent;
import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.ControlState;
import io.palisade.control.DesiredPool;
import io.palisade.control.ForgingWindow;
import io.palisade.control.NodeObservation;
import io.palisade.control.PlannedAction;
import io.palisade.control.PoolChanges;
import io.palisade.control.PoolCommands;
import io.palisade.control.PoolController;
import io.palisade.control.api.ActionResult;
import io.palisade.spec.NodeRef;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pass of the control loop: observe every node, let {@link PoolController} decide, apply the decision, and ask
 * the loop for a pass at the control state's next deadline ({@link LoopDeadlines}). A pass that fails is recorded
 * ({@code ControlLoopError}) and the next one tries again.
 */
final class LoopPass implements Runnable {
  private final LoopState state;
  private final LocalRuntime runtime;
  private final PoolController controller;
  private final DecisionApplier applier;
  private final EventHub events;
  private final ControlLoop loop;
  private final MaintenanceGate gate;
  private final ProducerStops stops;
  private final HotKeyRotation keys;
  private final Optional<ProducerLeaseKeeper> lease;
  private final Clock clock;

  LoopPass(LoopState state, LocalRuntime runtime, PoolController controller, DecisionApplier applier,
      EventHub events, ControlLoop loop, MaintenanceGate gate, HotKeyRotation keys,
      Optional<ProducerLeaseKeeper> lease, Clock clock) {
    this.lease = lease;
    this.gate = gate;
    this.stops = new ProducerStops(gate, events::record);
    this.keys = keys;
    this.state = state;
    this.runtime = runtime;
    this.controller = controller;
    this.applier = applier;
    this.events = events;
    this.loop = loop;
    this.clock = clock;
  }

  @Override
  public void run() {
    try {
      pass();
    } catch (RuntimeException | IOException e) {
      events.record(List.of(ControlEvent.of(clock.instant(), Reason.CONTROL_LOOP_ERROR, null,
          "the control loop failed a pass and will try again: " + e)));
    }
  }

  private void pass() throws IOException {
    if (loop.stopping()) {
      return;
    }
    DesiredPool pool = state.desiredPool();
    runtime.register(pool.nodes());
    runtime.setPoolVersion(state.state() == null ? pool.version() : state.state().poolVersion());
    Map<String, NodeObservation> raw = runtime.observe();
    state.observed(lease.map(l -> l.asJudged(raw)).orElse(raw));
    gate.observed(state.observed());
    Instant now = clock.instant();
    // A pool with a standby: the rollout upgrades the producer without the lease first and moves forging to it.
    applier.apply(controller.decide(pool, state.observed(), state.state(), now, gate.window(now),
        lease.map(ProducerLeaseKeeper::forgingLease).orElse(null)));
    runQueued(now);
    if (lease.isPresent()) {
      lease.get().pass(raw, gate.window(clock.instant()));
    }
    loop.wakeAt(LoopDeadlines.next(state.state(), pool, now), now);
    LocalDesired desired = state.desired();
    ControlState s = state.state();
    if (s.rollout() == null && !desired.version().equals(s.poolVersion()) && s.failure(desired.version()).isPresent()) {
      // The rollout failed and was rolled back: the pool's target is the version it runs again.
      state.saveDesired(desired.withVersion(s.poolVersion()));
    }
  }

  /**
   * Runs a producer's restart, key rotation or volume deletion queued for a free window, once the window is free (a
   * rotation first: it restarts the holder, which answers a restart of it queued beside it).
   */
  private void runQueued(Instant now) throws IOException {
    Optional<MaintenanceGate.QueuedRotation> rotation = gate.rotationQueued();
    if (rotation.isPresent()) {
      String holder = gate.holder();
      if (admitted(PlannedAction.KEY_ROTATION, holder, now)) {
        gate.rotationDone();
        gate.restartDone(holder);
        ActionResult result = keys.rotateNow(rotation.get().key(), rotation.get().passphraseFile());
        if (!result.accepted()) {
          events.record(List.of(ControlEvent.of(now, Reason.ACTION_FAILED, holder, "the key rotation queued for a"
              + " free window was not carried out: " + result.message())));
        }
      }
      return;
    }
    for (String node : gate.volumeDeletionsQueued()) {
      if (admitted(PlannedAction.VOLUME_DELETION, node, now)) {
        gate.volumeDeletionDone(node);
        gate.restartDone(node); // the deletion restarts the node: a restart queued beside it is done by it
        PoolChanges.Outcome o = PoolChanges.deleteVolume(state.current(), state.observed(), node, now);
        if (o.accepted()) {
          applier.apply(o.decision());
        } else {
          events.record(List.of(ControlEvent.of(now, Reason.ACTION_FAILED, node, "the volume deletion queued for a"
              + " free window was not carried out: " + o.message())));
        }
        return;
      }
    }
    for (String node : gate.restartsQueued()) {
      if (state.current().member(node).isEmpty()) {
        gate.restartDone(node); // no longer in the pool (pool.yaml changed): nothing to restart
      } else if (admitted(PlannedAction.RESTART, node, now)) {
        gate.restartDone(node);
        applier.apply(controller.restartNode(state.current(), node, now));
        return;
      }
    }
  }

  /**
   * Whether a queued action on {@code node} may run now: not while a rollout steps the node (the step restarts it);
   * else as {@link ProducerStops} routes it (a key rotation, which restarts the holder with the new keys whichever
   * producer that is, in a free window).
   */
  private boolean admitted(PlannedAction action, String node, Instant now) {
    if (!PoolCommands.restartNode(state.activity(), node).accepted()) {
      return false;
    }
    if (action != PlannedAction.KEY_ROTATION) {
      return stops.admit(action, node, state.current(), state.observed(), now).now();
    }
    if (!gate.gates(node)) {
      return true;
    }
    ForgingWindow.Verdict v = gate.rotationVerdict(node, state.current(), state.observed(), now);
    if (!v.admitted()) {
      gate.waitingEvent(v, node, now).ifPresent(e -> events.record(List.of(e)));
    }
    return v.admitted();
  }
}
