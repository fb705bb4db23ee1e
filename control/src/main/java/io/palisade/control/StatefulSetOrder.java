package io.palisade.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link RolloutOrder#STATEFULSET}: the order a StatefulSet's rolling-update partition imposes. An upgrade goes
 * highest ordinal first; a rollback restores the failed node, then the other upgraded nodes regions in reverse: the
 * failed node's region lowest ordinal first (its update never completed, so each raise of the partition brings one
 * more pod back to the old template), every other region highest ordinal first (its update completed, so restoring
 * it is a fresh update to the old template). A StatefulSet cannot restore out of that order.
 */
final class StatefulSetOrder implements RollbackOrder {
  @Override
  public int relayRank(int ordinal) {
    return -ordinal;
  }

  @Override
  public List<String> restoreAfter(List<String> done, Member failed, Map<String, Member> members) {
    Map<String, List<String>> byWorkload = new LinkedHashMap<>();
    for (String n : done) {
      if (!n.equals(failed.name())) {
        byWorkload.computeIfAbsent(workloadOf(members.get(n)), k -> new ArrayList<>()).add(n);
      }
    }
    List<String> workloads = new ArrayList<>(byWorkload.keySet());
    Collections.reverse(workloads);
    List<String> out = new ArrayList<>();
    for (String w : workloads) {
      List<String> nodes = new ArrayList<>(byWorkload.get(w));
      if (w.equals(workloadOf(failed))) {
        Collections.reverse(nodes);
      }
      out.addAll(nodes);
    }
    return out;
  }

  @Override
  public boolean restoresNotReadyFirst() {
    return false;
  }

  private static String workloadOf(Member m) {
    return m.ref.isBlockProducer() ? "" : "relay-" + m.ref.region();
  }
}
