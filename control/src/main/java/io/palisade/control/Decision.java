package io.palisade.control;

import java.util.List;
import java.util.Objects;

/**
 * The result of one pass of the control logic.
 *
 * @param state the control state to keep for the next pass (persist it before applying the actions)
 * @param actions what the runtime must do, in order (topology changes first)
 * @param events why, one event per decision
 */
public record Decision(ControlState state, List<Action> actions, List<ControlEvent> events) {
  /** Copies the lists. */
  public Decision {
    Objects.requireNonNull(state, "state");
    actions = List.copyOf(actions);
    events = List.copyOf(events);
  }
}
