package io.palisade.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * {@link RolloutOrder#LOWEST_ORDINAL_FIRST}: lowest ordinal first; a rollback restores the failed node, then every
 * upgraded node in reverse, a node that is not ready before a ready one (any runtime that restarts each node on its
 * own can).
 */
final class LowestOrdinalFirst implements RollbackOrder {
  @Override
  public int relayRank(int ordinal) {
    return ordinal;
  }

  @Override
  public List<String> restoreAfter(List<String> done, Member failed, Map<String, Member> members) {
    // The failed node may itself be one already upgraded (it went unready while the rollout waited): it heads the
    // queue once, never twice.
    List<String> rest = new ArrayList<>(done);
    rest.remove(failed.name());
    Collections.reverse(rest);
    return rest;
  }

  @Override
  public boolean restoresNotReadyFirst() {
    return true;
  }
}
