package io.palisade.simnode.ledger;

import io.palisade.ouroboros.n2c.Nonce;
import java.util.Optional;

/**
 * The Praos chain-dependent state folded over one epoch's blocks, as ouroboros-consensus
 * {@code Praos.reupdateChainDepState} does for each block: the evolving nonce takes every block's VRF nonce value; the
 * candidate nonce follows it for blocks with {@code slot + window < first slot of the next epoch} and is frozen after;
 * the lab nonce is the nonce of the last block's predecessor's hash.
 *
 * <p>The stand-in: a real evolving nonce carries over from the whole chain's history; here each epoch's fold starts
 * from a seed of (network magic, epoch), so a node needs no history older than the previous epochs. Within the epoch
 * and at the boundary ({@link SimulatedLedger}) the rules are the node's.
 *
 * <p>Mutable: {@link #advance} folds further; not thread-safe.
 */
final class EpochFold {
  private final LocalChain chain;
  private final long firstSlot;
  private final long firstSlotNext;
  private final long window;
  private Nonce evolving;
  private Nonce candidate;
  private Nonce lab;
  private byte[] previousHash;
  private long lastBlockSlot = -1;
  private long foldedTo;

  /**
   * @param chain the chain
   * @param firstSlot the epoch's first slot
   * @param firstSlotNext the next epoch's first slot
   * @param window the randomness stabilisation window (4k/f slots in Conway, 3k/f in Babbage)
   * @param seed the evolving and candidate nonces at the epoch's start (the stand-in for the chain's history)
   */
  EpochFold(LocalChain chain, long firstSlot, long firstSlotNext, long window, Nonce seed) {
    this.chain = chain;
    this.firstSlot = firstSlot;
    this.firstSlotNext = firstSlotNext;
    this.window = window;
    this.evolving = seed;
    this.candidate = seed;
    Optional<ChainBlock> before = firstSlot == 0 ? Optional.empty() : chain.lastBlockAtOrBefore(firstSlot - 1);
    this.previousHash = before.map(ChainBlock::hash).orElse(null);
    this.lab = before.isPresent() ? labBefore(before.get().slot()) : Nonce.NEUTRAL;
    this.foldedTo = firstSlot - 1;
  }

  /** The lab nonce as it stood after the block in {@code slot}: the nonce of that block's predecessor. */
  private Nonce labBefore(long slot) {
    return PraosNonces.ofHeaderHash(slot == 0 ? null
        : chain.lastBlockAtOrBefore(slot - 1).map(ChainBlock::hash).orElse(null));
  }

  /** Folds the blocks up to {@code slot} (inclusive; capped at the epoch's last slot). */
  void advance(long slot) {
    long to = Math.min(slot, firstSlotNext - 1);
    for (long s = foldedTo + 1; s <= to; s++) {
      Optional<ChainBlock> block = chain.blockAt(s);
      if (block.isEmpty()) {
        continue;
      }
      ChainBlock b = block.get();
      evolving = PraosNonces.combine(evolving, PraosNonces.vrfNonceValue(b.vrfOutput()));
      if (s + window < firstSlotNext) {
        candidate = evolving;
      }
      lab = PraosNonces.ofHeaderHash(previousHash);
      previousHash = b.hash();
      lastBlockSlot = s;
    }
    foldedTo = Math.max(foldedTo, to);
  }

  /** The slot folded up to. */
  long foldedTo() {
    return foldedTo;
  }

  /** Whether the whole epoch is folded. */
  boolean complete() {
    return foldedTo >= firstSlotNext - 1;
  }

  /** η_v. */
  Nonce evolving() {
    return evolving;
  }

  /** η_c. */
  Nonce candidate() {
    return candidate;
  }

  /** The lab nonce after the last block folded (or as it stood at the epoch's start). */
  Nonce lab() {
    return lab;
  }

  /** The slot of the last block folded in this epoch, or -1. */
  long lastBlockSlot() {
    return lastBlockSlot;
  }
}
