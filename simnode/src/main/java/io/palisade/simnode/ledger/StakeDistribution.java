package io.palisade.simnode.ledger;

import io.palisade.ouroboros.n2c.PoolId;
import io.palisade.ouroboros.n2c.StakeSnapshots;
import io.palisade.ouroboros.n2c.StakeSnapshots.PoolStake;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The simulated stake distribution: the total active stake of each epoch-end snapshot varies a little from epoch to
 * epoch (deterministically, from the network magic), and the pool holds a fixed share of it. At epoch e the ledger's
 * snapshots are those taken at the end of e − 1 ("mark", next epoch's leader election), e − 2 ("set", this epoch's)
 * and e − 3 ("go"), as in the Shelley ledger.
 *
 * @param networkMagic the network (decides the totals)
 * @param share the pool's share of the active stake, in (0, 1]
 */
public record StakeDistribution(long networkMagic, double share) {
  /** About the active stake of a public testnet: 1.2 billion ada. */
  static final long BASE_TOTAL = 1_200_000_000_000_000L;
  /** The totals vary by up to 1 %. */
  static final long SPREAD = BASE_TOTAL / 100;

  /** Checks the share. */
  public StakeDistribution {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("the pool's stake share must be in (0, 1], was: " + share);
    }
  }

  /** The total active stake of the snapshot taken at the end of {@code epoch}, in lovelace. */
  public long total(long epoch) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] h = sha.digest(ByteBuffer.allocate(24).putLong(0x5374616b65L).putLong(networkMagic)
          .putLong(Math.max(0, epoch)).array());
      return BASE_TOTAL + Math.floorMod(ByteBuffer.wrap(h).getLong(), SPREAD);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The pool's stake in the snapshot taken at the end of {@code epoch}: the share of the total, rounded down. */
  public long pool(long epoch) {
    return new BigDecimal(total(epoch)).multiply(BigDecimal.valueOf(share)).setScale(0, RoundingMode.FLOOR)
        .longValueExact();
  }

  /**
   * The ledger's stake snapshots at {@code epoch}, as {@code GetStakeSnapshots} answers them.
   *
   * @param epoch the ledger's epoch
   * @param ownPool the simulated pool, empty for a node that knows no pool (a relay)
   * @param asked the pools asked for; every pool the ledger knows when empty
   * @return the snapshots
   */
  public StakeSnapshots snapshots(long epoch, Optional<PoolId> ownPool, SortedSet<PoolId> asked) {
    SortedMap<PoolId, PoolStake> pools = new TreeMap<>();
    PoolStake own = new PoolStake(pool(epoch - 1), pool(epoch - 2), pool(epoch - 3));
    if (asked.isEmpty()) {
      ownPool.ifPresent(p -> pools.put(p, own));
    } else {
      for (PoolId p : asked) {
        pools.put(p, ownPool.isPresent() && ownPool.get().equals(p) ? own : new PoolStake(0, 0, 0));
      }
    }
    return new StakeSnapshots(pools, total(epoch - 1), total(epoch - 2), total(epoch - 3));
  }
}
