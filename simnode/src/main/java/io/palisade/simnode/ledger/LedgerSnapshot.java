package io.palisade.simnode.ledger;

import io.palisade.ouroboros.n2c.Era;
import io.palisade.ouroboros.n2c.GenesisConfig;
import io.palisade.ouroboros.n2c.LedgerView;
import io.palisade.ouroboros.n2c.PoolId;
import io.palisade.ouroboros.n2c.PraosState;
import io.palisade.ouroboros.n2c.ProtocolParameters;
import io.palisade.ouroboros.n2c.StakeSnapshots;
import java.util.Optional;
import java.util.SortedSet;

/**
 * One state of the simulated ledger, as a node-to-client session sees it after acquiring the tip: immutable.
 *
 * @param epoch the ledger's epoch (of the tip block)
 * @param praosState the nonces and opcert counters at the tip
 * @param genesis the genesis facts
 * @param stake the stake distribution
 * @param pool the simulated pool, empty on a node that knows none
 */
record LedgerSnapshot(long epoch, PraosState praosState, GenesisConfig genesis, StakeDistribution stake,
    Optional<PoolId> pool) implements LedgerView.Snapshot {
  /** Conway's protocol version, as the public networks run it. */
  static final ProtocolParameters CONWAY = new ProtocolParameters(10, 0, Optional.empty());

  @Override
  public Era era() {
    return Era.CONWAY;
  }

  @Override
  public StakeSnapshots stakeSnapshots(SortedSet<PoolId> pools) {
    return stake.snapshots(epoch, pool, pools);
  }

  @Override
  public ProtocolParameters protocolParameters() {
    return CONWAY;
  }
}
