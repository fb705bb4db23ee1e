package io.palisade.simnode;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.ouroboros.Point;
import io.palisade.simnode.forge.BlockOutcome;
import io.palisade.simnode.forge.ForgedBlock;
import io.palisade.simnode.forge.ForgedBlockLog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated network carries to a relay exactly the pool's blocks a real relay would have: adopted, kept, and sent
 * while the producer's network was up; never a block of another hash in that slot, never its own record's.
 */
class PoolGossipTest {
  @TempDir Path nodes;

  private static ForgedBlock block(long slot, BlockOutcome outcome) {
    return new ForgedBlock(slot, 0, "cd".repeat(28), 2, 0, "0f".repeat(64), outcome);
  }

  private static Point point(ForgedBlock b) {
    return Point.of(b.slot(), b.hash());
  }

  @Test
  void aRelayHoldsTheBlocksItsProducerSent_andNoOther() throws Exception {
    ForgedBlock sent = block(10, BlockOutcome.ADOPTED);
    ForgedBlock cutOff = block(20, BlockOutcome.ADOPTED).unpropagated();
    ForgedBlock orphaned = block(30, BlockOutcome.ORPHANED);
    ForgedBlock lost = block(40, BlockOutcome.NOT_ADOPTED);
    Path producerDb = Files.createDirectories(nodes.resolve("block-producer").resolve("db"));
    try (ForgedBlockLog log = ForgedBlockLog.open(producerDb.resolve(ForgedBlockLog.FILE_NAME), b -> { })) {
      log.append(sent);
      log.append(cutOff);
      log.append(orphaned);
      log.append(lost);
    }
    Path relayDb = Files.createDirectories(nodes.resolve("relay-1").resolve("db"));
    PoolGossip relay = new PoolGossip(nodes, relayDb);
    assertThat(relay.carries(point(sent))).isTrue();
    assertThat(relay.carries(point(cutOff))).as("forged while partitioned").isFalse();
    assertThat(relay.carries(point(orphaned))).as("a longer fork took its height").isFalse();
    assertThat(relay.carries(point(lost))).as("it lost its slot battle").isFalse();
    assertThat(relay.carries(Point.of(10, "ab".repeat(32)))).as("another block of that slot").isFalse();
    assertThat(relay.carries(Point.ORIGIN)).isFalse();

    // The producer's own record is not gossip to itself (its own chain answers for it), and a node alone has none.
    assertThat(new PoolGossip(nodes, producerDb).carries(point(sent))).isFalse();
    assertThat(new PoolGossip(null, relayDb).carries(point(sent))).isFalse();

    // A block recorded later reaches the relay (the record is read again when it grew); a torn line does not.
    ForgedBlock later = block(50, BlockOutcome.ADOPTED);
    try (ForgedBlockLog log = ForgedBlockLog.open(producerDb.resolve(ForgedBlockLog.FILE_NAME), b -> { })) {
      log.append(later);
    }
    Files.writeString(producerDb.resolve(ForgedBlockLog.FILE_NAME), "{\"slot\":6", java.nio.file.StandardOpenOption.APPEND);
    assertThat(relay.carries(point(later))).isTrue();
    assertThat(relay.carries(point(sent))).isTrue();
  }

  @Test
  void aLineWithoutPropagated_isABlockSent() throws Exception {
    // Records written before the field existed.
    ForgedBlock b = block(10, BlockOutcome.ADOPTED);
    Path db = Files.createDirectories(nodes.resolve("block-producer").resolve("db"));
    Files.writeString(db.resolve(ForgedBlockLog.FILE_NAME), "{\"slot\":10,\"epoch\":0,\"pool\":\"" + "cd".repeat(28)
        + "\",\"opcertCounter\":2,\"kesPeriod\":0,\"outcome\":\"ADOPTED\",\"vrfOutput\":\"" + "0f".repeat(64) + "\"}\n");
    assertThat(ForgedBlockLog.read(db.resolve(ForgedBlockLog.FILE_NAME))).containsExactly(b);
    assertThat(new PoolGossip(nodes, nodes.resolve("relay-1").resolve("db")).carries(point(b))).isTrue();
  }
}
