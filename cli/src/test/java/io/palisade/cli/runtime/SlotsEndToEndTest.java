package io.palisade.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.palisade.cli.CliRun;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.JsonOption;
import io.palisade.simnode.forge.ForgedBlock;
import io.palisade.simnode.forge.ForgedBlockLog;
import io.palisade.simnode.forge.MissReason;
import io.palisade.simnode.forge.MissedLeaderSlot;
import io.palisade.simnode.forge.MissedSlotLog;
import io.palisade.simnode.testing.NodeFiles;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slot ledger end to end: {@code palisade up} (a child process) runs simulated nodes whose block producer holds
 * all the simulated stake, and {@code palisade slots} names what became of its slots: adopted blocks from the forge
 * record, blocks that lose their slot or height battle (simnode's faults), then slots missed while a fault keeps the
 * producer down, not synced, with an expired KES key or with its clock behind (blocks from the future: the producer's
 * missed-leader-slot record names each with cardano-node's trace). The pool runs on a custom network (its own genesis and config.json) with hour-long epochs and
 * f = 1/2: the producer leads about every other slot, so each verdict comes within seconds (on preview, f = 1/20: a
 * slot every ~20 s), and an epoch's schedule is 3,600 VRF evaluations instead of preview's 86,400.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlotsEndToEndTest {
  static final Duration LONG = Duration.ofMinutes(3);
  /** Slots in an epoch of the test's custom network (one-second slots). */
  static final long EPOCH_LENGTH = 3600;

  @TempDir static Path dir;
  static Path data;
  static Process up;

  @BeforeAll
  static void startPool() throws Exception {
    data = dir.resolve("data");
    NodeFiles.customNetwork(dir.resolve("net"), 42, EPOCH_LENGTH, "0.5", 10);
    Files.writeString(dir.resolve("pool.yaml"), RuntimeEndToEndTest.SPEC.replace("name: e2e", "name: slots")
        .replace("network: preview", "network: ./net"));
    String java = ProcessHandle.current().info().command().orElse("java");
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    // A simulated node writes its forge record as it forges: verdicts are decided 5 s after a slot, not 20 s;
    // an adopted block is looked for on the relays' chain 10 s after its slot (the operator's option).
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-Dpalisade.test.slot-settle=PT5S", "-cp", cp,
        "io.palisade.cli.Main", "up",
        dir.resolve("pool.yaml").toString(), "--data-dir", data.toString(), "--simnode-replay", "PT0.5S", "--tick",
        "PT0.3S", "--any-ports", "--stop-grace", "5s", "--no-console", "--simnode-stake-share", "1",
        "--chain-check-after", "10s"));
    up = new ProcessBuilder(cmd).redirectOutput(dir.resolve("up.out").toFile())
        .redirectError(dir.resolve("up.err").toFile()).redirectInput(new File("/dev/null")).start();
  }

  @AfterAll
  static void stopPool() throws Exception {
    Files.deleteIfExists(data.resolve("nodes/block-producer/faults.json"));
    UpTeardown.stop(data, up);
  }

  static JsonNode slots() throws Exception {
    CliRun r = CliRun.run("slots", "--json", "--data-dir", data.toString());
    return r.code() == ExitCodes.OK ? JsonOption.mapper().readTree(r.out()) : null;
  }

  static Optional<JsonNode> slotWith(JsonNode epoch, String verdict) {
    return slotWith(epoch, verdict, Instant.EPOCH);
  }

  /**
   * A slot with the verdict that started at or after {@code since}: with a leader slot about every other second, the
   * producer also leads slots while it starts, so only a slot after a fault was set up is its consequence.
   */
  static Optional<JsonNode> slotWith(JsonNode epoch, String verdict, Instant since) {
    return epoch == null ? Optional.empty() : StreamSupport.stream(epoch.get("slots").spliterator(), false)
        .filter(s -> s.has("verdict") && s.get("verdict").asText().equals(verdict))
        .filter(s -> !Instant.parse(s.get("time").asText()).isBefore(since)).findFirst();
  }

  @Test
  @Order(1)
  void aForgedAndAdoptedBlockIsAdoptedWithItsEvidence() throws Exception {
    JsonNode[] seen = new JsonNode[1];
    // The schedule comes from the pool's one cached schedule, computed on its own thread: a recorded block may be
    // decided before it is known.
    await().atMost(LONG).pollInterval(Duration.ofSeconds(2)).until(() -> {
      seen[0] = slots();
      return slotWith(seen[0], "ADOPTED").isPresent() && seen[0].get("scheduleKnown").asBoolean();
    });
    JsonNode epoch = seen[0];
    assertThat(epoch.get("scheduleKnown").asBoolean()).isTrue();
    JsonNode adopted = slotWith(epoch, "ADOPTED").orElseThrow();
    assertThat(adopted.get("decision").get("evidence").get("forgeSources").toString())
        .contains("Forge.adopted").contains("forged-blocks.jsonl");
    List<Long> record = ForgedBlockLog.read(data.resolve("nodes/block-producer/db/forged-blocks.jsonl")).stream()
        .map(ForgedBlock::slot).toList();
    assertThat(record).contains(adopted.get("slot").asLong());
    // Every slot the producer recorded is one the schedule the ledger read holds.
    List<Long> scheduled = new ArrayList<>();
    epoch.get("slots").forEach(s -> scheduled.add(s.get("slot").asLong()));
    assertThat(scheduled).hasSizeGreaterThan(20);

    // Later, the relays are asked over node-to-node chain-sync whether the block is on their chain: it is.
    await().atMost(LONG).pollInterval(Duration.ofSeconds(2)).until(() -> {
      seen[0] = slots();
      return seen[0] != null && StreamSupport.stream(seen[0].get("slots").spliterator(), false)
          .anyMatch(s -> s.path("decision").path("evidence").path("chain").asText().equals("ON_CHAIN"));
    });
    JsonNode checked = StreamSupport.stream(seen[0].get("slots").spliterator(), false)
        .filter(s -> s.path("decision").path("evidence").path("chain").asText().equals("ON_CHAIN")).findFirst()
        .orElseThrow();
    assertThat(checked.get("verdict").asText()).isEqualTo("ADOPTED");
    assertThat(checked.get("because").asText()).contains("on the chain the relays saw");
  }

  @Test
  @Order(2)
  void blocksThatLoseTheirSlotOrHeightBattleAreNamedSo() throws Exception {
    Path faults = data.resolve("nodes/block-producer/faults.json");
    Instant slotBattles = Instant.now();
    Files.writeString(faults, "{\"loseSlotBattles\": true}");
    JsonNode[] seen = new JsonNode[1];
    await().atMost(LONG).pollInterval(Duration.ofSeconds(2)).until(() -> {
      seen[0] = slots();
      return slotWith(seen[0], "LOST_SLOT_BATTLE", slotBattles).isPresent();
    });
    assertThat(slotWith(seen[0], "LOST_SLOT_BATTLE", slotBattles).orElseThrow().get("decision").get("evidence")
        .get("forgeSources").toString()).contains("Forge.didnt-adopt").contains("NOT_ADOPTED");
    Instant heightBattles = Instant.now();
    Files.writeString(faults, "{\"loseHeightBattles\": true}");
    await().atMost(LONG).pollInterval(Duration.ofSeconds(2)).until(() -> {
      seen[0] = slots();
      return slotWith(seen[0], "LOST_HEIGHT_BATTLE", heightBattles).isPresent();
    });
    assertThat(slotWith(seen[0], "LOST_HEIGHT_BATTLE", heightBattles).orElseThrow().get("decision").get("evidence")
        .get("forgeSources").toString()).contains("ORPHANED");
    Files.delete(faults);
  }

  @Test
  @Order(3)
  void aSlotWhileTheProducerIsDownIsMissedNodeDown() throws Exception {
    Instant crashed = Instant.now();
    Files.writeString(data.resolve("nodes/block-producer/faults.json"), "{\"crash\": true}");
    JsonNode[] seen = new JsonNode[1];
    await().atMost(LONG).pollInterval(Duration.ofSeconds(2)).until(() -> {
      seen[0] = slots();
      return slotWith(seen[0], "MISSED_NODE_DOWN", crashed).isPresent();
    });
    Files.delete(data.resolve("nodes/block-producer/faults.json"));
    JsonNode missed = slotWith(seen[0], "MISSED_NODE_DOWN", crashed).orElseThrow();
    assertThat(missed.get("decision").get("evidence").get("condition").asText()).isEqualTo("DOWN");
    assertThat(missed.get("because").asText()).startsWith("the block producer was down");
    // The epoch the slot was seen in: the newest may have moved on since (the test network's epochs are short).
    CliRun text = CliRun.run("slots", "--data-dir", data.toString(), "--epoch", seen[0].get("epoch").asText());
    assertThat(text.code()).as(text.err()).isEqualTo(ExitCodes.OK);
    assertThat(text.out()).contains("missed: node down").contains("missed (node down ")
        .containsPattern("epoch \\d+: \\d+ scheduled, \\d+ adopted");
  }

  /** Sets a fault on the producer until a slot after it gets {@code verdict}; returns that slot. */
  static JsonNode missedWith(String faults, String verdict) throws Exception {
    Path file = data.resolve("nodes/block-producer/faults.json");
    Instant since = Instant.now();
    Files.writeString(file, faults);
    JsonNode[] seen = new JsonNode[1];
    try {
      await().atMost(LONG).pollInterval(Duration.ofSeconds(2)).until(() -> {
        seen[0] = slots();
        return slotWith(seen[0], verdict, since).isPresent();
      });
    } finally {
      Files.deleteIfExists(file);
    }
    return slotWith(seen[0], verdict, since).orElseThrow();
  }

  @Test
  @Order(4)
  void aSlotWhileTheProducerIsNotSyncedIsMissedNotSynced() throws Exception {
    JsonNode missed = missedWith("{\"notSynced\": true}", "MISSED_NOT_SYNCED");
    // Two sources say it: the health judge's view at the slot (NOT_SYNCED), or the producer's own missed-leader-slot
    // record (no ledger view), which wins when the judge's view still lags (a producer just back from the previous
    // test's crash is still DOWN in the control plane's eyes while its forge loop already runs unsynced).
    JsonNode evidence = missed.get("decision").get("evidence");
    assertThat(evidence.get("condition").asText().equals("NOT_SYNCED")
        || evidence.get("trace").asText().equals("Forge.Loop.NoLedgerView")).as(missed.toString()).isTrue();
    assertThat(missed.get("because").asText()).startsWith("the block producer was not synced");
  }

  /**
   * Sets a fault on the producer until a slot after it gets {@code verdict} from the producer's missed-leader-slot
   * record (its evidence names {@code trace}); returns that slot. The record is what the test waits for, not a time:
   * a slot judged before its record came (a clock behind by more than the settle time) is judged again once it comes.
   */
  static JsonNode recordedWith(String faults, String verdict, String trace) throws Exception {
    Path file = data.resolve("nodes/block-producer/faults.json");
    Instant since = Instant.now();
    Files.writeString(file, faults);
    JsonNode[] seen = new JsonNode[1];
    try {
      await().atMost(LONG).pollInterval(Duration.ofSeconds(2)).until(() -> {
        seen[0] = slots();
        return recorded(seen[0], verdict, trace, since).isPresent();
      });
    } finally {
      Files.deleteIfExists(file);
    }
    return recorded(seen[0], verdict, trace, since).orElseThrow();
  }

  static Optional<JsonNode> recorded(JsonNode epoch, String verdict, String trace, Instant since) {
    return epoch == null ? Optional.empty() : StreamSupport.stream(epoch.get("slots").spliterator(), false)
        .filter(s -> s.has("verdict") && s.get("verdict").asText().equals(verdict))
        .filter(s -> !Instant.parse(s.get("time").asText()).isBefore(since))
        .filter(s -> s.get("decision").get("evidence").get("trace").asText().equals(trace)).findFirst();
  }

  static MissedLeaderSlot inRecord(long slot) throws Exception {
    return MissedSlotLog.read(data.resolve("nodes/block-producer/db").resolve(MissedSlotLog.FILE_NAME)).stream()
        .filter(m -> m.slot() == slot).findFirst().orElseThrow();
  }

  @Test
  @Order(6)
  void aBlockForgedWhileTheProducerIsCutOff_neverReachesTheRelays_andIsALostHeightBattle() throws Exception {
    // The producer's network is cut: its forge loop adopts its blocks on its own fork, its peers never get them. Its
    // forge record says adopted; only the relays' chain says otherwise.
    Path faults = data.resolve("nodes/block-producer/faults.json");
    Instant cut = Instant.now();
    Files.writeString(faults, "{\"partitioned\": true}");
    JsonNode[] seen = new JsonNode[1];
    await().atMost(LONG).pollInterval(Duration.ofSeconds(2)).until(() -> {
      seen[0] = slots();
      return slotWith(seen[0], "LOST_HEIGHT_BATTLE", cut).filter(s -> s.path("decision").path("evidence")
          .path("chain").asText().equals("NOT_ON_CHAIN")).isPresent();
    });
    Files.delete(faults);
    JsonNode lost = slotWith(seen[0], "LOST_HEIGHT_BATTLE", cut).filter(s -> s.path("decision").path("evidence")
        .path("chain").asText().equals("NOT_ON_CHAIN")).orElseThrow();
    assertThat(lost.get("decision").get("evidence").get("forge").asText()).isEqualTo("ADOPTED");
    assertThat(lost.get("because").asText()).contains("the pool's relays do not have it");
    ForgedBlock line = ForgedBlockLog.read(data.resolve("nodes/block-producer/db/forged-blocks.jsonl")).stream()
        .filter(b -> b.slot() == lost.get("slot").asLong()).findFirst().orElseThrow();
    assertThat(line.propagated()).isFalse();
  }

  @Test
  @Order(5)
  void anExpiredKesKey_andAClockBehind_giveTheirVerdicts_withTheTraceTheProducerRecorded() throws Exception {
    JsonNode kes = recordedWith("{\"kesExpired\": true}", "MISSED_KES_INVALID", "Forge.Loop.ForgeStateUpdateError");
    assertThat(kes.get("decision").get("evidence").get("forgeSources").toString())
        .contains("block-producer/db/missed-leader-slots.jsonl").contains("reason KES_INVALID");
    assertThat(kes.get("because").asText()).contains("Forge.Loop.ForgeStateUpdateError");
    MissedLeaderSlot kesLine = inRecord(kes.get("slot").asLong());
    assertThat(kesLine.reason()).isEqualTo(MissReason.KES_INVALID);
    assertThat(kesLine.trace()).isEqualTo("Forge.Loop.ForgeStateUpdateError");
    // Ten seconds behind: longer than the test's settle time, so each such slot is recorded after it was first judged.
    JsonNode future = recordedWith("{\"clockBehindSeconds\": 10}", "MISSED_FUTURE_BLOCK",
        "Forge.Loop.BlockFromFuture");
    assertThat(future.get("decision").get("evidence").get("forgeSources").toString())
        .contains("block-producer/db/missed-leader-slots.jsonl").contains("reason BLOCK_FROM_FUTURE");
    MissedLeaderSlot futureLine = inRecord(future.get("slot").asLong());
    assertThat(futureLine.reason()).isEqualTo(MissReason.BLOCK_FROM_FUTURE);
    assertThat(futureLine.tipSlot()).isGreaterThan(futureLine.slot());
    // Each in its own epoch's table: the test network's epochs are short, and the two slots may be on either side of
    // a boundary (a clean-clone run under load saw the KES slot's epoch end before the text was asked for).
    CliRun kesText = CliRun.run("slots", "--data-dir", data.toString(), "--epoch", Long.toString(kesLine.epoch()));
    assertThat(kesText.code()).as(kesText.err()).isEqualTo(ExitCodes.OK);
    assertThat(kesText.out()).contains("missed: KES or opcert invalid");
    CliRun futureText = CliRun.run("slots", "--data-dir", data.toString(), "--epoch",
        Long.toString(futureLine.epoch()));
    assertThat(futureText.code()).as(futureText.err()).isEqualTo(ExitCodes.OK);
    assertThat(futureText.out()).contains("missed: block from the future");
  }
}
