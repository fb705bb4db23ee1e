package io.palisade.runtime.local;

import io.palisade.control.ControlState;
import io.palisade.control.DesiredPool;
import io.palisade.control.MemberState;
import io.palisade.control.RolloutState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The next instant at which the control state changes by itself, with nothing new observed: the end of a rollout
 * step's hold, a step's deadline, a node's restart after its backoff. The control loop wakes then, instead of finding
 * out at its next tick (up to a tick late for each step of a rollout). Pure.
 */
final class LoopDeadlines {
  private LoopDeadlines() {}

  /**
   * The next deadline after {@code now}.
   *
   * @param state the control state, or null before the first decision
   * @param desired the desired pool (its upgrade policy)
   * @param now the time
   * @return the earliest deadline still to come, if any
   */
  static Optional<Instant> next(ControlState state, DesiredPool desired, Instant now) {
    if (state == null) {
      return Optional.empty();
    }
    List<Instant> at = new ArrayList<>();
    RolloutState rollout = state.rollout();
    if (rollout != null) {
      if (rollout.readySince() != null) {
        at.add(rollout.readySince().plus(desired.upgrade().holdOff()));
      }
      if (rollout.stepStartedAt() != null) {
        at.add(rollout.stepStartedAt().plus(desired.upgrade().deadlinePerNode()));
      }
    }
    for (MemberState m : state.members()) {
      if (m.nextRestartAt() != null) {
        at.add(m.nextRestartAt());
      }
    }
    return at.stream().filter(t -> t.isAfter(now)).min(Comparator.naturalOrder());
  }
}
