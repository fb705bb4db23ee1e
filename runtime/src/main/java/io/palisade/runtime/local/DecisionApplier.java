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
 * {@code ActionFailed} event for each action that failed.
 */
final class DecisionApplier {
  private final LoopState loop;
  private final LocalRuntime runtime;
  private final EventHub events;
  private final MaintenanceGate gate;
  private final Clock clock;

  DecisionApplier(LoopState loop, LocalRuntime runtime, EventHub events, MaintenanceGate gate, Clock clock) {
    this.loop = loop;
    this.runtime = runtime;
    this.events = events;
    this.gate = gate;
    this.clock = clock;
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
        a.applyTo(runtime);
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
