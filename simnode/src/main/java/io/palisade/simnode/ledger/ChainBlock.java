package io.palisade.simnode.ledger;

/**
 * A block on a simulated node's chain: the facts the Praos state folds.
 *
 * @param slot its slot
 * @param hash its 32-byte header hash
 * @param vrfOutput its 64-byte VRF output
 * @param own whether the node's own pool forged it
 */
public record ChainBlock(long slot, byte[] hash, byte[] vrfOutput, boolean own) {}
