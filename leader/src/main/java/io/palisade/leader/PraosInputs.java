package io.palisade.leader;

import io.palisade.keys.Blake2b;

/**
 * The two hashes around the VRF in Praos (ouroboros-consensus {@code Ouroboros.Consensus.Protocol.Praos.VRF}):
 * {@code mkInputVRF slot η0 = blake2b-256(slot as 8 bytes big-endian ‖ η0)}, the VRF's message; and
 * {@code vrfLeaderValue = blake2b-256("L" ‖ VRF output)}, the 256-bit natural the leader check compares. Both messages
 * fit one Blake2b block, hashed without allocation: one instance per thread.
 */
public final class PraosInputs {
  private final Blake2b.ShortHasher blake = new Blake2b.ShortHasher();
  private final byte[] message = new byte[65];

  /** Writes the VRF input of {@code slot} under {@code nonce} (32 bytes) to {@code out} at {@code off}. */
  public void vrfInput(long slot, byte[] nonce, byte[] out, int off) {
    for (int i = 0; i < 8; i++) {
      message[i] = (byte) (slot >>> (56 - 8 * i));
    }
    System.arraycopy(nonce, 0, message, 8, 32);
    blake.hash256(message, 0, 40, out, off);
  }

  /** Writes the leader value of the 64-byte VRF output at {@code outputOff} to {@code out} at {@code off}. */
  public void leaderValue(byte[] output, int outputOff, byte[] out, int off) {
    message[0] = 'L';
    System.arraycopy(output, outputOff, message, 1, 64);
    blake.hash256(message, 0, 65, out, off);
  }
}
