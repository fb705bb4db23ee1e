package io.palisade.cli.leader;

import io.palisade.chain.GenesisParameters;
import io.palisade.chain.GenesisReader;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.node.ProducerNode;
import io.palisade.control.slots.ForgeOutcome;
import io.palisade.keys.SigningKey;
import io.palisade.keys.VrfSigningKey;
import io.palisade.keys.vrf.VrfEvaluator;
import io.palisade.leader.LeaderSchedule;
import io.palisade.leader.PraosEra;
import io.palisade.runtime.local.DataDir;
import io.palisade.runtime.local.RunningProducer;
import io.palisade.runtime.slots.ForgedSlot;
import io.palisade.runtime.slots.SlotSources;
import io.palisade.simnode.forge.ForgedBlock;
import io.palisade.simnode.forge.ForgedBlockLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The slot ledger's sources for the pool {@code palisade up} runs: the schedule read exactly as
 * {@code palisade leader-schedule --epoch current} reads it (the block producer's socket, the VRF key its process was
 * started with, the Praos leader check), and the simulated node's forged-block record ({@code db/forged-blocks.jsonl}
 * of the block producer). A real cardano-node keeps no such record: its slots get their verdicts from the runtime's
 * observations alone.
 */
public final class NodeSlotSources implements SlotSources {
  private final Path dataDir;
  private final Clock clock;

  /** The sources of the pool in {@code dataDir}. */
  public NodeSlotSources(Path dataDir, Clock clock) {
    this.dataDir = dataDir;
    this.clock = clock;
  }

  @Override
  public Optional<List<Long>> leaderSlots(long epoch) throws IOException {
    ProducerNode node;
    LeaderSchedule.Request request;
    try {
      node = ProducerNode.resolve(new ProducerNode.Flags(null, null, null, "--stake-pool-id", null, dataDir),
          Map.of());
      if (node.vrfKey().isEmpty() || !Files.exists(node.socket())) {
        return Optional.empty();
      }
      GenesisParameters genesis = node.network().genesis(node.networkBase());
      long firstPraos = PraosEra.firstPraosEpoch(genesis, GenesisReader.statedPraosEpoch(
          node.network().directory().map(node.networkBase()::resolve).orElse(null)));
      request = NodeScheduleFacts.read(node, genesis, firstPraos, Long.toString(epoch), ZoneId.systemDefault(),
          clock);
    } catch (ExitException e) {
      if (e.code() == ExitCodes.UNAVAILABLE) {
        return Optional.empty();
      }
      throw new IOException(e.getMessage(), e);
    }
    List<Long> slots = new ArrayList<>();
    try (VrfSigningKey key = (VrfSigningKey) SigningKey.read(node.vrfKey().get());
        VrfEvaluator vrf = VrfEvaluator.of(key)) {
      LeaderSchedule.compute(request, vrf, s -> slots.add(s.slot()), done -> { });
    }
    return Optional.of(slots);
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
