package io.palisade.ouroboros.n2c;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The answer of {@code GetStakeSnapshots}: each pool's stake and the total active stake in the three ledger
 * snapshots. "set" is the one the leader check of the current epoch uses (taken at the end of the previous epoch);
 * "mark" becomes "set" at the next epoch boundary, so it gives next epoch's σ; "go" is used for rewards. Amounts
 * are lovelace.
 *
 * @param pools the requested pools' stakes (a pool with no stake has zeros)
 * @param markTotal total active stake of "mark"
 * @param setTotal total active stake of "set"
 * @param goTotal total active stake of "go"
 */
public record StakeSnapshots(SortedMap<PoolId, PoolStake> pools, long markTotal, long setTotal, long goTotal) {
  /** Copies the map and checks the amounts. */
  public StakeSnapshots {
    pools = Collections.unmodifiableSortedMap(new TreeMap<>(pools));
    if (markTotal < 0 || setTotal < 0 || goTotal < 0) {
      throw new IllegalArgumentException("stake totals must be >= 0");
    }
  }

  /**
   * One pool's stake in the three snapshots, in lovelace.
   *
   * @param mark in "mark"
   * @param set in "set" (the leader check's)
   * @param go in "go"
   */
  public record PoolStake(long mark, long set, long go) {
    /** Checks the amounts. */
    public PoolStake {
      if (mark < 0 || set < 0 || go < 0) {
        throw new IllegalArgumentException("stake must be >= 0");
      }
    }
  }

  /** The stake of {@code pool}, if the answer has it. */
  public Optional<PoolStake> pool(PoolId pool) {
    return Optional.ofNullable(pools.get(pool));
  }

  /** Builds the snapshots of one pool. */
  public static StakeSnapshots of(PoolId pool, PoolStake stake, long markTotal, long setTotal, long goTotal) {
    return new StakeSnapshots(new TreeMap<>(Map.of(pool, stake)), markTotal, setTotal, goTotal);
  }
}
