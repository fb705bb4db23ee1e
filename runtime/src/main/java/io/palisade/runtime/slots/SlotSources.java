package io.palisade.runtime.slots;

import io.palisade.control.slots.ChainCheck;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where the slot ledger reads what the runtime does not observe itself: the block producer's leader schedule (the
 * Praos leader check on the facts its node answers on its socket, as {@code palisade leader-schedule} reads them) and
 * what its forge loop recorded. The CLI supplies it (it holds the node-to-client client and the leader check); the
 * runtime stays free of both.
 */
public interface SlotSources {
  /**
   * The pool's leader slots in {@code epoch}.
   *
   * @return the slots, or empty while the node cannot tell (not started, replaying, another epoch)
   * @throws IOException if the node or the keys cannot be read
   */
  Optional<List<Long>> leaderSlots(long epoch) throws IOException;

  /**
   * What the block producers' forge loops recorded for the slots of {@code epoch}: the slots they forged in, with
   * what became of each block, and the leader slots they did not forge in, with why. With a standby each producer's
   * records, each naming its node ({@link ForgedSlot#node}): the watch keeps, for each slot, the record of the
   * producer that held the forging lease then.
   *
   * @throws IOException if a record cannot be read
   */
  List<ForgedSlot> forged(long epoch) throws IOException;

  /**
   * Whether our block is on the chain the pool's relays follow: each is asked, over node-to-node chain-sync, whether
   * the block's point is on its chain. On the chain when a relay has it; not on it when none has it and at least one
   * is past its slot (another block, or none, holds that height on their chain); unknown otherwise (no relay answers,
   * or none has reached the slot). Without relays to ask, unknown.
   *
   * @param slot the block's slot
   * @param blockHash its header hash (hex)
   * @return the answer, or empty when it cannot be told now
   */
  default Optional<ChainCheck> chainCheck(long slot, String blockHash) {
    return Optional.empty();
  }
}
