package io.palisade.simnode;

import io.palisade.chain.ChainClock;
import io.palisade.ouroboros.ChainTip;
import io.palisade.ouroboros.Point;
import io.palisade.simnode.ledger.ChainBlock;
import io.palisade.simnode.ledger.SimulatedLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * Where a simulated node is at an instant: its chain's position from the {@link SyncModel}, a block producer's forge
 * loop moved slot by slot, and the {@link NodeSnapshot} its metrics and ports report. Kept apart from {@link SimNode}'s
 * wiring (ports, timers, fault files) because it is the part a movable clock drives. Not thread-safe: {@link SimNode}
 * calls it under its own lock.
 */
final class NodeMotion {
  private final SimNodeSettings settings;
  private final Clock clock;
  private final Instant startedAt;
  private final ChainClock chainClock;
  private final SimulatedLedger ledger;
  private final SyncModel sync;
  private final ForgingSwitch forging;
  private final Consumer<String> log;
  private long lastTip = -1;

  NodeMotion(SimNodeSettings settings, Clock clock, Instant startedAt, ChainClock chainClock, SimulatedLedger ledger,
      SyncModel sync, ForgingSwitch forging, Consumer<String> log) {
    this.settings = settings;
    this.clock = clock;
    this.startedAt = startedAt;
    this.chainClock = chainClock;
    this.ledger = ledger;
    this.sync = sync;
    this.forging = forging;
    this.log = log;
  }

  /** Where the node is at one instant. */
  record Moment(Instant now, long expected, SyncModel.Position position, long tip, NodeSnapshot.Phase phase) {}

  /** Moves the chain and the forge loop to the clock's instant, under the faults in force. */
  Moment move(Faults f) {
    Instant now = clock.instant();
    long expected = chainClock.slotAt(now);
    SyncModel.Position p = sync.at(now, expected, f.holdsBack(settings.version().toString()));
    long tip = p.isReplaying() ? -1 : tipAt(p);
    NodeSnapshot.Phase phase = p.isReplaying() ? NodeSnapshot.Phase.REPLAYING : SyncModel.phaseOf(tip, expected);
    // The forge loop runs on the node's own clock, which a fault may put behind the chain's.
    long nodeSlot = chainClock.slotAt(now.minusSeconds(f.clockBehindSeconds()));
    forging.advance(nodeSlot, expected - nodeSlot, phase, tip, f.hang(), f.forge());
    return new Moment(now, expected, p, tip, phase);
  }

  /**
   * What the node reports now, after moving it.
   *
   * @param f the faults in force
   * @param localRoots how many local root peers its topology names
   * @param hotPeers how many of them it reaches (0 while cut off)
   */
  NodeSnapshot snapshot(Faults f, int localRoots, int hotPeers) {
    Moment m = move(f);
    NodeSnapshot.Forging forgingNow = forging.forging(m.now());
    if (m.phase() == NodeSnapshot.Phase.REPLAYING) {
      return new NodeSnapshot(m.now(), settings.version().toString(), startedAt, NodeSnapshot.Phase.REPLAYING,
          m.position().replayProgress(), -1, 0, 0, 0, m.expected(), 0, localRoots, 0, 0, forgingNow);
    }
    long tip = m.tip();
    if (tip != lastTip && lastTip >= 0 && m.phase() == NodeSnapshot.Phase.FOLLOWING
        && SyncModel.phaseOf(lastTip, m.expected()) == NodeSnapshot.Phase.SYNCING) {
      log.accept("Caught up: tip at slot " + tip + ", chain clock at slot " + m.expected());
    }
    lastTip = tip;
    return new NodeSnapshot(m.now(), settings.version().toString(), startedAt, m.phase(), 100, tip,
        ledger.blockNo(tip), chainClock.epochOf(tip), chainClock.slotInEpoch(tip), m.expected(),
        chainClock.genesis().activeSlotsCoeff(), localRoots, hotPeers, 0, forgingNow);
  }

  /** The tip a snapshot reports, as chain-sync's FindIntersect gives it: the tip block's point and number. */
  ChainTip chainTip(NodeSnapshot s) {
    if (s.tipSlot() < 0) {
      return ChainTip.ORIGIN;
    }
    byte[] hash = ledger.blockAt(s.tipSlot()).map(ChainBlock::hash).orElse(new byte[32]);
    return new ChainTip(Point.of(s.tipSlot(), HexFormat.of().formatHex(hash)), s.tipBlockNo());
  }

  /** The last tip reported, or -1. */
  long lastTip() {
    return lastTip;
  }

  /** The tip block's slot at a position: the last block at or before where catch-up has brought the chain. */
  private long tipAt(SyncModel.Position p) {
    return ledger.lastBlockAtOrBefore(p.candidateSlot()).map(ChainBlock::slot).orElse(p.candidateSlot());
  }
}
