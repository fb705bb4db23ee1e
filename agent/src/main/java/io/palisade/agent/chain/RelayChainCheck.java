package io.palisade.agent.chain;

import io.palisade.ouroboros.Point;
import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.n2n.NodeToNodeClient;
import io.palisade.ouroboros.n2n.NodeToNodeClient.IntersectAnswer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Asks the pool's own relays whether our block is on their chain: node-to-node chain-sync {@code MsgFindIntersect}
 * with the block's point, which a relay answers with the point when its chain holds that block (cardano-node and
 * the simulated node alike). One relay having it is enough: it is on the chain. None having it is "not on the chain"
 * only when at least one of them answered with a tip past the block's slot (it has followed the chain beyond it, and
 * another block, or none, holds that height); a relay that does not answer, or has not reached the slot, cannot tell,
 * and with no other answer the check waits for a later attempt. Each relay gets its own deadline.
 *
 * <p>The one home of this question: {@code palisade up}'s slot ledger (the relays on loopback) and the operator's
 * (the relay pods through their headless Services) both ask it. Its answer is its own {@link Answer}: this module does
 * not depend on {@code control}, whose {@code ChainCheck} the callers map it to.
 */
public final class RelayChainCheck {
  /** What the relays said of a block. */
  public enum Answer {
    /** A relay's chain holds it. */
    ON_CHAIN,
    /** None holds it, and one has followed the chain past its slot. */
    NOT_ON_CHAIN
  }

  private final Supplier<List<InetSocketAddress>> relays;
  private final long networkMagic;
  private final Duration timeout;

  /**
   * @param relays the pool's relays' node-to-node addresses now (called at each check)
   * @param networkMagic the pool's network
   * @param timeout each relay's deadline (connect, handshake and answer)
   */
  public RelayChainCheck(Supplier<List<InetSocketAddress>> relays, long networkMagic, Duration timeout) {
    this.relays = Objects.requireNonNull(relays, "relays");
    this.networkMagic = networkMagic;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * Whether the block is on the relays' chain.
   *
   * @param slot the block's slot
   * @param blockHash its header hash (hex)
   * @return on the chain, not on it, or empty when no relay could tell
   */
  public Optional<Answer> check(long slot, String blockHash) {
    Point point;
    try {
      point = Point.of(slot, blockHash);
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // a hash no block has: nothing to ask
    }
    boolean past = false;
    for (InetSocketAddress relay : relays.get()) {
      try {
        IntersectAnswer a = new NodeToNodeClient(relay, networkMagic, timeout).findIntersect(List.of(point));
        if (a.found().isPresent()) {
          return Optional.of(Answer.ON_CHAIN);
        }
        past |= a.tip().point() instanceof Point.BlockPoint tip && tip.slot() > slot;
      } catch (IOException | ProtocolException e) {
        // This relay cannot tell now (down, cut off, another network): the others may.
      }
    }
    return past ? Optional.of(Answer.NOT_ON_CHAIN) : Optional.empty();
  }
}
