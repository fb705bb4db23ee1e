package io.palisade.cli.leader;

import io.palisade.control.LeaderCalendar;
import io.palisade.control.slots.ForgeOutcome;
import io.palisade.runtime.local.DataDir;
import io.palisade.runtime.local.LeaderScheduleSource;
import io.palisade.runtime.local.RunningProducer;
import io.palisade.runtime.slots.ForgedSlot;
import io.palisade.runtime.slots.SlotSources;
import io.palisade.simnode.forge.ForgedBlock;
import io.palisade.simnode.forge.ForgedBlockLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The slot ledger's sources for the pool {@code palisade up} runs: the pool's one cached leader schedule (the one
 * leader-aware maintenance reads: computed from the block producer's socket and VRF key as
 * {@code palisade leader-schedule --epoch current} computes it, once per epoch), and the simulated node's forged-block record ({@code db/forged-blocks.jsonl}
 * of the block producer). A real cardano-node keeps no such record: its slots get their verdicts from the runtime's
 * observations alone.
 */
public final class NodeSlotSources implements SlotSources {
  private final Path dataDir;
  private final LeaderScheduleSource schedule;
  private final Clock clock;

  /**
   * The sources of the pool in {@code dataDir}.
   *
   * @param schedule the pool's one cached leader schedule ({@code LocalPool.leaderSchedule()}): the ledger computes
   *     nothing of its own
   */
  public NodeSlotSources(Path dataDir, LeaderScheduleSource schedule, Clock clock) {
    this.dataDir = dataDir;
    this.schedule = schedule;
    this.clock = clock;
  }

  @Override
  public Optional<List<Long>> leaderSlots(long epoch) {
    return schedule.epoch(epoch, clock.instant()).map(slots -> slots.stream().map(LeaderCalendar.Slot::slot).toList());
  }

  @Override
  public List<ForgedSlot> forged(long epoch) throws IOException {
    Optional<RunningProducer> producer = RunningProducer.find(new DataDir(dataDir));
    if (producer.isEmpty()) {
      return List.of();
    }
    // Every producer's record: with a standby, the blocks of a slot may come from either (only the lease's holder
    // forges, so at most one record has a slot).
    List<Path> records = new ArrayList<>();
    try (var nodes = Files.list(dataDir.resolve("nodes"))) {
      nodes.map(n -> n.resolve("db").resolve(ForgedBlockLog.FILE_NAME)).filter(Files::exists).sorted()
          .forEach(records::add);
    }
    List<ForgedSlot> out = new ArrayList<>();
    for (Path record : records) {
      String where = record.getParent().getParent().getFileName() + "/db/" + ForgedBlockLog.FILE_NAME;
      for (ForgedBlock b : ForgedBlockLog.read(record)) {
        if (b.epoch() == epoch) {
          out.add(new ForgedSlot(b.slot(), outcome(b), List.of(trace(b),
              where + ": outcome " + b.outcome() + ", block " + b.hash().substring(0, 16))));
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
