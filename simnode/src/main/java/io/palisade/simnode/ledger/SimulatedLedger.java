package io.palisade.simnode.ledger;

import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.keys.Blake2b;
import io.palisade.leader.ActiveSlotCoefficient;
import io.palisade.ouroboros.n2c.GenesisConfig;
import io.palisade.ouroboros.n2c.LedgerView;
import io.palisade.ouroboros.n2c.Nonce;
import io.palisade.ouroboros.n2c.PoolId;
import io.palisade.ouroboros.n2c.PraosState;
import io.palisade.ouroboros.n2c.Ratio;
import io.palisade.simnode.forge.ForgedBlock;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A simulated node's ledger: deterministic from the network's genesis, the pool's stake share and the blocks the node
 * forged, so a restarted node (or a test) computes the same state again. It answers what the node-to-client queries
 * ask ({@link #snapshotAt}) and what the forge loop needs ({@link #epochFacts}, {@link #opcertCounterBefore}):
 *
 * <ul>
 *   <li>nonces: each epoch's blocks are folded with Praos' rules ({@link EpochFold}: evolving, candidate frozen at the
 *       randomness stabilisation window, lab); at the boundary η0(e) = candidate(end of e − 1) ⭒ lab(end of e − 2),
 *       as {@code Praos.tickChainDepState}. The stand-in: each epoch's evolving nonce starts from a seed of (magic,
 *       epoch) instead of carrying over the whole history.
 *   <li>stake: {@link StakeDistribution}, the pool's share of a total that varies per epoch.
 *   <li>opcert counters: the highest counter of the pool's own blocks on the chain (none: the pool never minted).
 * </ul>
 *
 * The ledger is in Conway (4k/f stabilisation window). Thread-safe.
 */
public final class SimulatedLedger {
  private static final int FOLD_CACHE = 8;
  private static final long PRUNE_EPOCHS = 5;

  private final ChainClock epochs;
  private final GenesisConfig genesisConfig;
  private final StakeDistribution stake;
  private Optional<PoolId> pool;
  private final LocalChain chain;
  private final long window;
  /** Slot -> the chain's opcert counter from that slot on, for the pool's own blocks on the chain. */
  private final NavigableMap<Long, Long> counters = new TreeMap<>();
  private final Map<Long, EpochFold> folds = new HashMap<>();

  /**
   * @param genesis the network's genesis
   * @param stake the stake distribution
   * @param pool the pool this node forges for, empty for a relay (its ledger knows no pool)
   */
  public SimulatedLedger(GenesisParameters genesis, StakeDistribution stake, Optional<PoolId> pool) {
    this.epochs = new ChainClock(genesis, Clock.fixed(genesis.systemStart(), ZoneOffset.UTC));
    this.genesisConfig = genesisConfig(genesis);
    this.stake = stake;
    this.pool = pool;
    this.chain = new LocalChain(new SimulatedChain(genesis));
    this.window = genesisConfig.randomnessStabilisationWindow();
  }

  /** The genesis facts {@code GetGenesisConfig} answers, from the genesis files the node read. */
  static GenesisConfig genesisConfig(GenesisParameters g) {
    ActiveSlotCoefficient f = ActiveSlotCoefficient.fromGenesis(g.activeSlotsCoeff());
    return new GenesisConfig(g.systemStart(), g.networkMagic(), g.networkMagic() == 764824073L,
        new Ratio(f.numerator().longValueExact(), f.denominator().longValueExact()), g.securityParam(),
        g.epochLength(), g.slotsPerKesPeriod(), g.maxKesEvolutions(), g.slotLengthMillis() * 1000, 5,
        45_000_000_000_000_000L);
  }

  /** The genesis facts. */
  public GenesisConfig genesis() {
    return genesisConfig;
  }

  /** The randomness stabilisation window in slots (⌈4k/f⌉). */
  public long stabilisationWindow() {
    return window;
  }

  /** The pool this ledger's node forges for, if any. */
  public synchronized Optional<PoolId> pool() {
    return pool;
  }

  /**
   * The node learns its pool (a standby started without credentials, given them later).
   *
   * @param p the pool
   * @throws IllegalArgumentException if the ledger is another pool's already
   */
  public synchronized void adoptPool(PoolId p) {
    if (pool.isPresent() && !pool.get().equals(p)) {
      throw new IllegalArgumentException("the credentials are pool " + p.hex() + "'s; this node forges for pool "
          + pool.get().hex());
    }
    pool = Optional.of(p);
    folds.clear();
  }

  /**
   * Adds a block the node forged (from its record at start, then as it forges). Blocks on the chain change the
   * nonces from their epoch on and the pool's opcert counter.
   *
   * @param block the block
   */
  public synchronized void addOwn(ForgedBlock block) {
    chain.addOwn(block);
    if (block.onChain()) {
      Map.Entry<Long, Long> before = counters.floorEntry(block.slot());
      if (before == null || before.getValue() < block.opcertCounter()) {
        counters.put(block.slot(), block.opcertCounter());
      }
    }
    folds.keySet().removeIf(e -> e >= block.epoch());
    // The folds look back three epochs at most; older own blocks only weigh on memory.
    if (block.epoch() >= PRUNE_EPOCHS) {
      chain.pruneBefore(epochs.firstSlotOfEpoch(block.epoch() - PRUNE_EPOCHS));
    }
  }

  /** The block in {@code slot} on this node's chain, if any. */
  public synchronized Optional<ChainBlock> blockAt(long slot) {
    return chain.blockAt(slot);
  }

  /** The last block at or before {@code slot} on this node's chain, if any. */
  public synchronized Optional<ChainBlock> lastBlockAtOrBefore(long slot) {
    return chain.lastBlockAtOrBefore(slot);
  }

  /** The block number of the block in {@code slot} (about slot · f: the simulated chain's blocks are not counted). */
  public long blockNo(long slot) {
    return chain.network().blockNo(slot);
  }

  /** The VRF output of another pool's block in {@code slot}, if another pool leads it. */
  public Optional<byte[]> networkVrfOutput(long slot) {
    return chain.networkVrfOutput(slot);
  }

  /** The chain's opcert counter for the pool before {@code slot}; empty while it never minted. */
  public synchronized OptionalLong opcertCounterBefore(long slot) {
    Map.Entry<Long, Long> e = counters.lowerEntry(slot);
    return e == null ? OptionalLong.empty() : OptionalLong.of(e.getValue());
  }

  /** What the leader check of {@code epoch} uses: its nonce and the "set" snapshot's stakes of the pool. */
  public synchronized EpochFacts epochFacts(long epoch) {
    long poolStake = pool.isPresent() ? stake.pool(epoch - 2) : 0;
    return new EpochFacts(epoch, epochNonce(epoch), poolStake, stake.total(epoch - 2));
  }

  /**
   * The ledger at a tip, as a node-to-client session acquires it.
   *
   * @param tipSlot the slot of the chain's tip block
   * @return the state
   */
  public synchronized LedgerView.Snapshot snapshotAt(long tipSlot) {
    long tip = Math.max(0, tipSlot);
    long epoch = epochs.epochOf(tip);
    EpochFold current = fold(epoch, tip);
    long lastSlot = current.lastBlockSlot() >= 0 ? current.lastBlockSlot()
        : chain.lastBlockAtOrBefore(tip).map(ChainBlock::slot).orElse(-1L);
    TreeMap<PoolId, Long> opcerts = new TreeMap<>();
    OptionalLong counter = opcertCounterBefore(tip + 1);
    if (pool.isPresent() && counter.isPresent()) {
      opcerts.put(pool.get(), counter.getAsLong());
    }
    PraosState state = new PraosState(lastSlot < 0 ? OptionalLong.empty() : OptionalLong.of(lastSlot), opcerts,
        current.evolving(), current.candidate(), epochNonce(epoch), Optional.empty(), current.lab(),
        labAtEnd(epoch - 1));
    return new LedgerSnapshot(epoch, state, genesisConfig, stake, pool);
  }

  /** η0(e) = candidate at the end of e − 1 ⭒ lab at the end of e − 2 (the "last epoch block" nonce during e − 1). */
  private Nonce epochNonce(long epoch) {
    return PraosNonces.combine(epoch - 1 < 0 ? seed(0) : candidateAtEnd(epoch - 1), labAtEnd(epoch - 2));
  }

  /** The candidate nonce an epoch ends with: frozen once its blocks reach the stabilisation window. */
  private Nonce candidateAtEnd(long epoch) {
    long frozenFrom = epochs.firstSlotOfEpoch(epoch + 1) - window;
    EpochFold f = folds.get(epoch);
    if (f != null && f.foldedTo() >= frozenFrom - 1) {
      return f.candidate();
    }
    return fold(epoch, frozenFrom - 1).candidate();
  }

  /** The lab nonce an epoch ends with: the nonce of the hash of its last block's predecessor. */
  private Nonce labAtEnd(long epoch) {
    if (epoch < 0) {
      return Nonce.NEUTRAL;
    }
    Optional<ChainBlock> last = chain.lastBlockAtOrBefore(epochs.firstSlotOfEpoch(epoch + 1) - 1);
    if (last.isEmpty() || last.get().slot() == 0) {
      return Nonce.NEUTRAL;
    }
    return PraosNonces.ofHeaderHash(chain.lastBlockAtOrBefore(last.get().slot() - 1).map(ChainBlock::hash)
        .orElse(null));
  }

  /** The fold of {@code epoch} up to {@code slot} (the whole epoch for {@code Long.MAX_VALUE}), cached. */
  private EpochFold fold(long epoch, long slot) {
    EpochFold f = folds.get(epoch);
    if (f == null || f.foldedTo() > slot) {
      if (folds.size() >= FOLD_CACHE) {
        folds.clear();
      }
      f = new EpochFold(chain, epochs.firstSlotOfEpoch(epoch), epochs.firstSlotOfEpoch(epoch + 1), window,
          seed(epoch));
      folds.put(epoch, f);
    }
    f.advance(slot);
    return f;
  }

  /** The stand-in for the history before an epoch: blake2b-256("palisade-simnode:evolving" ‖ magic ‖ epoch). */
  private Nonce seed(long epoch) {
    byte[] tag = "palisade-simnode:evolving".getBytes(StandardCharsets.US_ASCII);
    return Nonce.of(Blake2b.hash256(ByteBuffer.allocate(tag.length + 16).put(tag)
        .putLong(genesisConfig.networkMagic()).putLong(epoch).array()));
  }
}
