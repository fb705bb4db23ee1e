package io.palisade.leader;

import io.palisade.keys.vrf.VrfEvaluator;
import io.palisade.keys.vrf.VrfProof;
import java.util.function.LongConsumer;

/**
 * One pool's leader election in one epoch: its VRF key, the epoch nonce and the threshold of its σ. Answers "does
 * the pool lead slot s" one slot at a time ({@link #leads}, for a forging node) or for a range, batched and without
 * allocation ({@link #scan}, for a schedule), and makes the slot's VRF proof for a block header ({@link #prove}).
 * Not thread-safe (the evaluator and the hash state are reused).
 */
public final class SlotElection {
  private static final int BATCH = 64;
  private final VrfEvaluator vrf;
  private final byte[] nonce;
  private final LeaderThreshold threshold;
  private final PraosInputs inputs = new PraosInputs();
  private final byte[] alphas = new byte[BATCH * 32];
  private final byte[] outputs = new byte[BATCH * 64];
  private final byte[] leaderValue = new byte[32];

  /**
   * @param vrf the pool's VRF key, expanded (the caller closes it)
   * @param nonce the epoch nonce
   * @param threshold the threshold of the pool's σ under the network's f
   */
  public SlotElection(VrfEvaluator vrf, EpochNonce nonce, LeaderThreshold threshold) {
    this.vrf = vrf;
    this.nonce = nonce.bytes();
    this.threshold = threshold;
  }

  /** Whether the pool leads {@code slot} (an absolute slot of this epoch). */
  public boolean leads(long slot) {
    inputs.vrfInput(slot, nonce, alphas, 0);
    vrf.outputs(alphas, 0, 32, 1, outputs, 0);
    inputs.leaderValue(outputs, 0, leaderValue, 0);
    return threshold.leads(leaderValue, 0);
  }

  /** The VRF proof a block header of {@code slot} carries (its output is the one {@link #leads} judged). */
  public VrfProof prove(long slot) {
    byte[] alpha = new byte[32];
    inputs.vrfInput(slot, nonce, alpha, 0);
    return vrf.prove(alpha);
  }

  /**
   * Checks {@code count} slots from {@code firstSlot} in order, calling {@code onLeaderSlot} with each slot the pool
   * leads, and {@code onProgress} with the number of slots done after each batch of 64.
   */
  public void scan(long firstSlot, long count, LongConsumer onLeaderSlot, LongConsumer onProgress) {
    for (long done = 0; done < count; done += BATCH) {
      int n = (int) Math.min(BATCH, count - done);
      for (int i = 0; i < n; i++) {
        inputs.vrfInput(firstSlot + done + i, nonce, alphas, 32 * i);
      }
      vrf.outputs(alphas, 0, 32, n, outputs, 0);
      for (int i = 0; i < n; i++) {
        inputs.leaderValue(outputs, 64 * i, leaderValue, 0);
        if (threshold.leads(leaderValue, 0)) {
          onLeaderSlot.accept(firstSlot + done + i);
        }
      }
      onProgress.accept(done + n);
    }
  }
}
