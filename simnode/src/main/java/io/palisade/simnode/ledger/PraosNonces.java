package io.palisade.simnode.ledger;

import io.palisade.keys.Blake2b;
import io.palisade.ouroboros.n2c.Nonce;

/**
 * The nonce arithmetic of Praos (ouroboros-consensus {@code Ouroboros.Consensus.Protocol.Praos} and {@code .VRF},
 * cardano-ledger {@code BaseTypes}): combining nonces and turning a block's VRF output into its nonce contribution.
 */
public final class PraosNonces {
  /** One allocation-free hasher per thread: an epoch's fold hashes every block three times. */
  private static final ThreadLocal<Blake2b.ShortHasher> BLAKE = ThreadLocal.withInitial(Blake2b.ShortHasher::new);

  private PraosNonces() {}

  /** Blake2b-256 of at most 128 bytes. */
  static byte[] blake2b256(byte[] msg) {
    byte[] out = new byte[32];
    BLAKE.get().hash256(msg, 0, msg.length, out, 0);
    return out;
  }

  /**
   * {@code a ⭒ b}: blake2b-256(a ‖ b); the neutral nonce is the identity on either side.
   *
   * @param a the left nonce
   * @param b the right nonce
   * @return the combination
   */
  public static Nonce combine(Nonce a, Nonce b) {
    if (a.neutral()) {
      return b;
    }
    if (b.neutral()) {
      return a;
    }
    byte[] both = new byte[2 * Nonce.BYTES];
    System.arraycopy(a.hash().orElseThrow(), 0, both, 0, Nonce.BYTES);
    System.arraycopy(b.hash().orElseThrow(), 0, both, Nonce.BYTES, Nonce.BYTES);
    return Nonce.of(blake2b256(both));
  }

  /**
   * {@code vrfNonceValue}: a block's contribution to the evolving nonce, blake2b-256(blake2b-256("N" ‖ output)) (the
   * range extension of the VRF output, then the nonce hash).
   *
   * @param vrfOutput the block's 64-byte VRF output
   * @return its nonce value
   */
  public static Nonce vrfNonceValue(byte[] vrfOutput) {
    byte[] msg = new byte[1 + vrfOutput.length];
    msg[0] = 'N';
    System.arraycopy(vrfOutput, 0, msg, 1, vrfOutput.length);
    return Nonce.of(blake2b256(blake2b256(msg)));
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
