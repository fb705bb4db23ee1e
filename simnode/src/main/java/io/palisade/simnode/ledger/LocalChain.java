package io.palisade.simnode.ledger;

import io.palisade.simnode.forge.BlockOutcome;
import io.palisade.simnode.forge.ForgedBlock;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The chain as one simulated node sees it: the network's blocks ({@link SimulatedChain}) with the node's own forged
 * blocks on top. An own block on the chain takes its slot; a lost slot battle leaves the slot to the other pool's
 * block (there is one, even where the network's lottery had none: the fault made it); an orphaned or invalid own
 * block leaves the slot as the network has it. Own blocks older than the epochs the ledger looks at are pruned.
 *
 * <p>Not thread-safe: the ledger calls it under its lock.
 */
public final class LocalChain {
  /** How far back a tip search looks; with f = 0.05 a gap this long has probability ~e^-100. */
  private static final int MAX_GAP = 2000;

  private final SimulatedChain network;
  private final NavigableMap<Long, ForgedBlock> own = new TreeMap<>();

  /** @param network the network's chain */
  public LocalChain(SimulatedChain network) {
    this.network = network;
  }

  /** The network's chain. */
  public SimulatedChain network() {
    return network;
  }

  /** Adds a block this node forged. */
  public void addOwn(ForgedBlock block) {
    own.put(block.slot(), block);
  }

  /** Forgets own blocks before {@code slot} (the ledger no longer folds them). */
  public void pruneBefore(long slot) {
    own.headMap(slot, false).clear();
  }

  /** The block in {@code slot}, if the slot holds one. */
  public Optional<ChainBlock> blockAt(long slot) {
    ForgedBlock mine = own.get(slot);
    if (mine != null && mine.onChain()) {
      return Optional.of(new ChainBlock(slot, mine.hashBytes(), mine.vrfOutputBytes(), true));
    }
    if (network.hasBlock(slot) || mine != null && mine.outcome() == BlockOutcome.NOT_ADOPTED) {
      return Optional.of(new ChainBlock(slot, network.blockHash(slot), network.vrfOutput(slot), false));
    }
    return Optional.empty();
  }

  /** The last block at or before {@code slot}, if there is one within the longest plausible gap. */
  public Optional<ChainBlock> lastBlockAtOrBefore(long slot) {
    for (long s = slot; s >= 0 && s > slot - MAX_GAP; s--) {
      Optional<ChainBlock> b = blockAt(s);
      if (b.isPresent()) {
        return b;
      }
    }
    return Optional.empty();
  }

  /** The VRF output of another pool's block in {@code slot} (the network's lottery), if there is one. */
  public Optional<byte[]> networkVrfOutput(long slot) {
    return network.hasBlock(slot) ? Optional.of(network.vrfOutput(slot)) : Optional.empty();
  }
}
