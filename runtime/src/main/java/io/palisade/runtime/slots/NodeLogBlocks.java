package io.palisade.runtime.slots;

import io.palisade.agent.chain.ChainExtendedLine;
import io.palisade.agent.chain.NodeLogScan;
import io.palisade.runtime.local.DataDir;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * Which block a node's chain was extended with in a slot, from its own log under {@code palisade up}
 * ({@code DATA/nodes/NODE/node.log}, and {@code node.log.1} after a rotation): what a real cardano-node says of a
 * block it adopted, where its forge counters only say that it did. The forge loop's own "Adopted block forged in slot
 * S: HASH" counts first; else the first extension in the slot: our own block is adopted as it is forged, and a
 * competitor that later took the slot comes as a fork switch, which {@link ChainExtendedLine} does not read. Only the
 * last {@value #TAIL_BYTES} bytes of each file are read, by agent's {@link NodeLogScan} (the scan the operator runs on a
 * producer pod's log too).
 */
public final class NodeLogBlocks {
  /** How much of a log's end is read. */
  static final long TAIL_BYTES = 16L << 20;

  private final DataDir dataDir;

  /** @param dataDir the pool's data directory */
  public NodeLogBlocks(DataDir dataDir) {
    this.dataDir = dataDir;
  }

  /**
   * The hash of the block the node's chain was first extended with in {@code slot}.
   *
   * @param node the node's name
   * @param slot the slot
   * @return the hash, or empty when its logs (what is left of them) say nothing of the slot
   * @throws IOException if a log exists but cannot be read
   */
  public Optional<String> extendedAt(String node, long slot) throws IOException {
    if (node == null || node.isEmpty() || node.contains("/") || node.startsWith(".")) {
      return Optional.empty();
    }
    Path dir = dataDir.nodeDir(node);
    for (Path log : List.of(dir.resolve("node.log.1"), dir.resolve("node.log"))) {
      Optional<String> found = firstIn(log, slot);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> firstIn(Path log, long slot) throws IOException {
    try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
      long start = Math.max(0, ch.size() - TAIL_BYTES);
      ch.position(start);
      // The first line read from inside the file is cut: not a line.
      return NodeLogScan.adoptedAt(Channels.newInputStream(ch), slot, TAIL_BYTES, start > 0);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}
