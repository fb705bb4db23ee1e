package io.palisade.spec;

/** What a node does in the pool. */
public enum NodeRole {
  /** Holds the hot keys and mints blocks; talks only to its own relays. */
  BLOCK_PRODUCER,
  /** Public-facing node that carries the block producer's traffic. */
  RELAY
}
