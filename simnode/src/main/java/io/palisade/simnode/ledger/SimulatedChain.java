package io.palisade.simnode.ledger;

import io.palisade.chain.GenesisParameters;
import java.nio.ByteBuffer;

/**
 * The network's chain every simulated node of a network agrees on, without any network traffic: slot {@code s} holds
 * a block of some other pool when a mix of (network magic, s) falls below the active slot coefficient, as a slot
 * leader lottery would. Every node computes the same blocks, so their tips agree the way real synced nodes' tips do.
 * A block producer's own blocks come on top ({@link LocalChain}).
 */
public final class SimulatedChain {
  /** How far back a tip search looks; with f = 0.05 a gap this long has probability ~e^-100. */
  private static final int MAX_GAP = 2000;

  private final long magic;
  private final double f;

  /**
   * @param genesis the network's genesis (network magic and active slot coefficient)
   */
  public SimulatedChain(GenesisParameters genesis) {
    this.magic = genesis.networkMagic();
    this.f = genesis.activeSlotsCoeff() > 0 ? genesis.activeSlotsCoeff() : 0.05;
  }

  /** Whether slot {@code slot} holds a block. */
  public boolean hasBlock(long slot) {
    // A ledger folds every slot of an epoch: a 64-bit mix (SplitMix64's finaliser) is uniform enough for the
    // lottery and a hundred times cheaper than a cryptographic hash.
    long z = slot * 0x9E3779B97F4A7C15L + magic * 0xD1B54A32D192ED03L + 0x5eed;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) / (double) (1L << 53) < f;
  }

  /**
   * The slot of the last block at or before {@code slot}.
   *
   * @param slot a slot (at least 0)
   * @return the block's slot
   */
  public long lastBlockAtOrBefore(long slot) {
    for (long s = slot; s >= 0 && s > slot - MAX_GAP; s--) {
      if (hasBlock(s)) {
        return s;
      }
    }
    return Math.max(slot, 0);
  }

  /** The block number of the block in {@code slot}: about {@code slot * f}, increasing with the slot. */
  public long blockNo(long slot) {
    return (long) Math.floor(slot * f) + 1;
  }

  /** The 32-byte hash of the block in {@code slot}. */
  public byte[] blockHash(long slot) {
    return hash((byte) 'H', slot, 0);
  }

  /** The active slot coefficient (the share of slots that hold a block). */
  public double density() {
    return f;
  }

  /**
   * The 64-byte VRF output of the network's block in {@code slot}: stands in for the output of the pool that led it.
   * It feeds the evolving nonce and decides a slot battle against the simulated node's own block.
   */
  public byte[] vrfOutput(long slot) {
    byte[] out = new byte[64];
    System.arraycopy(hash((byte) 'V', slot, 0), 0, out, 0, 32);
    System.arraycopy(hash((byte) 'V', slot, 1), 0, out, 32, 32);
    return out;
  }

  /** The network's magic. */
  public long networkMagic() {
    return magic;
  }

  /** Blake2b-256 of (domain tag, magic, slot, part): cheap, allocation-light, distinct per use. */
  private byte[] hash(byte tag, long slot, int part) {
    byte[] msg = ByteBuffer.allocate(18).put(tag).putLong(magic).putLong(slot).put((byte) part).array();
    return PraosNonces.blake2b256(msg);
  }
}
