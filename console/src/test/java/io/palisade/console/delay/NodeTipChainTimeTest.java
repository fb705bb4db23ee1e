package io.palisade.console.delay;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.chain.ChainClock;
import io.palisade.chain.KnownNetwork;
import io.palisade.gateway.ActionResult;
import io.palisade.gateway.NodeState;
import io.palisade.gateway.NodeStatus;
import io.palisade.gateway.PoolAction;
import io.palisade.gateway.PoolGateway;
import io.palisade.gateway.PoolSnapshot;
import io.palisade.gateway.ShellSession;
import io.palisade.spec.NodeRole;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The chain-time reference from the nodes' tips (mainnet's genesis). */
class NodeTipChainTimeTest {
  private static NodeStatus node(String name, NodeState state, OptionalLong tip) {
    return new NodeStatus(name, NodeRole.RELAY, "eu", state, List.of(), tip, OptionalLong.empty(), 3, "10.5.3",
        OptionalLong.empty(), Optional.empty());
  }

  private static PoolGateway gateway(PoolSnapshot snapshot) {
    return new PoolGateway() {
      @Override
      public PoolSnapshot snapshot() {
        return snapshot;
      }

      @Override
      public ActionResult execute(PoolAction action) {
        throw new UnsupportedOperationException();
      }

      @Override
      public ShellSession openShell(String node) {
        throw new UnsupportedOperationException();
      }
    };
  }

  @Test
  void theNewestTipIsTheReferenceWhateverTheNodesReadiness() {
    var genesis = KnownNetwork.MAINNET.genesis();
    ChainClock chain = new ChainClock(genesis, Clock.systemUTC());
    long slot = chain.slotAt(Instant.parse("2026-11-25T12:00:00Z"));
    PoolSnapshot s = new PoolSnapshot(Instant.now(), true, List.of(
        node("a", NodeState.READY, OptionalLong.of(slot - 40)),
        node("b", NodeState.SYNCING, OptionalLong.of(slot)),
        node("d", NodeState.READY, OptionalLong.empty())), Optional.empty(), List.of());
    assertThat(new NodeTipChainTime(gateway(s), genesis).chainNow()).contains(Instant.parse("2026-11-25T12:00:00Z"));
  }

  @Test
  void afterTheWallClockJumpedEveryHonestNodeLooksBehindAndStillGivesTheReference() {
    // Issue 16: with the clock moved +169 h, readiness (judged against that clock) fails on every node; the
    // reference must not disappear exactly then.
    var genesis = KnownNetwork.MAINNET.genesis();
    ChainClock chain = new ChainClock(genesis, Clock.systemUTC());
    long slot = chain.slotAt(Instant.parse("2026-11-25T12:00:00Z"));
    PoolSnapshot s = new PoolSnapshot(Instant.now(), true, List.of(
        node("bp", NodeState.DEGRADED, OptionalLong.of(slot)),
        node("relay", NodeState.SYNCING, OptionalLong.of(slot - 3))), Optional.empty(), List.of());
    assertThat(new NodeTipChainTime(gateway(s), genesis).chainNow()).contains(Instant.parse("2026-11-25T12:00:00Z"));
  }

  @Test
  void noTipNoReference() {
    var genesis = KnownNetwork.MAINNET.genesis();
    assertThat(new NodeTipChainTime(gateway(PoolSnapshot.disconnected(Instant.now(), "x")), genesis).chainNow())
        .isEmpty();
    PoolSnapshot s = new PoolSnapshot(Instant.now(), true, List.of(node("a", NodeState.DOWN, OptionalLong.empty())),
        Optional.empty(), List.of());
    assertThat(new NodeTipChainTime(gateway(s), genesis).chainNow()).isEmpty();
  }
}
