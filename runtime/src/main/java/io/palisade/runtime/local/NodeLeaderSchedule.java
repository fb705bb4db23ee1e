package io.palisade.runtime.local;

import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.control.LeaderCalendar;
import io.palisade.keys.SigningKey;
import io.palisade.keys.VrfSigningKey;
import io.palisade.keys.vrf.VrfEvaluator;
import io.palisade.leader.ActiveSlotCoefficient;
import io.palisade.leader.EpochNonce;
import io.palisade.leader.LeaderSchedule;
import io.palisade.leader.NextEpochNonce;
import io.palisade.leader.Sigma;
import io.palisade.ouroboros.ProtocolException;
import io.palisade.ouroboros.n2c.Era;
import io.palisade.ouroboros.n2c.GenesisConfig;
import io.palisade.ouroboros.n2c.LedgerQueries;
import io.palisade.ouroboros.n2c.PoolId;
import io.palisade.ouroboros.n2c.PraosState;
import io.palisade.ouroboros.n2c.StakeSnapshots;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The block producer's leader slots, computed here from its own node as {@code palisade leader-schedule} does: the
 * era, epoch, f, the pool's stake and the nonces read over the node's socket ({@link LedgerQueries}), then the
 * epoch's slots with the producer's VRF key ({@link LeaderSchedule}, streaming: only the leader slots are kept). Each
 * epoch is computed once and cached (the current one, and the next once its nonce is fixed), on one low-priority
 * thread of its own, never the control loop's; epochs that ended are dropped. A new VRF key (a rotation) starts over.
 * It is the pool's one schedule: the gate, the slot ledger and {@code up}'s output read it ({@link #epoch}), so each
 * epoch's VRF evaluations run once. A failure (the node not up yet, not answering) is retried after 2 s, then twice as long each time up to a minute
 * (the first attempt usually comes before a starting producer listens on its socket: its schedule is known seconds
 * after it does), and reported once through {@code problems}.
 */
final class NodeLeaderSchedule implements LeaderScheduleSource {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(2);
  private static final Duration RETRY = Duration.ofMinutes(1);

  /**
   * The producer's keys as the schedule needs them, and the socket of the node that forges with them (with a standby,
   * the forging lease's holder): a new key or a new holder starts the cache over, since the holder's own ledger is
   * the one its election runs on.
   */
  record Keys(Path vrfKey, String poolIdHex, Path socket) {}

  private final GenesisParameters genesis;
  private final long firstPraosEpoch;
  private final Supplier<Optional<Keys>> keys;
  private final Consumer<String> problems;
  private final ExecutorService worker;
  private final Map<Long, List<LeaderCalendar.Slot>> epochs = new ConcurrentHashMap<>();
  private final AtomicBoolean computing = new AtomicBoolean();
  private final Map<Long, Integer> computations = new ConcurrentHashMap<>();
  /** The wait before the next retry: doubles after each failure, up to {@link #RETRY}; reset by a success. */
  private volatile Duration retry = FIRST_RETRY;
  private volatile Keys computedFor;
  private volatile Instant retryAfter = Instant.MIN;
  /** Whether the node's socket existed when the last attempt failed (a socket appearing since ends the back-off). */
  private volatile boolean socketAtFailure = true;
  private volatile Instant nextAskedAt = Instant.MIN;
  private volatile String lastProblem;

  NodeLeaderSchedule(GenesisParameters genesis, long firstPraosEpoch, Supplier<Optional<Keys>> keys,
      Consumer<String> problems) {
    this.genesis = genesis;
    this.firstPraosEpoch = firstPraosEpoch;
    this.keys = keys;
    this.problems = problems;
    this.worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "palisade-leader-schedule");
      t.setDaemon(true);
      t.setPriority(Thread.MIN_PRIORITY);
      return t;
    });
  }

  @Override
  public LeaderCalendar calendar(Instant now) {
    Optional<Keys> k = keys.get();
    if (k.isEmpty()) {
      return LeaderCalendar.notForging();
    }
    ChainClock chain = new ChainClock(genesis, Clock.fixed(now, ZoneOffset.UTC));
    long epoch = chain.epochOf(chain.slotAt(now));
    refresh(k.get(), epoch, now);
    List<LeaderCalendar.Slot> slots = new ArrayList<>();
    long e = epoch;
    while (epochs.containsKey(e)) {
      slots.addAll(epochs.get(e));
      e++;
    }
    return e == epoch ? LeaderCalendar.unknown()
        : new LeaderCalendar(slots, chain.startOfSlot(chain.firstSlotOfEpoch(e)));
  }

  @Override
  public Optional<List<LeaderCalendar.Slot>> epoch(long epoch, Instant now) {
    Optional<Keys> k = keys.get();
    if (k.isEmpty()) {
      return Optional.of(List.of());
    }
    ChainClock chain = new ChainClock(genesis, Clock.fixed(now, ZoneOffset.UTC));
    refresh(k.get(), chain.epochOf(chain.slotAt(now)), now);
    return Optional.ofNullable(epochs.get(epoch));
  }

  /** How many times each epoch was computed since this source was made (once per VRF key): for tests. */
  Map<Long, Integer> computations() {
    return Map.copyOf(computations);
  }

  /**
   * Drops what a new key or a new epoch made stale and starts the computation of what is missing, at most one at a
   * time, never before the retry time.
   */
  private synchronized void refresh(Keys k, long epoch, Instant now) {
    if (!socketAtFailure && retryAfter.isAfter(now) && java.nio.file.Files.exists(k.socket())) {
      // The node opened its socket since the last failure (it was still starting): ask it now, not after the back-off.
      retryAfter = Instant.MIN;
      socketAtFailure = true;
    }
    if (!k.equals(computedFor)) {
      epochs.clear();
      computedFor = k;
      // Another node to ask: not the back-off of the last one's failures.
      retryAfter = Instant.MIN;
      retry = FIRST_RETRY;
    }
    epochs.keySet().removeIf(e -> e < epoch);
    boolean wantNext = !epochs.containsKey(epoch + 1) && !now.isBefore(nextAskedAt.plus(RETRY.multipliedBy(10)));
    if ((!epochs.containsKey(epoch) || wantNext) && !now.isBefore(retryAfter) && computing.compareAndSet(false, true)) {
      worker.execute(() -> compute(k, now));
    }
  }

  /** Reads the ledger facts and computes the epochs not cached yet: the node's epoch, and the next once fixed. */
  private void compute(Keys k, Instant now) {
    try (LedgerQueries node = LedgerQueries.open(k.socket(), genesis.networkMagic(), TIMEOUT)) {
      Era era = node.currentEra();
      if (!era.praos()) {
        throw new IllegalStateException("the node's ledger is in the " + era + " era (TPraos)");
      }
      long epoch = node.epoch();
      GenesisConfig g = node.genesisConfig();
      ActiveSlotCoefficient f = new ActiveSlotCoefficient(BigInteger.valueOf(g.activeSlotsCoeff().numerator()),
          BigInteger.valueOf(g.activeSlotsCoeff().denominator()));
      PoolId pool = new PoolId(k.poolIdHex());
      StakeSnapshots stake = node.stakeSnapshots(pool);
      StakeSnapshots.PoolStake ours = stake.pool(pool).orElse(new StakeSnapshots.PoolStake(0, 0, 0));
      PraosState state = node.protocolState();
      ChainClock chain = new ChainClock(genesis, Clock.fixed(now, ZoneOffset.UTC));
      long current = chain.epochOf(chain.slotAt(now));
      // A node whose tip is still before the epoch boundary answers the epoch that ended: computing it again would
      // redo an epoch already dropped as over (under load, the test saw one epoch computed twice).
      if (!epochs.containsKey(epoch) && epoch >= current) {
        EpochNonce nonce = new EpochNonce(state.epochNonce().hash().orElseThrow(() -> new IllegalStateException(
            "the nonce of epoch " + epoch + " is the neutral nonce")));
        keep(k, epoch, slots(k, new LeaderSchedule.Request(epoch, nonce, sigma(ours.set(), stake.setTotal()),
            genesis, firstPraosEpoch, f)));
      }
      nextAskedAt = now;
      long window = NextEpochNonce.window(g.securityParam(), f, era == Era.BABBAGE);
      NextEpochNonce.Answer next = NextEpochNonce.decide(state.lastSlot().orElse(-1),
          chain.firstSlotOfEpoch(epoch + 1), window, state.candidateNonce().hash(),
          state.lastEpochBlockNonce().hash());
      if (next instanceof NextEpochNonce.Fixed fixed && !epochs.containsKey(epoch + 1)) {
        keep(k, epoch + 1, slots(k, new LeaderSchedule.Request(epoch + 1, fixed.nonce(),
            sigma(ours.mark(), stake.markTotal()), genesis, firstPraosEpoch, f)));
      }
      lastProblem = null;
      retry = FIRST_RETRY;
      if (!epochs.containsKey(current)) {
        retryAfter = now.plus(FIRST_RETRY); // the node has not crossed the boundary yet: ask again shortly
      }
    } catch (IOException | ProtocolException | RuntimeException e) {
      if (!k.equals(computedFor)) {
        // A failure of the former keys or holder: the new ones are asked without its back-off.
        return;
      }
      retryAfter = now.plus(retry);
      socketAtFailure = java.nio.file.Files.exists(k.socket());
      retry = retry.multipliedBy(2).compareTo(RETRY) > 0 ? RETRY : retry.multipliedBy(2);
      String problem = "the block producer's leader schedule cannot be computed yet (maintenance of the block"
          + " producer waits until it is): " + e.getMessage();
      if (!problem.equals(lastProblem)) {
        lastProblem = problem;
        problems.accept(problem);
      }
    } finally {
      computing.set(false);
    }
  }

  /** Caches an epoch's slots, unless the keys were rotated while they were computed (they are the old key's). */
  private void keep(Keys k, long epoch, List<LeaderCalendar.Slot> slots) {
    if (k.equals(computedFor)) {
      epochs.put(epoch, slots);
      computations.merge(epoch, 1, Integer::sum);
    }
  }

  private List<LeaderCalendar.Slot> slots(Keys k, LeaderSchedule.Request request) {
    ChainClock chain = new ChainClock(genesis, Clock.fixed(genesis.systemStart(), ZoneOffset.UTC));
    List<LeaderCalendar.Slot> slots = new ArrayList<>();
    SigningKey key = SigningKey.read(k.vrfKey());
    try (key) {
      if (!(key instanceof VrfSigningKey vrfKey)) {
        throw new IllegalStateException(k.vrfKey() + " is not a VRF signing key");
      }
      try (VrfEvaluator vrf = VrfEvaluator.of(vrfKey)) {
        LeaderSchedule.compute(request, vrf, s -> slots.add(new LeaderCalendar.Slot(s.slot(), s.start(),
            chain.startOfSlot(s.slot() + 1))), n -> { });
      }
    }
    return List.copyOf(slots);
  }

  private static Sigma sigma(long pool, long total) {
    if (total <= 0) {
      throw new IllegalStateException("the stake snapshot has no active stake yet");
    }
    return Sigma.of(pool, total);
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
