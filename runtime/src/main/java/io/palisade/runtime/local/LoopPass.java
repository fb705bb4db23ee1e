package io.palisade.runtime.local;

import io.palisade.control.ControlEvent;
import io.palisade.control.ControlEvent.Reason;
import io.palisade.control.ControlState;
import io.palisade.control.DesiredPool;
import io.palisade.control.PoolController;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

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
  private final Clock clock;

  LoopPass(LoopState state, LocalRuntime runtime, PoolController controller, DecisionApplier applier,
      EventHub events, ControlLoop loop, Clock clock) {
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
    state.observed(runtime.observe());
    applier.apply(controller.decide(pool, state.observed(), state.state(), clock.instant()));
    Instant now = clock.instant();
    loop.wakeAt(LoopDeadlines.next(state.state(), pool, now), now);
    LocalDesired desired = state.desired();
    ControlState s = state.state();
    if (s.rollout() == null && !desired.version().equals(s.poolVersion()) && s.failure(desired.version()).isPresent()) {
      // The rollout failed and was rolled back: the pool's target is the version it runs again.
      state.saveDesired(desired.withVersion(s.poolVersion()));
    }
  }
}
