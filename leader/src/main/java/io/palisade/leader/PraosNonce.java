package io.palisade.leader;

import io.palisade.keys.Blake2b;
import java.util.Optional;

/**
 * The nonce arithmetic of Praos (cardano-ledger {@code BaseTypes}, ouroboros-consensus {@code Praos.VRF}): combining
 * two nonces, and the nonce a block's VRF output contributes to the evolving nonce. A nonce is 32 bytes, or the
 * neutral nonce (empty here), the identity of combination.
 */
public final class PraosNonce {
  /** A simulated node folds every block of an epoch: one allocation-free hasher per thread. */
  private static final ThreadLocal<Blake2b.ShortHasher> BLAKE = ThreadLocal.withInitial(Blake2b.ShortHasher::new);

  private PraosNonce() {}

  private static byte[] hash256(byte[] msg) {
    byte[] out = new byte[32];
    BLAKE.get().hash256(msg, 0, msg.length, out, 0);
    return out;
  }

  /**
   * {@code a ⭒ b}: blake2b-256(a ‖ b), the neutral nonce being the identity on either side.
   *
   * @param a the left nonce, empty for the neutral nonce
   * @param b the right nonce, empty for the neutral nonce
   * @return the combination, empty only if both are neutral
   */
  public static Optional<byte[]> combine(Optional<byte[]> a, Optional<byte[]> b) {
    if (a.isEmpty()) {
      return b.map(byte[]::clone);
    }
    if (b.isEmpty()) {
      return a.map(byte[]::clone);
    }
    byte[] both = new byte[64];
    System.arraycopy(check(a.get()), 0, both, 0, 32);
    System.arraycopy(check(b.get()), 0, both, 32, 32);
    return Optional.of(hash256(both));
  }

  /**
   * {@code vrfNonceValue}: what a block contributes to the evolving nonce, blake2b-256(blake2b-256("N" ‖ output)).
   *
   * @param vrfOutput the block's 64-byte VRF output
   * @return the 32-byte nonce
   */
  public static byte[] vrfNonceValue(byte[] vrfOutput) {
    if (vrfOutput.length != 64) {
      throw new IllegalArgumentException("a VRF output is 64 bytes, was " + vrfOutput.length);
    }
    byte[] msg = new byte[65];
    msg[0] = 'N';
    System.arraycopy(vrfOutput, 0, msg, 1, 64);
    return hash256(hash256(msg));
  }

  private static byte[] check(byte[] nonce) {
    if (nonce.length != 32) {
      throw new IllegalArgumentException("a nonce is 32 bytes, was " + nonce.length);
    }
    return nonce;
  }
}
