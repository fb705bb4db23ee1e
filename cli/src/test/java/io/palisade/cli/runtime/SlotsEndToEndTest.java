package io.palisade.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.palisade.cli.CliRun;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.JsonOption;
import io.palisade.simnode.forge.ForgedBlock;
import io.palisade.simnode.forge.ForgedBlockLog;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * all the simulated stake (a leader slot every ~20 s on preview), and {@code palisade slots} names what became of its
 * slots: adopted blocks from the forge record, blocks that lose their slot or height battle (simnode's faults), then
 * slots missed while a fault keeps the producer down.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlotsEndToEndTest {
  static final Duration LONG = Duration.ofMinutes(3);

  @TempDir static Path dir;
  static Path data;
  static Process up;

  @BeforeAll
  static void startPool() throws Exception {
    data = dir.resolve("data");
    Files.writeString(dir.resolve("pool.yaml"), RuntimeEndToEndTest.SPEC.replace("name: e2e", "name: slots"));
    String java = ProcessHandle.current().info().command().orElse("java");
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", cp, "io.palisade.cli.Main", "up",
        dir.resolve("pool.yaml").toString(), "--data-dir", data.toString(), "--simnode-replay", "PT0.5S", "--tick",
        "PT0.3S", "--any-ports", "--stop-grace", "5s", "--no-console", "--simnode-stake-share", "1"));
    up = new ProcessBuilder(cmd).redirectOutput(dir.resolve("up.out").toFile())
        .redirectError(dir.resolve("up.err").toFile()).redirectInput(new File("/dev/null")).start();
  }

  @AfterAll
  static void stopPool() throws Exception {
    Files.deleteIfExists(data.resolve("nodes/block-producer/faults.json"));
    CliRun.run("down", "--data-dir", data.toString());
    if (up != null && !up.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
      up.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    }
    // Once no control plane runs, 'down' stops the nodes a stopped 'up' left behind, if any.
    CliRun.run("down", "--data-dir", data.toString());
  }

  static JsonNode slots() throws Exception {
    CliRun r = CliRun.run("slots", "--json", "--data-dir", data.toString());
    return r.code() == ExitCodes.OK ? JsonOption.mapper().readTree(r.out()) : null;
  }

  static Optional<JsonNode> slotWith(JsonNode epoch, String verdict) {
    return epoch == null ? Optional.empty() : StreamSupport.stream(epoch.get("slots").spliterator(), false)
        .filter(s -> s.has("verdict") && s.get("verdict").asText().equals(verdict)).findFirst();
  }

  @Test
  @Order(1)
  void aForgedAndAdoptedBlockIsAdoptedWithItsEvidence() throws Exception {
    JsonNode[] seen = new JsonNode[1];
    await().atMost(LONG).pollInterval(Duration.ofSeconds(2)).until(() -> {
      seen[0] = slots();
      return slotWith(seen[0], "ADOPTED").isPresent();
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
  }

  @Test
  @Order(2)
  void blocksThatLoseTheirSlotOrHeightBattleAreNamedSo() throws Exception {
    Path faults = data.resolve("nodes/block-producer/faults.json");
    Files.writeString(faults, "{\"loseSlotBattles\": true}");
    JsonNode[] seen = new JsonNode[1];
    await().atMost(LONG).pollInterval(Duration.ofSeconds(2)).until(() -> {
      seen[0] = slots();
      return slotWith(seen[0], "LOST_SLOT_BATTLE").isPresent();
    });
    assertThat(slotWith(seen[0], "LOST_SLOT_BATTLE").orElseThrow().get("decision").get("evidence")
        .get("forgeSources").toString()).contains("Forge.didnt-adopt").contains("NOT_ADOPTED");
    Files.writeString(faults, "{\"loseHeightBattles\": true}");
    await().atMost(LONG).pollInterval(Duration.ofSeconds(2)).until(() -> {
      seen[0] = slots();
      return slotWith(seen[0], "LOST_HEIGHT_BATTLE").isPresent();
    });
    assertThat(slotWith(seen[0], "LOST_HEIGHT_BATTLE").orElseThrow().get("decision").get("evidence")
        .get("forgeSources").toString()).contains("ORPHANED");
    Files.delete(faults);
  }

  @Test
  @Order(3)
  void aSlotWhileTheProducerIsDownIsMissedNodeDown() throws Exception {
    Files.writeString(data.resolve("nodes/block-producer/faults.json"), "{\"crash\": true}");
    JsonNode[] seen = new JsonNode[1];
    await().atMost(LONG).pollInterval(Duration.ofSeconds(2)).until(() -> {
      seen[0] = slots();
      return slotWith(seen[0], "MISSED_NODE_DOWN").isPresent();
    });
    Files.delete(data.resolve("nodes/block-producer/faults.json"));
    JsonNode missed = slotWith(seen[0], "MISSED_NODE_DOWN").orElseThrow();
    assertThat(missed.get("decision").get("evidence").get("condition").asText()).isEqualTo("DOWN");
    assertThat(missed.get("because").asText()).startsWith("the block producer was down");
    CliRun text = CliRun.run("slots", "--data-dir", data.toString());
    assertThat(text.code()).as(text.err()).isEqualTo(ExitCodes.OK);
    assertThat(text.out()).contains("missed: node down").contains("missed (node down ")
        .containsPattern("epoch \\d+: \\d+ scheduled, \\d+ adopted");
  }
}
