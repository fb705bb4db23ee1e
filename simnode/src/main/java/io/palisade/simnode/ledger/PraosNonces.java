package io.palisade.simnode.ledger;

import io.palisade.keys.Blake2b;
import io.palisade.leader.PraosNonce;
import io.palisade.ouroboros.n2c.Nonce;

/**
 * Praos' nonce arithmetic ({@link PraosNonce}) on the node-to-client {@link Nonce} the ledger answers with, and the
 * simulated chain's cheap hash.
 */
public final class PraosNonces {
  /** One allocation-free hasher per thread: the simulated chain hashes every block it folds. */
  private static final ThreadLocal<Blake2b.ShortHasher> BLAKE = ThreadLocal.withInitial(Blake2b.ShortHasher::new);

  private PraosNonces() {}

  /** Blake2b-256 of at most 128 bytes. */
  static byte[] blake2b256(byte[] msg) {
    byte[] out = new byte[32];
    BLAKE.get().hash256(msg, 0, msg.length, out, 0);
    return out;
  }

  /** {@code a ⭒ b} ({@link PraosNonce#combine}). */
  public static Nonce combine(Nonce a, Nonce b) {
    return PraosNonce.combine(a.hash(), b.hash()).map(Nonce::of).orElse(Nonce.NEUTRAL);
  }

  /** A block's contribution to the evolving nonce ({@link PraosNonce#vrfNonceValue}). */
  public static Nonce vrfNonceValue(byte[] vrfOutput) {
    return Nonce.of(PraosNonce.vrfNonceValue(vrfOutput));
  }

  /**
   * {@code prevHashToNonce}: the nonce of a block's predecessor's header hash (the lab nonce after applying the
   * block), or the neutral nonce at genesis.
   *
   * @param headerHash the 32-byte header hash, or null at genesis
   * @return the nonce
   */
  public static Nonce ofHeaderHash(byte[] headerHash) {
    return headerHash == null ? Nonce.NEUTRAL : Nonce.of(headerHash);
  }
}
