package io.palisade.chain;

/** The two slot regimes of a Cardano chain: Byron's 20-second slots and the Shelley-based eras after it. */
public enum ChainEra {
  /** Ouroboros Classic/BFT slots (20 s, 10k slots per epoch). */
  BYRON,
  /** Shelley and every era after it (Allegra … Conway share the Shelley slot schedule). */
  SHELLEY_BASED
}
