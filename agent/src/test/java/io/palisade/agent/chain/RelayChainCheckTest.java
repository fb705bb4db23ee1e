package io.palisade.agent.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.agent.chain.RelayChainCheck.Answer;
import io.palisade.ouroboros.ChainTip;
import io.palisade.ouroboros.Point;
import io.palisade.ouroboros.n2n.NodeToNodeResponder;
import io.palisade.ouroboros.n2n.NodeToNodeServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The chain check asks the pool's relays over real node-to-node connections: one relay having the block is enough;
 * "not on the chain" needs a relay past the block's slot; a relay down, behind, or on another network cannot tell.
 */
class RelayChainCheckTest {
  static final long MAGIC = 2;
  static final String OURS = "0a".repeat(32);
  static final Point BLOCK = Point.of(1000, OURS);

  static NodeToNodeServer relay(long tipSlot, Set<Point> chain, long magic) throws Exception {
    return NodeToNodeServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        new NodeToNodeResponder(magic, () -> new ChainTip(Point.of(tipSlot, "ff".repeat(32)), 77), chain::contains));
  }

  static RelayChainCheck check(List<InetSocketAddress> relays) {
    return new RelayChainCheck(() -> relays, MAGIC, Duration.ofSeconds(2));
  }

  @Test
  void oneRelayHavingTheBlock_isOnTheChain_noneHavingItPastItsSlot_isNot() throws Exception {
    try (NodeToNodeServer without = relay(1050, Set.of(), MAGIC);
        NodeToNodeServer with = relay(1050, Set.of(BLOCK), MAGIC)) {
      assertThat(check(List.of(without.address(), with.address())).check(1000, OURS)).contains(Answer.ON_CHAIN);
      assertThat(check(List.of(without.address())).check(1000, OURS)).contains(Answer.NOT_ON_CHAIN);
    }
  }

  @Test
  void aRelayThatCannotTell_leavesItUnknown() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    try (NodeToNodeServer behind = relay(990, Set.of(BLOCK), MAGIC);
        NodeToNodeServer otherNetwork = relay(1050, Set.of(), 764824073)) {
      InetSocketAddress down = new InetSocketAddress(InetAddress.getLoopbackAddress(), closed);
      // Behind the slot (even one that would hold it later), down, or refusing our magic: no answer.
      assertThat(check(List.of(behind.address(), down, otherNetwork.address())).check(1000, OURS)).isEmpty();
      assertThat(check(List.of()).check(1000, OURS)).isEmpty();
      // A hash no block has is not asked.
      assertThat(check(List.of(behind.address())).check(1000, "not hex")).isEmpty();
    }
  }
}
