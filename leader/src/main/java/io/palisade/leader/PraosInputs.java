package io.palisade.leader;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * The two hashes around the VRF in Praos (ouroboros-consensus {@code Ouroboros.Consensus.Protocol.Praos.VRF}):
 * {@code mkInputVRF slot η0 = blake2b-256(slot as 8 bytes big-endian ‖ η0)}, the VRF's message; and
 * {@code vrfLeaderValue = blake2b-256("L" ‖ VRF output)}, the 256-bit natural the leader check compares. Reuses its
 * digest: one instance per thread, no allocation per slot.
 */
public final class PraosInputs {
  private static final byte LEADER_TAG = 'L';
  private final Blake2bDigest blake = new Blake2bDigest(256);
  private final byte[] slotBytes = new byte[8];

  /** Writes the VRF input of {@code slot} under {@code nonce} (32 bytes) to {@code out} at {@code off}. */
  public void vrfInput(long slot, byte[] nonce, byte[] out, int off) {
    for (int i = 0; i < 8; i++) {
      slotBytes[i] = (byte) (slot >>> (56 - 8 * i));
    }
    blake.reset();
    blake.update(slotBytes, 0, 8);
    blake.update(nonce, 0, nonce.length);
    blake.doFinal(out, off);
  }

  /** Writes the leader value of the 64-byte VRF output at {@code outputOff} to {@code out} at {@code off}. */
  public void leaderValue(byte[] output, int outputOff, byte[] out, int off) {
    blake.reset();
    blake.update(LEADER_TAG);
    blake.update(output, outputOff, 64);
    blake.doFinal(out, off);
  }
}
