package io.palisade.runtime.slots;

import io.palisade.agent.chain.ForgeLoopLine;
import io.palisade.control.slots.ForgeOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

/**
 * What a real cardano-node's forge loop said of each of its leader slots, from its own log under {@code palisade up}
 * ({@code DATA/nodes/NODE/node.log}, and {@code node.log.1} after a rotation), read through agent's
 * {@link ForgeLoopLine}: per slot, where its forge counters only say how many blocks it forged and how many leader
 * checks failed. The slot ledger asks every tick, so each log is followed ({@link NodeLogFollower}): only bytes written
 * since the last call are read, at most {@value #PER_CALL} of them a call (the first call reads the last
 * {@value #FIRST_TAIL} bytes of each file, as {@link NodeLogBlocks} does), and the last {@value #KEPT} slots' lines
 * are kept in memory. One instance per run of the ledger; its calls are serialised.
 *
 * <p>A tracing configuration that filters the forge loop's traces out, or logs elsewhere than the node's standard
 * output, leaves nothing here: its slots are decided on the counters.
 */
public final class NodeLogForgeTraces {
  /** How much of a log's end the first call reads. */
  static final long FIRST_TAIL = 16L << 20;
  /** How many new bytes of a log one call reads at most: the rest on the next calls. */
  static final long PER_CALL = 4L << 20;
  /** How many slots' lines are kept per node (the latest): more leader slots than two epochs hold. */
  static final int KEPT = 5_000;

  private final Map<Path, NodeLogFollower> followers = new HashMap<>();

  /**
   * The forge loop's word on the given slots, from the log of the node in {@code nodeDir}.
   *
   * @param nodeDir the node's directory (its log is {@code node.log} there)
   * @param node the node's name, for the records
   * @param slots the slots asked about (e.g. the epoch's leader slots)
   * @return a record per slot the log speaks of, naming the node and the trace; empty without a log
   * @throws IOException if the log exists but cannot be read
   */
  public synchronized List<ForgedSlot> forged(Path nodeDir, String node, Set<Long> slots) throws IOException {
    NavigableMap<Long, ForgeLoopLine> kept = followers.computeIfAbsent(nodeDir.toAbsolutePath().normalize(),
        d -> new NodeLogFollower(d, FIRST_TAIL, PER_CALL, KEPT)).poll();
    List<ForgedSlot> out = new ArrayList<>();
    for (ForgeLoopLine f : kept.values()) {
      if (slots.contains(f.slot())) {
        out.add(new ForgedSlot(f.slot(), outcome(f.kind()), List.of(f.trace(), node + "/node.log: " + words(f)),
            f.trace(), node, f.blockHash()));
      }
    }
    return out;
  }

  /** The forge loop's word in the ledger's terms. */
  static ForgeOutcome outcome(ForgeLoopLine.Kind kind) {
    return switch (kind) {
      case ADOPTED -> ForgeOutcome.ADOPTED;
      case DIDNT_ADOPT -> ForgeOutcome.NOT_ADOPTED;
      case FORGED_INVALID -> ForgeOutcome.INVALID;
      case BLOCK_FROM_FUTURE -> ForgeOutcome.FROM_FUTURE;
      // No ledger state for the tip: the node is not synced, as when it cannot forecast the ledger view.
      case NO_LEDGER_VIEW, NO_LEDGER_STATE -> ForgeOutcome.NO_LEDGER_VIEW;
      // The KES key could not be evolved, or the node cannot forge with its keys: as a simulated node's KES_INVALID.
      case FORGE_STATE_UPDATE_ERROR, NODE_CANNOT_FORGE -> ForgeOutcome.CANNOT_FORGE;
    };
  }

  /** The line's words (the text form's, whichever form was read; reasons left out: the evidence stays short). */
  static String words(ForgeLoopLine f) {
    long s = f.slot();
    return switch (f.kind()) {
      case ADOPTED -> "Adopted block forged in slot " + s + (f.blockHash().isEmpty() ? "" : ": " + f.blockHash());
      case DIDNT_ADOPT -> "Didn't adopt forged block in slot " + s;
      case FORGED_INVALID -> "Forged invalid block in slot " + s;
      case BLOCK_FROM_FUTURE -> "Couldn't forge block because current tip is in the future, current slot: " + s;
      case NO_LEDGER_VIEW -> "Could not obtain ledger view for slot " + s;
      case NO_LEDGER_STATE -> "Could not obtain ledger state, current slot: " + s;
      case FORGE_STATE_UPDATE_ERROR -> "Updating the forge state in slot " + s + " failed";
      case NODE_CANNOT_FORGE -> "We are the leader in slot " + s + ", but we cannot forge";
    };
  }
}
