package io.palisade.runtime.slots;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.agent.chain.ChainExtendedLine;
import io.palisade.agent.chain.ForgeLoopLine;
import io.palisade.agent.chain.LogLines;
import io.palisade.control.slots.ForgeOutcome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node's log is followed, not rescanned: each call reads only what was written since the last, bounded;
 * a rotation keeps what was said; a line is read once it is whole; garbage is skipped.
 */
class NodeLogForgeTracesTest {
  static final String PREFIX = "[bp:cardano.node.Forge:Error:38] [2026-12-05 01:00:05.02 UTC] ";

  @TempDir Path dir;

  static String didnt(long slot) {
    return PREFIX + "Didn't adopt forged block in slot " + slot + "\n";
  }

  void append(String text) throws IOException {
    append(text.getBytes(StandardCharsets.UTF_8));
  }

  void append(byte[] bytes) throws IOException {
    Files.write(dir.resolve("node.log"), bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  NodeLogFollower follower() {
    return new NodeLogFollower(dir, 1 << 20, 1 << 20, 100);
  }

  @Test
  void appendedLines_areReadOnce_andOnlyTheNewBytes() throws IOException {
    NodeLogFollower f = follower();
    assertThat(f.poll()).as("no log yet").isEmpty();
    append(didnt(1));
    assertThat(f.poll()).containsOnlyKeys(1L);
    // The bytes already read are changed in place (same size, same file): a rescan would see slot 9; a follower
    // reads only what came after them.
    try (FileChannel ch = FileChannel.open(dir.resolve("node.log"), StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(didnt(9).getBytes(StandardCharsets.UTF_8)), 0);
    }
    append(didnt(2));
    assertThat(f.poll()).containsOnlyKeys(1L, 2L);
    assertThat(f.poll()).containsOnlyKeys(1L, 2L);
  }

  @Test
  void eachCallReadsAtMostItsBudget_theRestOnTheNextCalls() throws IOException {
    NodeLogFollower f = new NodeLogFollower(dir, 1 << 20, 50, 100);
    append("");
    f.poll();
    append(didnt(1) + didnt(2) + didnt(3));
    int calls = 0;
    int size;
    List<Integer> seen = new ArrayList<>();
    do {
      size = f.poll().size();
      seen.add(size);
      calls++;
      assertThat(calls).isLessThan(100);
    } while (size < 3);
    int bytes = (didnt(1) + didnt(2) + didnt(3)).length();
    assertThat(calls).isEqualTo((bytes + 49) / 50);
    assertThat(seen).isSorted();
  }

  @Test
  void theFirstCallReadsTheTailOnly_itsCutFirstLineIsNoLine() throws IOException {
    append(didnt(1) + didnt(2));
    NodeLogFollower f = new NodeLogFollower(dir, didnt(2).length() + 3, 1 << 20, 100);
    assertThat(f.poll()).containsOnlyKeys(2L);
  }

  @Test
  void aRotation_finishesTheOldFile_thenReadsTheNewFromItsStart_keepingWhatWasSaid() throws IOException {
    NodeLogFollower f = follower();
    append(didnt(1));
    assertThat(f.poll()).containsOnlyKeys(1L);
    append(didnt(2) + PREFIX + "Didn't adopt forged block in slot 3"); // the last line cut by the node's stop
    Files.move(dir.resolve("node.log"), dir.resolve("node.log.1"));
    append(didnt(4));
    assertThat(f.poll()).containsOnlyKeys(1L, 2L, 3L, 4L);
    append(didnt(5));
    assertThat(f.poll()).containsOnlyKeys(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void betweenARotationAndTheNewLog_theOldFilesRestIsRead() throws IOException {
    NodeLogFollower f = follower();
    append(didnt(1));
    f.poll();
    append(didnt(2));
    Files.move(dir.resolve("node.log"), dir.resolve("node.log.1"));
    assertThat(f.poll()).containsOnlyKeys(1L, 2L);
    append(didnt(3));
    assertThat(f.poll()).containsOnlyKeys(1L, 2L, 3L);
  }

  @Test
  void aFreshFollower_readsTheRotatedLogsTailToo_theLinesOfBeforeARestart() throws IOException {
    Files.writeString(dir.resolve("node.log.1"), didnt(1));
    append(didnt(2));
    assertThat(follower().poll()).containsOnlyKeys(1L, 2L);
  }

  @Test
  void aTornLastLine_isReadOnceItIsWhole() throws IOException {
    NodeLogFollower f = follower();
    append(PREFIX + "Didn't adopt forged block in slot 4");
    assertThat(f.poll()).as("slot 4 may be slot 42 yet").isEmpty();
    append("2\n");
    assertThat(f.poll()).containsOnlyKeys(42L);
  }

  @Test
  void aFileCutInPlace_isReadAgainFromItsStart() throws IOException {
    NodeLogFollower f = follower();
    append(didnt(1) + didnt(2));
    f.poll();
    try (FileChannel ch = FileChannel.open(dir.resolve("node.log"), StandardOpenOption.WRITE)) {
      ch.truncate(0);
    }
    append(didnt(3));
    assertThat(f.poll()).containsOnlyKeys(1L, 2L, 3L);
  }

  @Test
  void garbageAndOverlongLines_areSkipped_theNextLineRead() throws IOException {
    NodeLogFollower f = follower();
    byte[] garbage = {0, (byte) 0xff, (byte) 0xfe, '\r', '\n', (byte) 0xc3, '\n'};
    append(garbage);
    append("x".repeat(ChainExtendedLine.MAX_LINE) + " Didn't adopt forged block in slot 6");
    f.poll();
    append(" and more\n" + didnt(7).replace("\n", "\r\n"));
    assertThat(f.poll()).containsOnlyKeys(7L);
  }

  @Test
  void onlyTheLatestSlotsAreKept() throws IOException {
    NodeLogFollower f = new NodeLogFollower(dir, 1 << 20, 1 << 20, 3);
    for (long s = 1; s <= 5; s++) {
      append(didnt(s));
    }
    assertThat(f.poll()).containsOnlyKeys(3L, 4L, 5L);
  }

  @Test
  void theRecords_nameTheNodeTheTraceAndTheLine_forTheSlotsAskedOnly() throws IOException {
    append(didnt(105) + PREFIX + "Couldn't forge block because current tip is in the future: current tip slot: 112,"
        + " current slot: 110\n" + PREFIX + "Adopted block forged in slot 120: " + "ab".repeat(32) + "\n"
        + didnt(999));
    NodeLogForgeTraces traces = new NodeLogForgeTraces();
    List<ForgedSlot> got = traces.forged(dir, "block-producer", Set.of(105L, 110L, 120L));
    assertThat(got).extracting(ForgedSlot::slot).containsExactly(105L, 110L, 120L);
    assertThat(got.get(0)).isEqualTo(new ForgedSlot(105, ForgeOutcome.NOT_ADOPTED, List.of(
        "Forge.Loop.DidntAdoptBlock", "block-producer/node.log: Didn't adopt forged block in slot 105"),
        "Forge.Loop.DidntAdoptBlock", "block-producer", ""));
    assertThat(got.get(1).outcome()).isEqualTo(ForgeOutcome.FROM_FUTURE);
    assertThat(got.get(1).trace()).isEqualTo("Forge.Loop.BlockFromFuture");
    assertThat(got.get(2).blockHash()).isEqualTo("ab".repeat(32));
    for (ForgeLoopLine.Kind k : ForgeLoopLine.Kind.values()) {
      assertThat(NodeLogForgeTraces.outcome(k)).isNotIn(ForgeOutcome.NONE, ForgeOutcome.ORPHANED);
    }
  }

  /** However a stream of bytes is cut into reads, the same lines come out: a line is whole or not at all. */
  @Property(tries = 200)
  void anyBytes_cutAnywhere_giveTheSameLines(@ForAll byte[] bytes, @ForAll @IntRange(min = 1, max = 64) int piece) {
    List<String> whole = new ArrayList<>();
    new LogLines(false).feed(bytes, bytes.length, whole::add);
    List<String> pieces = new ArrayList<>();
    LogLines lines = new LogLines(false);
    for (int i = 0; i < bytes.length; i += piece) {
      byte[] part = java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + piece));
      lines.feed(part, part.length, pieces::add);
    }
    assertThat(pieces).isEqualTo(whole);
  }
}
