package io.palisade.console.web;

import io.palisade.gateway.NodeState;
import io.palisade.gateway.NodeStatus;
import io.palisade.gateway.PoolSnapshot;
import io.palisade.gateway.RolloutProgress;
import io.palisade.gateway.SlotOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The pool's overall health in one word and one line, decided from a snapshot (pure): healthy when the console reaches
 * the pool, every node is ready, no rollout runs and nothing waits for a free window; otherwise what is wrong, the
 * worst first. A slot missed during a Palisade action is always named: it must never happen.
 *
 * @param healthy whether the pool is healthy
 * @param summary one line for the operator
 */
record PoolHealth(boolean healthy, String summary) {
  private static final Set<String> FINISHED = Set.of("done", "finished", "complete", "completed", "rolled-back",
      "rolled_back", "failed");

  static PoolHealth of(PoolSnapshot s) {
    if (!s.connected()) {
      String why = s.recentEvents().isEmpty() ? "" : ": " + s.recentEvents().get(0).message();
      return new PoolHealth(false, "the console does not reach the pool" + why);
    }
    if (s.nodes().isEmpty()) {
      return new PoolHealth(false, "the pool has no nodes");
    }
    List<String> wrong = new ArrayList<>();
    for (NodeStatus n : s.nodes()) {
      if (n.state() != NodeState.READY) {
        wrong.add(n.name() + " " + n.state().name().toLowerCase(Locale.ROOT)
            + (n.reasons().isEmpty() ? "" : " (" + n.reasons().get(0) + ")"));
      }
    }
    if (s.rollout().isPresent() && inProgress(s.rollout().get())) {
      RolloutProgress r = s.rollout().get();
      wrong.add("a rollout to " + r.targetVersion() + " runs (" + r.nodesDone() + " of " + r.nodesTotal() + " nodes)");
    }
    int waiting = s.leaderSlots().waiting().size();
    if (waiting > 0) {
      wrong.add(waiting + (waiting == 1 ? " action waits" : " actions wait") + " for a free window");
    }
    long palisade = s.leaderSlots().count(SlotOutcome.MISSED_PALISADE_ACTION);
    if (palisade > 0) {
      wrong.add(0, palisade + " leader slot" + (palisade == 1 ? " was" : "s were") + " missed during a Palisade"
          + " action this epoch");
    }
    if (wrong.isEmpty()) {
      return new PoolHealth(true, "every node is ready" + (s.nodes().size() > 1 ? " (" + s.nodes().size()
          + " nodes)" : ""));
    }
    return new PoolHealth(false, String.join("; ", wrong));
  }

  static boolean inProgress(RolloutProgress r) {
    return !FINISHED.contains(r.state().toLowerCase(Locale.ROOT));
  }
}
