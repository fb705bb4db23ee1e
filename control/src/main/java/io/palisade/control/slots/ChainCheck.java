package io.palisade.control.slots;

/** Whether our block at that height was in the chain the pool's relays saw later. */
public enum ChainCheck {
  /** It was. */
  ON_CHAIN,
  /** It was not: another block holds that height. */
  NOT_ON_CHAIN,
  /** Not checked (yet), or no block to look for. */
  UNCHECKED
}
