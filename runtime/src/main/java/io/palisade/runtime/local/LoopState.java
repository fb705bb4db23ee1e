package io.palisade.runtime.local;

import io.palisade.control.ControlState;
import io.palisade.control.DesiredPool;
import io.palisade.control.NodeObservation;
import io.palisade.control.PoolActivity;
import io.palisade.spec.PoolSpec;
import java.io.IOException;
import java.util.Map;

/**
 * What the control loop owns and only its thread touches: the operator's requests ({@code desired.json}), the
 * control state ({@code state.json}) and the latest observations. Every change is written to the data directory
 * before it counts.
 */
final class LoopState {
  private final DataDir dataDir;
  private final PoolSpec spec;
  private LocalDesired desired;
  private ControlState state;
  /** The last pass's observations; also read by the node watchers' threads for the pool's view ({@link PoolViews}). */
  private volatile Map<String, NodeObservation> observed = Map.of();
  private final Runnable desiredChanged;

  /**
   * @param dataDir the data directory
   * @param spec the pool's spec
   * @param desired the operator's requests
   * @param state the control state, or null
   * @param desiredChanged told after a new request is recorded (the loop passes at once to act on it)
   */
  LoopState(DataDir dataDir, PoolSpec spec, LocalDesired desired, ControlState state, Runnable desiredChanged) {
    this.dataDir = dataDir;
    this.spec = spec;
    this.desired = desired;
    this.state = state;
    this.desiredChanged = desiredChanged;
  }

  LocalDesired desired() {
    return desired;
  }

  /** The control state, or null for a pool that never ran a pass. */
  ControlState state() {
    return state;
  }

  /** The control state, or the one a pool that never ran starts from. */
  ControlState current() {
    return state == null ? ControlState.initial(desiredPool()) : state;
  }

  DesiredPool desiredPool() {
    return desired.toDesired(spec);
  }

  /** What the pool does now, for the guard rails of the operator's commands. */
  PoolActivity activity() {
    return PoolActivity.of(current(), desiredPool());
  }

  Map<String, NodeObservation> observed() {
    return observed;
  }

  void observed(Map<String, NodeObservation> latest) {
    observed = latest;
  }

  /**
   * Records the operator's requests ({@code desired.json}), then uses them. A new target (an upgrade, a relay to add,
   * a removal) is acted on by the next pass: the loop is asked for one now.
   */
  void saveDesired(LocalDesired d) throws IOException {
    dataDir.write(dataDir.desiredFile(), d);
    desired = d;
    desiredChanged.run();
  }

  /**
   * Uses a control state derived at start (nodes found not running start afresh) without writing it: the first pass
   * writes what it decides from it.
   */
  void adoptState(ControlState s) {
    state = s;
  }

  /** Records the control state ({@code state.json}) if it changed, then uses it. */
  void saveState(ControlState s) throws IOException {
    if (!s.equals(state)) {
      dataDir.write(dataDir.stateFile(), s);
      state = s;
    }
  }
}
