package io.palisade.ouroboros.n2c;

import java.util.SortedSet;

/**
 * The ledger a {@link NodeToClientResponder} answers from: the port a simulated node implements. Each method is
 * called while answering one query; a session's answers are read from one {@link #snapshot()} taken when the client
 * acquires, so they describe one ledger state as a node's do.
 */
public interface LedgerView {
  /**
   * The ledger as it is now; called on every {@code MsgAcquire}. MUST NOT return null.
   *
   * @return the state the session's queries are answered from
   */
  Snapshot snapshot();

  /** One ledger state, the answers to every query Palisade asks. Implementations MUST NOT return null. */
  interface Snapshot {
    /** The era. */
    Era era();

    /** The epoch number. */
    long epoch();

    /**
     * The stake snapshots of {@code pools} (every pool when empty): a pool with no stake is present with zeros, as
     * the node answers.
     */
    StakeSnapshots stakeSnapshots(SortedSet<PoolId> pools);

    /** The Praos state: nonces and opcert counters. */
    PraosState praosState();

    /** The genesis facts. */
    GenesisConfig genesis();

    /** The protocol parameters. */
    ProtocolParameters protocolParameters();
  }
}
