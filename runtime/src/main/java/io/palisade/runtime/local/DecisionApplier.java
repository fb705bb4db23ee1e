package io.palisade.runtime.local;

import io.palisade.control.Action;
import io.palisade.control.ControlEvent;
import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.Decision;
import io.palisade.control.NodeRuntimeException;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries a {@link Decision} out on this host: the new state is written first (a crash after that line resumes from
 * it), then the actions run in order through the runtime, then the events are recorded, with an
 * {@code ActionFailed} event for each action that failed. A rollout's move of forging goes to the producer lease's
 * keeper, as a switchover ({@link ProducerLeaseKeeper#moveForging}).
 */
final class DecisionApplier {
  private final LoopState loop;
  private final LocalRuntime runtime;
  private final EventHub events;
  private final MaintenanceGate gate;
  private final Clock clock;
  /** The producer lease of a pool with a standby: what carries out a move of forging; null without a standby. */
  private volatile ProducerLeaseKeeper lease;

  DecisionApplier(LoopState loop, LocalRuntime runtime, EventHub events, MaintenanceGate gate, Clock clock) {
    this.loop = loop;
    this.runtime = runtime;
    this.events = events;
    this.gate = gate;
    this.clock = clock;
  }

  /** A pool with a standby: a rollout's {@link Action.MoveForging} is the keeper's switchover. */
  void useLease(ProducerLeaseKeeper keeper) {
    this.lease = keeper;
  }

  /**
   * Applies a decision.
   *
   * @param d the decision
   * @return what failed, for people (empty when every action ran)
   * @throws IOException if the state cannot be written (nothing was applied then)
   */
  List<String> apply(Decision d) throws IOException {
    loop.saveState(d.state());
    List<ControlEvent> recorded = new ArrayList<>(d.events());
    List<String> failures = new ArrayList<>();
    for (Action a : d.actions()) {
      try {
        ProducerLeaseKeeper keeper = lease;
        if (a instanceof Action.MoveForging move && keeper != null) {
          keeper.moveForging(move.nodeName());
        } else {
          a.applyTo(runtime);
        }
      } catch (NodeRuntimeException e) {
        String what = "could not " + a.getClass().getSimpleName() + " " + a.nodeName() + ": " + e.getMessage();
        failures.add(what);
        recorded.add(ControlEvent.of(clock.instant(), Reason.ACTION_FAILED, a.nodeName(), what));
      }
    }
    events.record(recorded);
    // Every start or restart of the block producer, whoever decided it, is a restart-to-forging measurement.
    gate.applied(d.actions(), clock.instant());
    return failures;
  }
}
