package io.palisade.control;

import java.util.List;
import java.util.Map;

/**
 * How a {@link RolloutOrder} orders a region's relays in a rollout and restores the upgraded nodes after a miss: the
 * behaviour behind each order, so the rollout and the rollback never ask which order they follow.
 */
interface RollbackOrder {
  /**
   * Where {@code relay} goes among its region's relays in an upgrade (lower first).
   *
   * @param ordinal the relay's ordinal
   * @return its rank
   */
  int relayRank(int ordinal);

  /**
   * The nodes to restore after {@code failed}, which heads the queue.
   *
   * @param done the nodes upgraded and settled, in upgrade order
   * @param failed the node that missed its deadline
   * @param members every member, by name
   * @return the rest of the queue, in order
   */
  List<String> restoreAfter(List<String> done, Member failed, Map<String, Member> members);

  /** Whether a node that is not ready may be restored before the head of the queue (it costs nothing to restore). */
  boolean restoresNotReadyFirst();
}
