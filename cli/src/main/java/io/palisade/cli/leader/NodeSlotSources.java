package io.palisade.cli.leader;

import io.palisade.agent.chain.RelayChainCheck;
import io.palisade.control.LeaderCalendar;
import io.palisade.control.slots.ChainCheck;
import io.palisade.control.slots.ForgeOutcome;
import io.palisade.runtime.local.LeaderScheduleSource;
import io.palisade.runtime.slots.ForgedSlot;
import io.palisade.runtime.slots.NodeLogForgeTraces;
import io.palisade.runtime.slots.SlotSources;
import io.palisade.simnode.forge.ForgedBlock;
import io.palisade.simnode.forge.ForgedBlockLog;
import io.palisade.simnode.forge.MissedLeaderSlot;
import io.palisade.simnode.forge.MissedSlotLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The slot ledger's sources for the pool {@code palisade up} runs: the pool's one cached leader schedule (the one
 * leader-aware maintenance reads: computed from the node of the producer that forges, as
 * {@code palisade leader-schedule --epoch current} computes it, once per epoch), and each simulated producer's forge
 * records in its database directory: {@code db/forged-blocks.jsonl} (the blocks it forged and what became of them)
 * and {@code db/missed-leader-slots.jsonl} (the leader slots it did not forge in, with the trace that says why). Every
 * node's records are read, each named by its node: with a standby the slot watch keeps, for each slot, the record of
 * the producer that held the forging lease then. A real cardano-node keeps no such record: its forge loop's lines in
 * its log ({@code node.log}, read by the runtime's {@link NodeLogForgeTraces}) speak of the epoch's leader slots
 * instead, for each slot no simulated record speaks of; a slot neither speaks of is left to the runtime's counters
 * and observations.
 */
public final class NodeSlotSources implements SlotSources {
  private final Path dataDir;
  private final LeaderScheduleSource schedule;
  private final Clock clock;
  private final Optional<RelayChainCheck> relays;
  /** One per run: it follows each node's log, reading only what was written since the last call. */
  private final NodeLogForgeTraces traces = new NodeLogForgeTraces();

  /**
   * The sources of the pool in {@code dataDir}, whose blocks are looked for on its relays' chain.
   *
   * @param schedule the pool's one cached leader schedule
   * @param relays asks the pool's relays whether a block is on their chain
   */
  public NodeSlotSources(Path dataDir, LeaderScheduleSource schedule, Clock clock, RelayChainCheck relays) {
    this.dataDir = dataDir;
    this.schedule = schedule;
    this.clock = clock;
    this.relays = Optional.of(relays);
  }

  /**
   * The sources of the pool in {@code dataDir}, without a chain check.
   *
   * @param schedule the pool's one cached leader schedule ({@code LocalPool.leaderSchedule()}): the ledger computes
   *     nothing of its own
   */
  public NodeSlotSources(Path dataDir, LeaderScheduleSource schedule, Clock clock) {
    this.dataDir = dataDir;
    this.schedule = schedule;
    this.clock = clock;
    this.relays = Optional.empty();
  }

  @Override
  public Optional<ChainCheck> chainCheck(long slot, String blockHash) {
    // agent's answer, in control's words (agent does not depend on control).
    return relays.flatMap(r -> r.check(slot, blockHash)).map(a -> a == RelayChainCheck.Answer.ON_CHAIN
        ? ChainCheck.ON_CHAIN : ChainCheck.NOT_ON_CHAIN);
  }

  @Override
  public Optional<List<Long>> leaderSlots(long epoch) {
    return schedule.epoch(epoch, clock.instant()).map(slots -> slots.stream().map(LeaderCalendar.Slot::slot).toList());
  }

  @Override
  public List<ForgedSlot> forged(long epoch) throws IOException {
    Path nodes = dataDir.resolve("nodes");
    if (!Files.isDirectory(nodes)) {
      return List.of();
    }
    List<Path> dirs;
    try (Stream<Path> s = Files.list(nodes)) {
      dirs = s.filter(Files::isDirectory).sorted().toList();
    }
    List<ForgedSlot> out = new ArrayList<>();
    Set<Long> leader = null; // asked once, and only when a node has a log
    for (Path dir : dirs) {
      int simulated = out.size();
      String node = dir.getFileName().toString();
      String where = node + "/db/";
      for (ForgedBlock b : ForgedBlockLog.read(dir.resolve("db").resolve(ForgedBlockLog.FILE_NAME))) {
        if (b.epoch() == epoch) {
          out.add(new ForgedSlot(b.slot(), outcome(b), List.of(trace(b), where + ForgedBlockLog.FILE_NAME
              + ": outcome " + b.outcome() + ", block " + b.hash().substring(0, 16)), loopTrace(b), node, b.hash()));
        }
      }
      for (MissedLeaderSlot m : MissedSlotLog.read(dir.resolve("db").resolve(MissedSlotLog.FILE_NAME))) {
        if (m.epoch() == epoch) {
          out.add(new ForgedSlot(m.slot(), outcome(m), List.of(m.trace(), where + MissedSlotLog.FILE_NAME + ": "
              + details(m)), m.trace(), node));
        }
      }
      // node.log.1 too: between a rotation and the new log's first byte, the old file's rest is still to be read.
      if (Files.isRegularFile(dir.resolve("node.log")) || Files.isRegularFile(dir.resolve("node.log.1"))) {
        leader = leader != null ? leader : new HashSet<>(leaderSlots(epoch).orElse(List.of()));
        // A simulated node's record wins: its slots are not taken from its log.
        Set<Long> recorded = new HashSet<>();
        out.subList(simulated, out.size()).forEach(f -> recorded.add(f.slot()));
        for (ForgedSlot f : traces.forged(dir, node, leader)) {
          if (!recorded.contains(f.slot())) {
            out.add(f);
          }
        }
      }
    }
    return out;
  }

  private static ForgeOutcome outcome(ForgedBlock b) {
    return switch (b.outcome()) {
      case ADOPTED -> ForgeOutcome.ADOPTED;
      case NOT_ADOPTED -> ForgeOutcome.NOT_ADOPTED;
      case ORPHANED -> ForgeOutcome.ORPHANED;
      case INVALID -> ForgeOutcome.INVALID;
    };
  }

  private static ForgeOutcome outcome(MissedLeaderSlot m) {
    return switch (m.reason()) {
      case KES_INVALID -> ForgeOutcome.CANNOT_FORGE;
      case BLOCK_FROM_FUTURE -> ForgeOutcome.FROM_FUTURE;
      case NO_LEDGER_VIEW -> ForgeOutcome.NO_LEDGER_VIEW;
    };
  }

  /** The record's line in words: the reason and the node's state that explains it. */
  static String details(MissedLeaderSlot m) {
    String tip = m.tipSlot() < 0 ? "no tip" : "tip in slot " + m.tipSlot();
    return "reason " + m.reason() + switch (m.reason()) {
      case KES_INVALID -> ", KES period " + m.kesPeriod() + ", opcert valid for KES periods "
          + m.opcertStartKesPeriod() + " to " + (m.opcertExpiryKesPeriod() - 1);
      case BLOCK_FROM_FUTURE -> ", " + tip + " when the node's clock reached slot " + m.slot();
      case NO_LEDGER_VIEW -> ", " + tip + ", too far behind to forecast the ledger view";
    };
  }

  /** The forge loop's trace of a forged block, as the simulated node logs it. */
  private static String loopTrace(ForgedBlock b) {
    return switch (b.outcome()) {
      case ADOPTED, ORPHANED -> "Forge.Loop.AdoptedBlock";
      case NOT_ADOPTED -> "Forge.Loop.DidntAdoptBlock";
      case INVALID -> "Forge.Loop.ForgedInvalidBlock";
    };
  }

  /** The trace the node emitted for the outcome (new tracing's namespace; see docs/simnode.md, Forging). */
  private static String trace(ForgedBlock b) {
    return switch (b.outcome()) {
      case ADOPTED -> "Forge.adopted";
      case NOT_ADOPTED -> "Forge.didnt-adopt";
      case ORPHANED -> "Forge.adopted, then a longer fork";
      case INVALID -> "Forge.forged-invalid";
    };
  }
}
