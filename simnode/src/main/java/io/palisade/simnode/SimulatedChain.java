package io.palisade.simnode;

import io.palisade.chain.GenesisParameters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The chain every simulated node of a network agrees on, without any network traffic: slot {@code s} holds a block
 * when a hash of (network magic, s) falls below the active slot coefficient, as a slot leader lottery would. Every
 * node computes the same blocks, so their tips agree the way real synced nodes' tips do.
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
    return uniform(hash("block", slot)) < f;
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
    return hash("hash", slot);
  }

  /** The active slot coefficient (the share of slots that hold a block). */
  public double density() {
    return f;
  }

  /** Whether a pool with relative stake {@code sigma} leads slot {@code slot} (the simulated leader lottery). */
  public boolean leads(String pool, double sigma, long slot) {
    double phi = 1 - Math.pow(1 - f, sigma);
    return uniform(hash("leader:" + pool, slot)) < phi;
  }

  private byte[] hash(String domain, long slot) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(("palisade-simnode:" + domain + ":").getBytes(StandardCharsets.UTF_8));
      sha.update(ByteBuffer.allocate(16).putLong(magic).putLong(slot).array());
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static double uniform(byte[] h) {
    long bits = ByteBuffer.wrap(h).getLong() >>> 11;
    return bits / (double) (1L << 53);
  }
}
