package io.palisade.ouroboros.n2c;

/**
 * The eras of the Cardano hard-fork combinator, in the order of their era index (the index the node-to-client
 * queries are wrapped with and {@code GetCurrentEra} answers).
 */
public enum Era {
  /** Index 0: Ouroboros Classic/BFT; no Shelley ledger queries. */
  BYRON,
  /** Index 1: TPraos. */
  SHELLEY,
  /** Index 2: TPraos. */
  ALLEGRA,
  /** Index 3: TPraos. */
  MARY,
  /** Index 4: TPraos. */
  ALONZO,
  /** Index 5: Praos. */
  BABBAGE,
  /** Index 6: Praos. */
  CONWAY,
  /** Index 7: Praos (cardano-node 11.x knows it; not yet on a public network). */
  DIJKSTRA;

  /** The era index on the wire. */
  public int index() {
    return ordinal();
  }

  /** Whether blocks are led by the Praos rules (Babbage and later); earlier Shelley eras use TPraos. */
  public boolean praos() {
    return compareTo(BABBAGE) >= 0;
  }

  /** Whether the era has the Shelley ledger and its queries. */
  public boolean shelleyBased() {
    return this != BYRON;
  }

  /**
   * The era with index {@code index}.
   *
   * @throws IllegalArgumentException for an index this code does not know
   */
  public static Era ofIndex(long index) {
    if (index < 0 || index >= values().length) {
      throw new IllegalArgumentException("unknown era index " + index + " (this code knows 0.." + (values().length - 1)
          + ", Byron to Dijkstra)");
    }
    return values()[(int) index];
  }
}
