package io.palisade.ouroboros.n2c;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The ledger queries Palisade asks over local-state-query, each one fact the leader check or the KES rotation needs.
 * {@link LedgerQueryCodec} writes them with the hard-fork combinator's wrapping; {@link LedgerResultCodec} reads and
 * writes their answers. Block queries name the era they are asked in: a node in another era answers with an era
 * mismatch instead.
 */
public sealed interface LedgerQuery {
  /** A query of the Shelley ledger of one era ({@code BlockQuery (QueryIfCurrent ...)}). */
  sealed interface BlockQuery extends LedgerQuery {
    /** The era the query is asked in. */
    Era era();
  }

  /** {@code QueryHardFork GetCurrentEra}: the era index of the acquired state. */
  record CurrentEra() implements LedgerQuery {}

  /**
   * {@code GetEpochNo} (Shelley query 1).
   *
   * @param era the era asked in
   */
  record EpochNo(Era era) implements BlockQuery {
    /** Requires a Shelley-based era. */
    public EpochNo {
      requireShelley(era);
    }
  }

  /**
   * {@code GetCurrentPParams} (Shelley query 3).
   *
   * @param era the era asked in
   */
  record CurrentPParams(Era era) implements BlockQuery {
    /** Requires a Shelley-based era. */
    public CurrentPParams {
      requireShelley(era);
    }
  }

  /**
   * {@code GetGenesisConfig} (Shelley query 11).
   *
   * @param era the era asked in
   */
  record GenesisConfigQuery(Era era) implements BlockQuery {
    /** Requires a Shelley-based era. */
    public GenesisConfigQuery {
      requireShelley(era);
    }
  }

  /**
   * {@code DebugChainDepState} (Shelley query 13): the protocol state, nonces and opcert counters.
   *
   * @param era the era asked in
   */
  record ChainDepState(Era era) implements BlockQuery {
    /** Requires a Shelley-based era. */
    public ChainDepState {
      requireShelley(era);
    }
  }

  /**
   * {@code GetStakeSnapshots} (Shelley query 20) for some pools, or for every pool when {@code pools} is empty.
   *
   * @param era the era asked in
   * @param pools the pools
   */
  record StakeSnapshotsQuery(Era era, SortedSet<PoolId> pools) implements BlockQuery {
    /** Requires a Shelley-based era; copies the set. */
    public StakeSnapshotsQuery {
      requireShelley(era);
      pools = Collections.unmodifiableSortedSet(new TreeSet<>(pools));
    }
  }

  private static void requireShelley(Era era) {
    Objects.requireNonNull(era, "era");
    if (!era.shelleyBased()) {
      throw new IllegalArgumentException("Shelley ledger queries cannot be asked in the Byron era");
    }
  }
}
