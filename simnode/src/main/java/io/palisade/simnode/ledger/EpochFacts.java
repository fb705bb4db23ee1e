package io.palisade.simnode.ledger;

import io.palisade.ouroboros.n2c.Nonce;

/**
 * What the leader check of one epoch needs from the ledger: the epoch nonce and the "set" snapshot's stakes.
 *
 * @param epoch the epoch
 * @param epochNonce η0 of the epoch
 * @param poolStake the pool's stake in the epoch's "set" snapshot (lovelace)
 * @param activeStake the total active stake of that snapshot (lovelace)
 */
public record EpochFacts(long epoch, Nonce epochNonce, long poolStake, long activeStake) {}
