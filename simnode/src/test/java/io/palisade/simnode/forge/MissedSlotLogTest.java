package io.palisade.simnode.forge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The missed-leader-slot record: append-only, durable, a torn last line dropped, anything else malformed named. */
class MissedSlotLogTest {
  @TempDir Path dir;

  static final String POOL = "cd".repeat(28);

  static MissedLeaderSlot miss(long slot, MissReason reason) {
    ForgeEvent event = reason.events().stream().sorted().findFirst().orElseThrow();
    return new MissedLeaderSlot(slot, slot / 100, POOL, reason, event.namespace(), slot / 50, 2, 64, slot - 3);
  }

  @Test
  void appendsInOrder_andReadsBack_inTheDocumentedForm() throws Exception {
    Path file = dir.resolve(MissedSlotLog.FILE_NAME);
    try (MissedSlotLog log = MissedSlotLog.open(file, m -> { })) {
      log.append(miss(10, MissReason.KES_INVALID));
      log.append(miss(12, MissReason.BLOCK_FROM_FUTURE));
      log.append(miss(30, MissReason.NO_LEDGER_VIEW));
      assertThatThrownBy(() -> log.append(miss(30, MissReason.KES_INVALID))).hasMessageContaining("not after");
      assertThat(log.lastSlot()).isEqualTo(30);
    }
    assertThat(MissedSlotLog.read(file)).containsExactly(miss(10, MissReason.KES_INVALID),
        miss(12, MissReason.BLOCK_FROM_FUTURE), miss(30, MissReason.NO_LEDGER_VIEW));
    assertThat(Files.readAllLines(file).get(0)).isEqualTo("{\"slot\":10,\"epoch\":0,\"pool\":\"" + POOL
        + "\",\"reason\":\"KES_INVALID\",\"trace\":\"Forge.Loop.ForgeStateUpdateError\",\"kesPeriod\":0,"
        + "\"opcertStartKesPeriod\":2,\"opcertExpiryKesPeriod\":64,\"tipSlot\":7}");
    List<MissedLeaderSlot> seen = new ArrayList<>();
    try (MissedSlotLog log = MissedSlotLog.open(file, seen::add)) {
      assertThat(log.lastSlot()).isEqualTo(30);
      log.append(miss(31, MissReason.KES_INVALID));
    }
    assertThat(seen).hasSize(3);
    assertThat(MissedSlotLog.read(file)).hasSize(4);
  }

  @Test
  void aTornLastLine_isDroppedOnOpen_andIgnoredByReaders() throws Exception {
    Path file = dir.resolve(MissedSlotLog.FILE_NAME);
    try (MissedSlotLog log = MissedSlotLog.open(file, m -> { })) {
      log.append(miss(10, MissReason.KES_INVALID));
    }
    // A kill -9 in the middle of the next append.
    Files.writeString(file, "{\"slot\":11,\"epoch\":0,\"reas", StandardOpenOption.APPEND);
    assertThat(MissedSlotLog.read(file)).containsExactly(miss(10, MissReason.KES_INVALID));
    try (MissedSlotLog log = MissedSlotLog.open(file, m -> { })) {
      log.append(miss(11, MissReason.BLOCK_FROM_FUTURE));
    }
    assertThat(MissedSlotLog.read(file)).containsExactly(miss(10, MissReason.KES_INVALID),
        miss(11, MissReason.BLOCK_FROM_FUTURE));
  }

