package io.palisade.simnode;

import io.palisade.chain.ChainClock;
import io.palisade.keys.KeysException;
import io.palisade.keys.OperationalCertificate;
import io.palisade.keys.SigningKey;
import io.palisade.keys.VrfSigningKey;
import io.palisade.keys.vrf.VrfEvaluator;
import io.palisade.ouroboros.n2c.PoolId;
import io.palisade.simnode.forge.ForgeCounters;
import io.palisade.simnode.forge.ForgeEvent;
import io.palisade.simnode.forge.ForgeFaults;
import io.palisade.simnode.forge.ForgedBlock;
import io.palisade.simnode.forge.ForgedBlockLog;
import io.palisade.simnode.forge.ForgingKey;
import io.palisade.simnode.forge.ForgingModel;
import io.palisade.simnode.forge.MissedLeaderSlot;
import io.palisade.simnode.forge.MissedSlotLog;
import io.palisade.simnode.ledger.ChainBlock;
import io.palisade.simnode.ledger.SimulatedLedger;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The block-producer side of a simulated node: its credentials, the forge loop ({@link ForgingModel}) run slot by
 * slot against its ledger ({@link ProducerEnvironment}), the forged-block record ({@link ForgedBlockLog}) every
 * block goes to before the loop moves on, and the missed-leader-slot record ({@link MissedSlotLog}) every slot it leads
 * but does not forge in goes to, with why. The loop runs once the ledger is replayed, on the node's own clock: a node
 * that is not synced has no ledger view, a node whose clock is behind finds blocks from the future at its tip; slots
 * that pass while it hangs are missed. Forging is switched on and off by {@link #reload} and {@link #disable} (SIGHUP).
 *
 * <p>Not thread-safe: the node calls it under its lock.
 */
final class BlockProducer implements Closeable {
  /** The forge loop looks back at most this many slots (a stall longer than that misses the older ones). */
  static final long MAX_CATCH_UP = 3600;

  private final ForgingModel model;
  private ProducerEnvironment env;
  private final ForgedBlockLog record;
  private final MissedSlotLog misses;
  private final SimulatedLedger ledger;
  private final ChainClock clock;
  private final Consumer<String> log;
  private boolean enabled;
  private long checkedTo;
  private boolean running;
  private ForgeEvent lastLogged;

  private BlockProducer(ForgingModel model, ProducerEnvironment env, ForgedBlockLog record, MissedSlotLog misses,
      SimulatedLedger ledger, ChainClock clock, Consumer<String> log, long lastRecorded, boolean enabled) {
    this.enabled = enabled;
    this.model = model;
    this.env = env;
    this.record = record;
    this.misses = misses;
    this.ledger = ledger;
    this.clock = clock;
    this.log = log;
    this.checkedTo = lastRecorded;
  }

  /**
   * Marks the slots up to {@code nodeSlot} as already passed: a producer that gets its credentials in the middle of
   * a slot (SIGHUP) does not forge in it, since the node's forge loop checked that slot when it began, without them.
   */
  void startAfter(long nodeSlot) {
    checkedTo = Math.max(checkedTo, nodeSlot);
    running = true;
  }

  /**
   * The three credential files of {@code run}: the operational certificate (verified against its cold key) and the
   * VRF key.
   *
   * @param opcert the operational certificate
   * @param vrfKey the VRF signing key; the caller closes it
   */
  record Credentials(OperationalCertificate opcert, VrfSigningKey vrfKey) {
    /** The pool the certificate's cold key identifies. */
    PoolId pool() {
      return new PoolId(opcert.poolId().hex());
    }
  }

  /**
   * Reads and checks the credentials, as cardano-node does at start.
   *
   * @throws IllegalArgumentException naming the file that is missing, malformed or not signed by its cold key
   */
  static Credentials readCredentials(RunArguments args) {
    for (Path f : List.of(args.kesKey().orElseThrow(), args.vrfKey().orElseThrow(),
        args.operationalCertificate().orElseThrow())) {
      if (!Files.isReadable(f)) {
        throw new IllegalArgumentException("cannot read block producer credential " + f);
      }
    }
    Path certFile = args.operationalCertificate().orElseThrow();
    OperationalCertificate opcert;
    try {
      opcert = OperationalCertificate.read(certFile);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot read the operational certificate " + certFile + ": "
          + e.getMessage(), e);
    }
    if (!opcert.verify()) {
      throw new IllegalArgumentException("the operational certificate " + certFile + " is not signed by its cold key");
    }
    Path vrfFile = args.vrfKey().orElseThrow();
    SigningKey key;
    try {
      key = SigningKey.read(vrfFile);
    } catch (KeysException e) {
      throw new IllegalArgumentException("cannot read the VRF key " + vrfFile + ": " + e.getMessage(), e);
    }
    if (!(key instanceof VrfSigningKey vrf)) {
      key.close();
      throw new IllegalArgumentException(vrfFile + " is not a VRF signing key (VrfSigningKey_PraosVRF)");
    }
    return new Credentials(opcert, vrf);
  }

  /**
   * Opens the forged-block record (its blocks go to the ledger) and the missed-leader-slot record, and prepares the
   * forge loop: it never checks a slot either record already holds.
   *
   * @param credentials the checked credentials (the VRF key is expanded here; the caller still closes it)
   * @param ledger the node's ledger
   * @param clock the chain clock
   * @param databasePath the node's database directory (the record's home)
   * @param log the node log
   * @param enabled false for {@code --start-as-non-producing-node}: the credentials are read, the loop never runs
   * @return the producer
   * @throws IOException if a record cannot be read or created
   */
  static BlockProducer open(Credentials credentials, SimulatedLedger ledger, ChainClock clock, Path databasePath,
      Consumer<String> log, boolean enabled) throws IOException {
    ForgedBlockLog record = ForgedBlockLog.open(databasePath.resolve(ForgedBlockLog.FILE_NAME), ledger::addOwn);
    MissedSlotLog misses;
    try {
      misses = MissedSlotLog.open(databasePath.resolve(MissedSlotLog.FILE_NAME), m -> { });
    } catch (IOException | RuntimeException e) {
      record.close();
      throw e;
    }
    ProducerEnvironment env = new ProducerEnvironment(ledger, VrfEvaluator.of(credentials.vrfKey()), clock);
    // Both records are in slot order: a node restarted with its clock behind (or moved back) waits past both.
    return new BlockProducer(new ForgingModel(keyOf(credentials, clock)), env, record, misses, ledger, clock, log,
        Math.max(record.lastSlot(), misses.lastSlot()), enabled);
  }

  private static ForgingKey keyOf(Credentials credentials, ChainClock clock) {
    OperationalCertificate c = credentials.opcert();
    return new ForgingKey(credentials.pool(), c.counter(), c.kesPeriod(), clock.genesis().maxKesEvolutions(),
        clock.genesis().slotsPerKesPeriod());
  }

  /**
   * Forges from now on with {@code credentials} (re-read on SIGHUP); the loop goes on from the slot it is at.
   *
   * @param credentials the checked credentials (the VRF key is expanded here; the caller still closes it)
   * @throws IllegalArgumentException if they are another pool's (the ledger is this pool's)
   */
  void reload(Credentials credentials) {
    model.rekey(keyOf(credentials, clock));
    ProducerEnvironment old = env;
    env = new ProducerEnvironment(ledger, VrfEvaluator.of(credentials.vrfKey()), clock);
    old.close();
    enabled = true;
  }

  /** Stops forging (credentials removed, SIGHUP): no forge loop, {@code forging_enabled} 0. */
  void disable() {
    enabled = false;
  }

  /** Whether forging is on. */
  boolean enabled() {
    return enabled;
  }

  /**
   * Runs the forge loop up to the slot the node's clock is at.
   *
   * @param nodeSlot the slot of the node's own clock (behind the chain clock's by {@code skewSlots})
   * @param skewSlots how far the node's clock is behind the chain's, in slots (0: it agrees)
   * @param phase where the node's chain is: nothing is checked while it replays; a syncing node has no ledger view
   * @param tipSlot the slot of the node's tip block now, or -1
   * @param hung whether the node hangs (its loop misses the slots)
   * @param faults the forging faults in force
   */
  void advance(long nodeSlot, long skewSlots, NodeSnapshot.Phase phase, long tipSlot, boolean hung,
      ForgeFaults faults) {
    if (!running) {
      // The loop starts at the slot the node is in; slots before it (or already recorded) are never checked.
      checkedTo = Math.max(checkedTo, nodeSlot - 1);
      running = true;
    }
    if (nodeSlot <= checkedTo) {
      // A clock that moved back: the loop waits until it passes the last slot checked, as the node's does.
      return;
    }
    if (!enabled || phase == NodeSnapshot.Phase.REPLAYING) {
      checkedTo = nodeSlot;
      return;
    }
    if (hung) {
      model.missed(nodeSlot - checkedTo);
    } else {
      long from = Math.max(checkedTo + 1, nodeSlot - MAX_CATCH_UP + 1);
      model.missed(from - checkedTo - 1);
      boolean caughtUp = phase == NodeSnapshot.Phase.FOLLOWING;
      for (long slot = from; slot <= nodeSlot; slot++) {
        // The tip the node had when its clock reached the slot: the chain's, skewSlots later.
        long tip = skewSlots == 0 ? Math.min(tipSlot, slot)
            : Math.min(tipSlot, ledger.lastBlockAtOrBefore(slot + skewSlots).map(ChainBlock::slot).orElse(-1L));
        model.checkSlot(slot, clock.epochOf(slot), tip, caughtUp, env, faults)
            .map(b -> faults.unpropagated() ? b.unpropagated() : b).ifPresent(this::recordBlock);
        model.lastMissed().ifPresent(this::recordMiss);
        logTransition(slot, tip);
      }
    }
    checkedTo = nodeSlot;
  }

  /** Logs when the loop starts failing for a reason, and when it checks leadership again: not every slot. */
  private void logTransition(long slot, long tip) {
    ForgeEvent e = model.lastEvent().orElse(null);
    if (e == null || e == lastLogged || !e.isFailure() && (lastLogged == null || !lastLogged.isFailure())) {
      return;
    }
    if (e.isFailure()) {
      log.accept(e.namespace() + " in slot " + slot + ": " + switch (e) {
        case BLOCK_FROM_FUTURE -> "the tip is in slot " + tip + ", after the slot of the node's clock (the clock is"
            + " behind): no leadership check";
        case NO_LEDGER_VIEW -> "the tip (slot " + tip + ") is too far behind to forecast the ledger view (the node is"
            + " not synced): no leadership check";
        case FORGE_STATE_UPDATE_ERROR -> "the KES key cannot be evolved to period " + model.key().kesPeriodOf(slot)
            + " (the operational certificate is valid for periods " + model.key().kesStartPeriod() + " to "
            + (model.key().expiryPeriod() - 1) + "): no leadership check";
        case NODE_CANNOT_FORGE -> "the pool leads the slot but its KES key is valid only from period "
            + model.key().kesStartPeriod();
        default -> e.traceName();
      });
    } else {
      log.accept("Forge loop: leadership checks again from slot " + slot + " (" + e.namespace() + ")");
    }
    lastLogged = e;
  }

  private void recordBlock(ForgedBlock b) {
    try {
      record.append(b);
    } catch (IOException e) {
      log.accept("Cannot write the forged-block record " + record.file() + ": " + e.getMessage());
    }
    ledger.addOwn(b);
    log.accept("Forged a block in slot " + b.slot() + " (epoch " + b.epoch() + ", opcert counter "
        + b.opcertCounter() + "): " + switch (b.outcome()) {
          case ADOPTED -> "adopted";
          case NOT_ADOPTED -> "not adopted: another pool's block of the same slot won the slot battle";
          case ORPHANED -> "adopted, then lost to a longer fork (height battle)";
          case INVALID -> "invalid: the ledger's opcert counter is "
              + ledger.opcertCounterBefore(b.slot()).orElse(0) + ", the block's " + b.opcertCounter();
        } + (b.propagated() ? "" : "; not sent: the network is partitioned") + " ("
        + model.lastEvent().map(ForgeEvent::namespace).orElse("") + ")");
  }

  /** Records a leader slot not forged in; the log already named its cause when the loop started failing for it. */
  private void recordMiss(MissedLeaderSlot m) {
    try {
      misses.append(m);
    } catch (IOException e) {
      log.accept("Cannot write the missed-leader-slot record " + misses.file() + ": " + e.getMessage());
    }
  }

  /** The forging state the metrics show at {@code now}. */
  NodeSnapshot.Forging forging(Instant now) {
    ForgeCounters c = model.counters();
    if (!enabled) {
      return NodeSnapshot.Forging.disabled();
    }
    ForgingKey key = model.key();
    long current = clock.kesPeriodAt(now);
    long remaining = Math.max(0, key.expiryPeriod() - current);
    // A key that could not be evolved: the node reports 0 for both (cardano-node's forge tracer does so).
    return new NodeSnapshot.Forging(true, c.kesUpdateFailed() ? 0 : current, key.kesStartPeriod(),
        key.expiryPeriod(), c.kesUpdateFailed() ? 0 : remaining, c);
  }

  /** The forge loop's counters. */
  ForgeCounters counters() {
    return model.counters();
  }

  /** The forging credentials' facts. */
  ForgingKey key() {
    return model.key();
  }

  /** The record's file. */
  Path recordFile() {
    return record.file();
  }

  /** The missed-leader-slot record's file. */
  Path missedRecordFile() {
    return misses.file();
  }

  /** The pool. */
  Optional<PoolId> pool() {
    return Optional.of(model.key().pool());
  }

  @Override
  public void close() throws IOException {
    env.close();
    try {
      record.close();
    } finally {
      misses.close();
    }
  }
}
