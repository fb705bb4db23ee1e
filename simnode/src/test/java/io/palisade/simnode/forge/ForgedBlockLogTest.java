package io.palisade.simnode.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forged-block record: append-only, durable, a torn last line dropped, anything else malformed named. */
class ForgedBlockLogTest {
  @TempDir Path dir;

  static ForgedBlock block(long slot, BlockOutcome outcome) {
    return new ForgedBlock(slot, slot / 100, "cd".repeat(28), 2, slot / 50, "0f".repeat(64), outcome);
  }

  @Test
  void appendsInOrder_andReadsBack_withTheDerivedFields() throws Exception {
    Path file = dir.resolve(ForgedBlockLog.FILE_NAME);
    try (ForgedBlockLog log = ForgedBlockLog.open(file, b -> { })) {
      log.append(block(10, BlockOutcome.ADOPTED));
      log.append(block(12, BlockOutcome.NOT_ADOPTED));
      log.append(block(30, BlockOutcome.ORPHANED));
      assertThatThrownBy(() -> log.append(block(30, BlockOutcome.ADOPTED))).hasMessageContaining("not after");
    }
    List<ForgedBlock> read = ForgedBlockLog.read(file);
    assertThat(read).containsExactly(block(10, BlockOutcome.ADOPTED), block(12, BlockOutcome.NOT_ADOPTED),
        block(30, BlockOutcome.ORPHANED));
    String first = Files.readAllLines(file).get(0);
    assertThat(first).startsWith("{\"slot\":10,\"epoch\":0,\"pool\":\"" + "cd".repeat(28)
        + "\",\"opcertCounter\":2,\"kesPeriod\":0,\"adopted\":true,\"outcome\":\"ADOPTED\",\"onChain\":true,\"propagated\":true,"
        + "\"hash\":\"");
    assertThat(Files.readAllLines(file).get(2)).contains("\"adopted\":true,\"outcome\":\"ORPHANED\",\"onChain\":false");
    // Reopening sees every entry and appends after them.
    List<ForgedBlock> seen = new ArrayList<>();
    try (ForgedBlockLog log = ForgedBlockLog.open(file, seen::add)) {
      assertThatThrownBy(() -> log.append(block(29, BlockOutcome.ADOPTED))).hasMessageContaining("not after");
      log.append(block(31, BlockOutcome.INVALID));
    }
    assertThat(seen).hasSize(3);
    assertThat(ForgedBlockLog.read(file)).hasSize(4);
  }

  @Test
  void aTornLastLine_isDroppedOnOpen_andIgnoredByReaders() throws Exception {
    Path file = dir.resolve(ForgedBlockLog.FILE_NAME);
    try (ForgedBlockLog log = ForgedBlockLog.open(file, b -> { })) {
      log.append(block(10, BlockOutcome.ADOPTED));
    }
    // A kill -9 (or power loss) in the middle of the next append.
    Files.writeString(file, "{\"slot\":11,\"epoch\":0,\"po", StandardOpenOption.APPEND);
    assertThat(ForgedBlockLog.read(file)).containsExactly(block(10, BlockOutcome.ADOPTED));
    try (ForgedBlockLog log = ForgedBlockLog.open(file, b -> { })) {
      log.append(block(11, BlockOutcome.ADOPTED));
    }
    assertThat(ForgedBlockLog.read(file)).containsExactly(block(10, BlockOutcome.ADOPTED),
        block(11, BlockOutcome.ADOPTED));
  }

  @Test
  void aMalformedOrOutOfOrderCompleteLine_isNamed() throws Exception {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, "{\"slot\":1}\n");
    assertThatThrownBy(() -> ForgedBlockLog.read(file)).isInstanceOf(IOException.class).hasMessageContaining("bad.jsonl:1");
    Files.writeString(file, "\n");
    assertThatThrownBy(() -> ForgedBlockLog.open(file, b -> { })).hasMessageContaining("bad.jsonl:1");
    String ok = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(block(5, BlockOutcome.ADOPTED));
    Files.writeString(file, ok + "\n" + ok + "\n");
    assertThatThrownBy(() -> ForgedBlockLog.read(file)).hasMessageContaining("bad.jsonl:2").hasMessageContaining("order");
    Files.writeString(file, "x".repeat(ForgedBlockLog.MAX_LINE + 1) + "\n");
    assertThatThrownBy(() -> ForgedBlockLog.read(file)).hasMessageContaining("longer than");
    assertThat(ForgedBlockLog.read(dir.resolve("absent.jsonl"))).isEmpty();
  }

  @Test
  void aLineJacksonTakesForAnUnsupportedUcs4Order_isNamedToo() throws Exception {
    // Found by the property below on CI (seed 1212900465757355265): 00 00 FF FE reads as UCS-4 in the order 2143,
    // which Jackson refuses with a CharConversionException, not a JacksonException.
    Path file = dir.resolve("ucs4.jsonl");
    Files.write(file, new byte[] {0, 0, (byte) 0xFF, (byte) 0xFE, '\n'});
    assertThatThrownBy(() -> ForgedBlockLog.read(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("ucs4.jsonl:1").hasMessageContaining("not a forged-block entry");
  }

  @Property(tries = 200)
  void anyBytes_giveEntriesOrANamedError(@ForAll byte[] bytes) throws Exception {
    Path file = Files.createTempFile("forged", ".jsonl");
    try {
      Files.write(file, bytes);
      try {
        ForgedBlockLog.read(file);
      } catch (IOException e) {
        assertThat(e.getMessage()).contains(file.toString());
      }
      Files.write(file, (new String(bytes, StandardCharsets.ISO_8859_1) + "\n").getBytes(StandardCharsets.ISO_8859_1));
      try {
        ForgedBlockLog.read(file);
      } catch (IOException e) {
        assertThat(e.getMessage()).contains(file.toString());
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
