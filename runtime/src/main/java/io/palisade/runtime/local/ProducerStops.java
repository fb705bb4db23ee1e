package io.palisade.runtime.local;

import io.palisade.control.ControlEvent;
import io.palisade.control.ControlState;
import io.palisade.control.ForgingWindow;
import io.palisade.control.NodeObservation;
import io.palisade.control.PlannedAction;
import io.palisade.control.api.ActionResult;
import io.palisade.control.lease.ProducerStopRoute;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A planned stop of a block producer on this host (the operator's restart, a volume deletion), routed by control's
 * {@link ProducerStopRoute}: at once when the producer is down already or keyless; with a standby ready, after
 * forging has moved off it (the switchover asked for here); with the standby not ready, after waiting for it for the
 * policy's standby wait; else in a free window between leader slots. The same
 * answer when the operator asks and at each pass while the stop is queued, so a stop queued for a window moves
 * forging first once the standby is ready again. Only the control loop's thread calls it.
 */
final class ProducerStops {
  /** What status says of a stop that waits for forging to move off its producer. */
  static final String AFTER_MOVE = "waiting for forging to move to the other producer first (palisade producer status"
      + " says what the move waits for), then at once; in a free window if the move is called off";

  /** What a stop of the holder waits for while the other producer is not ready, until {@code ends}. */
  static String awaitingStandby(Instant ends) {
    return "waiting for the other producer to be ready (until " + ends + "), so that forging moves to it first; then"
        + " at once, keyless, or after that in a free window";
  }

  /**
   * What a stop gets now.
   *
   * @param now whether it runs now
   * @param keyless whether it runs now because its producer forges nothing
   * @param waiting what it waits for ("waiting for a free window: ..."), null when it runs now
   */
  record Admission(boolean now, boolean keyless, String waiting) {}

  private final MaintenanceGate gate;
  private final Consumer<List<ControlEvent>> events;

  ProducerStops(MaintenanceGate gate, Consumer<List<ControlEvent>> events) {
    this.gate = gate;
    this.events = events;
  }

  /**
   * Judges a stop of the producer {@code node} now, asking for forging to move off it when it can move (a waiting
   * event when what it waits for changed).
   */
  Admission admit(PlannedAction action, String node, ControlState state, Map<String, NodeObservation> observed,
      Instant now) {
    if (MaintenanceGate.down(node, state, observed)) {
      return new Admission(true, false, null); // nothing forges on it: waiting could only lose more slots
    }
    Duration waited = gate.waited(action, node, now);
    ProducerStopRoute route = gate.forgers().route(node, waited);
    if (route == ProducerStopRoute.MOVE_FIRST) {
      ActionResult move = gate.forgers().moveForging();
      if (move.accepted()) {
        return waiting(node, "forging moves to " + move.node() + " first (" + move.message() + "), then "
            + action.phrase() + " " + node + " runs at once, keyless", now);
      }
      route = ProducerStopRoute.IN_WINDOW; // the other producer stopped being ready since it was judged
    }
    switch (route) {
      case AT_ONCE:
        return new Admission(true, true, null);
      case AFTER_MOVE:
        // The lease keeper's own events say what the move waits for.
        return new Admission(false, false, AFTER_MOVE);
      case AWAIT_STANDBY:
        return waiting(node, awaitingStandby(gate.standbyWaitEnds(waited, now)), now);
      default:
        ForgingWindow.Verdict v = gate.verdict(action, node, state, observed, now);
        if (v.admitted()) {
          return new Admission(true, false, null);
        }
        gate.waitingEvent(v, node, now).ifPresent(e -> events.accept(List.of(e)));
        return new Admission(false, false, v.describe(now));
    }
  }

  private Admission waiting(String node, String why, Instant now) {
    gate.waitingEvent(why, node, now).ifPresent(e -> events.accept(List.of(e)));
    return new Admission(false, false, why);
  }
}
