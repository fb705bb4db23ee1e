package io.palisade.simnode.forge;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the forge loop asks the node's chain and ledger about a slot it leads (the simulated ledger answers).
 */
public interface ForgeEnvironment {
  /**
   * The VRF output that proves the pool leads {@code slot}, or empty when it does not (the Praos leader check with
   * the epoch's nonce and the pool's σ).
   */
  Optional<byte[]> leaderVrfOutput(long slot);

  /** The chain's opcert counter for the pool before {@code slot}; empty when the pool never minted a block. */
  OptionalLong chainOpcertCounter(long slot);

  /** The VRF output of another pool's block in {@code slot}, if another pool leads it too (a slot battle). */
  Optional<byte[]> competitorVrfOutput(long slot);
}
