package io.palisade.runtime.local;

import io.palisade.control.ControlState;
import io.palisade.control.MemberState;
import io.palisade.spec.NodeVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a control plane that starts on a data directory a previous one left does with the nodes it finds, decided
 * purely: a member that is not running starts afresh (a new node, no failure counted, its rollout step starting
 * over); one found running another version than it should (a crash mid-step) is stopped and started afresh on the
 * right one; the others are adopted as they run.
 *
 * @param state the control state to run on
 * @param stop the adopted nodes to stop first (they run the wrong version)
 */
record RecoveryPlan(ControlState state, List<String> stop) {
  /** Copies the list. */
  RecoveryPlan {
    stop = List.copyOf(stop);
  }

  /**
   * The plan for a saved control state.
   *
   * @param saved the control state the previous control plane wrote
   * @param adopted the nodes found running and adopted
   * @param running the version each adopted node runs, when known
   * @return the plan
   */
  static RecoveryPlan of(ControlState saved, Collection<String> adopted, Map<String, NodeVersion> running) {
    Set<String> notRunning = new LinkedHashSet<>();
    List<String> stop = new ArrayList<>();
    for (MemberState m : saved.members()) {
      NodeVersion version = running.get(m.name());
      if (!adopted.contains(m.name())) {
        notRunning.add(m.name());
      } else if (version != null && !version.equals(m.version())) {
        stop.add(m.name());
        notRunning.add(m.name());
      }
    }
    return new RecoveryPlan(saved.startingAfresh(notRunning), stop);
  }
}