  @Test
  void hostileCompleteLines_areRefusedNamingTheLine() throws Exception {
    Path file = dir.resolve("bad.jsonl");
    String good = new ObjectMapper().writeValueAsString(miss(5, MissReason.KES_INVALID));
    List<String> hostile = List.of(
        "{\"slot\":1}",
        "\n",
        good.replace("KES_INVALID", "TIRED"),
        good.replace("Forge.Loop.ForgeStateUpdateError", "Forge.Loop.BlockFromFuture"),
        good.replace("Forge.Loop.ForgeStateUpdateError", "x".repeat(1500)),
        good.replace("\"tipSlot\":2", "\"tipSlot\":-2"),
        good.replace("\"opcertExpiryKesPeriod\":64", "\"opcertExpiryKesPeriod\":2"),
        good.replace("\"pool\":\"" + POOL + "\"", "\"pool\":\"../../etc\""),
        good.replace("}", ",\"extra\":1}"),
        good.replace("{\"slot\":5", "{\"slot\":5,\"slot\":6"),
        good.replace("\"reason\":\"KES_INVALID\",", ""),
        good.replace("\"trace\":\"Forge.Loop.ForgeStateUpdateError\"", "\"trace\":null"),
        "[" + good + "]",
        good + " " + good);
    for (String line : hostile) {
      Files.writeString(file, good + "\n" + line + (line.endsWith("\n") ? "" : "\n"));
      assertThatThrownBy(() -> MissedSlotLog.read(file)).as(line).isInstanceOf(IOException.class)
          .hasMessageContaining("bad.jsonl:2");
      assertThatThrownBy(() -> MissedSlotLog.open(file, m -> { })).as(line).hasMessageContaining("bad.jsonl:2");
    }
    Files.writeString(file, good + "\n" + good + "\n");
    assertThatThrownBy(() -> MissedSlotLog.read(file)).hasMessageContaining("bad.jsonl:2").hasMessageContaining("order");
    Files.writeString(file, "x".repeat(MissedSlotLog.MAX_LINE + 1) + "\n");
    assertThatThrownBy(() -> MissedSlotLog.read(file)).hasMessageContaining("longer than");
    assertThat(MissedSlotLog.read(dir.resolve("absent.jsonl"))).isEmpty();
  }

  @Property(tries = 200)
  void anyBytes_giveEntriesOrANamedError(@ForAll byte[] bytes) throws Exception {
    Path file = Files.createTempFile("missed", ".jsonl");
    try {
      Files.write(file, bytes);
      readsOrNames(file);
      Files.write(file, (new String(bytes, StandardCharsets.ISO_8859_1) + "\n").getBytes(StandardCharsets.ISO_8859_1));
      readsOrNames(file);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Any cut of a valid record (a kill -9 at any byte) reads as the entries whose lines are complete. */
  @Property(tries = 100)
  void anyPrefixOfARecord_readsAsItsCompleteLines(@ForAll("records") List<MissedLeaderSlot> entries,
      @ForAll("fractions") double cut) throws Exception {
    Path file = Files.createTempFile("missed", ".jsonl");
    try {
      Files.delete(file);
      try (MissedSlotLog log = MissedSlotLog.open(file, m -> { })) {
        for (MissedLeaderSlot m : entries) {
          log.append(m);
        }
      }
      byte[] all = Files.readAllBytes(file);
      int at = (int) Math.floor(cut * all.length);
      Files.write(file, java.util.Arrays.copyOf(all, at));
      int complete = 0;
      for (int i = 0; i < at; i++) {
        complete += all[i] == '\n' ? 1 : 0;
      }
      assertThat(MissedSlotLog.read(file)).isEqualTo(entries.subList(0, complete));
      try (MissedSlotLog log = MissedSlotLog.open(file, m -> { })) {
        assertThat(Files.size(file)).isLessThanOrEqualTo(at);
      }
      assertThat(MissedSlotLog.read(file)).isEqualTo(entries.subList(0, complete));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Provide
  Arbitrary<List<MissedLeaderSlot>> records() {
    return Arbitraries.of(MissReason.values()).list().ofMaxSize(12).map(reasons -> {
      List<MissedLeaderSlot> out = new ArrayList<>();
      long slot = 100;
      for (MissReason r : reasons) {
        slot += 1 + (slot * 7919) % 13;
        out.add(miss(slot, r));
      }
      return out;
    });
  }

  @Provide
  Arbitrary<Double> fractions() {
    return Arbitraries.doubles().between(0, 1);
  }

  private static void readsOrNames(Path file) {
    try {
      MissedSlotLog.read(file);
    } catch (IOException e) {
      assertThat(e.getMessage()).contains(file.toString());
    }
  }
}
