package io.palisade.console.delay;

import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.gateway.NodeStatus;
import io.palisade.gateway.PoolGateway;
import io.palisade.gateway.PoolSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The chain's time as the pool's nodes see it: the start of the newest tip slot any node reports, ready or not. A
 * tip is the slot of the last block, normally seconds old (minutes when blocks are slow), so the clock guard's chain
 * tolerance is a few minutes. When no ready node reports a tip, there is no reference.
 */
public final class NodeTipChainTime implements ChainTimeReference {
  private final PoolGateway gateway;
  private final ChainClock chain;

  /**
   * @param gateway the pool
   * @param genesis the pool's network (slot lengths and system start)
   */
  public NodeTipChainTime(PoolGateway gateway, GenesisParameters genesis) {
    this.gateway = gateway;
    // Only slot-to-time conversion is used; the clock passed here is never read.
    this.chain = new ChainClock(genesis, Clock.systemUTC());
  }

  @Override
  public Optional<Instant> chainNow() {
    PoolSnapshot s = gateway.snapshot();
    if (!s.connected()) {
      return Optional.empty();
    }
    // Every node that reports a tip, ready or not: readiness is judged against the wall clock this reference checks,
    // so after a jump forward every honest node looks "not ready" exactly when the reference is needed.
    OptionalLong newest = s.nodes().stream()
        .map(NodeStatus::tipSlot)
        .filter(OptionalLong::isPresent)
        .mapToLong(OptionalLong::getAsLong)
        .max();
    return newest.isPresent() ? Optional.of(chain.startOfSlot(newest.getAsLong())) : Optional.empty();
  }
}
