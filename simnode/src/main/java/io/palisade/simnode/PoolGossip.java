package io.palisade.simnode;

import io.palisade.ouroboros.Point;
import io.palisade.simnode.forge.ForgedBlock;
import io.palisade.simnode.forge.ForgedBlockLog;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The simulated network's gossip of the pool's own blocks. Every simulated node computes the network's chain alone
 * ({@link io.palisade.simnode.ledger.SimulatedChain}, the same for all), but the pool's blocks exist only in its
 * producers' forge records; a real relay gets them by chain-sync from its producer. Here a node reads the other nodes'
 * records ({@code POOL_NODES/NODE/db/forged-blocks.jsonl}) and holds a block on its chain when the producer adopted
 * it, kept it (no longer fork took it) and sent it (its network was up when it forged: {@link ForgedBlock#propagated}).
 * That is what the pool's relays answer when asked whether our block is on their chain (chain-sync's
 * {@code MsgFindIntersect}), the question the slot ledger's chain check asks.
 *
 * <p>Thread-safe; a record is read again only when its size changed (records only grow).
 */
final class PoolGossip {
  private final Path poolNodes;
  private final Path ownDatabase;
  private final Map<Path, Read> cache = new HashMap<>();

  private record Read(long size, Map<Long, ForgedBlock> sent) {}

  /**
   * @param poolNodes the directory of the pool's nodes' directories, or null (no gossip: a node alone)
   * @param ownDatabase this node's {@code --database-path}, whose record is not gossip
   */
  PoolGossip(Path poolNodes, Path ownDatabase) {
    this.poolNodes = poolNodes;
    this.ownDatabase = Objects.requireNonNull(ownDatabase, "ownDatabase").toAbsolutePath().normalize();
  }

  /**
   * Whether the point is a block of the pool's that reached this node.
   *
   * @param point the point asked
   * @return true when another node of the pool forged it, adopted it, kept it and sent it
   */
  synchronized boolean carries(Point point) {
    if (poolNodes == null || !(point instanceof Point.BlockPoint b)) {
      return false;
    }
    try (DirectoryStream<Path> nodes = Files.newDirectoryStream(poolNodes, Files::isDirectory)) {
      for (Path node : nodes) {
        Path db = node.resolve("db").toAbsolutePath().normalize();
        if (db.equals(ownDatabase)) {
          continue;
        }
        ForgedBlock f = sent(db.resolve("forged-blocks.jsonl")).get(b.slot());
        if (f != null && f.hash().equals(b.hash())) {
          return true;
        }
      }
    } catch (IOException e) {
      // The pool's directory is unreadable: nothing reached this node (a relay cut off from its producer).
    }
    return false;
  }

  private Map<Long, ForgedBlock> sent(Path record) {
    try {
      long size = Files.exists(record) ? Files.size(record) : 0;
      Read known = cache.get(record);
      if (known != null && known.size() == size) {
        return known.sent();
      }
      Map<Long, ForgedBlock> sent = new HashMap<>();
      List<ForgedBlock> all = ForgedBlockLog.read(record);
      for (ForgedBlock f : all) {
        if (f.onChain() && f.propagated()) {
          sent.put(f.slot(), f);
        } else {
          sent.remove(f.slot());
        }
      }
      cache.put(record, new Read(size, sent));
      return sent;
    } catch (IOException | RuntimeException e) {
      // A record being written or damaged: what it says cannot be carried now; asked again, it is read again.
      return Map.of();
    }
  }
}
