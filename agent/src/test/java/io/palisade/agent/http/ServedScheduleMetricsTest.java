package io.palisade.agent.http;

import static io.palisade.agent.http.ServedScheduleFixture.GENESIS;
import static io.palisade.agent.http.ServedScheduleFixture.agent;
import static io.palisade.agent.http.ServedScheduleFixture.get;
import static io.palisade.agent.http.ServedScheduleFixture.scheduleDir;
import static io.palisade.agent.http.ServedScheduleFixture.scheduleJson;
import static io.palisade.agent.http.ServedScheduleFixture.writeSchedule;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.agent.http.ServedScheduleFixture.Response;
import io.palisade.chain.ChainClock;
import io.palisade.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A block producer's agent exports the pool's leader slots from the schedule files it serves, under the control
 * plane's names: {@code palisade_pool_leader_slots_scheduled{epoch}} per epoch file and
 * {@code palisade_pool_next_leader_slot_seconds} by the agent's own clock. A file that is not an honest schedule of
 * its epoch on the agent's network is skipped, and {@code /metrics} still answers with everything else.
 */
@Timeout(60)
class ServedScheduleMetricsTest {
  private static final ChainClock CHAIN = new ChainClock(GENESIS, Clock.systemUTC());
  /** An epoch of preview in 2025. */
  private static final long EPOCH = 700;
  private static final long FIRST = CHAIN.firstSlotOfEpoch(EPOCH);

  @TempDir Path tmp;

  @Test
  void twoEpochsFiles_giveTheirSlots_andTheNextSlotByTheAgentsClock() throws Exception {
    Path dir = scheduleDir(tmp);
    writeSchedule(dir, EPOCH, 10, 100, 250, 250);
    writeSchedule(dir, EPOCH + 1, 5);
    // Half a second into slot 100 of the epoch: slot 100 has started, 250 is the next.
    MutableClock clock = MutableClock.stoppedAt(CHAIN.startOfSlot(FIRST + 100).plusMillis(500));
    try (AgentServer server = agent(Optional.of(new ScheduleFiles(dir)), clock)) {
      Response r = get(server, "/metrics");
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body())
          .contains("# HELP palisade_pool_leader_slots_scheduled Leader slots of the epoch, when its whole schedule is"
              + " known.\n# TYPE palisade_pool_leader_slots_scheduled gauge\n")
          .contains("palisade_pool_leader_slots_scheduled{epoch=\"700\"} 3\n")
          .contains("palisade_pool_leader_slots_scheduled{epoch=\"701\"} 1\n")
          .contains("# HELP palisade_pool_next_leader_slot_seconds Seconds to the start of the next leader slot.\n")
          .contains("palisade_pool_next_leader_slot_seconds 149.5\n")
          .contains("palisade_agent_up 1\n");

      // Past the epoch's last leader slot: the next one is in the next epoch, whose schedule is served too.
      clock.set(CHAIN.startOfSlot(FIRST + 300).plusMillis(500));
      assertThat(get(server, "/metrics").body())
          .contains("palisade_pool_next_leader_slot_seconds " + (86_400 - 300 + 5 - 1) + ".5\n");

      // Past that one too: no leader slot ahead is known, so no series (never 0).
      clock.set(CHAIN.startOfSlot(FIRST + 86_400 + 6));
      assertThat(get(server, "/metrics").body()).doesNotContain("palisade_pool_next_leader_slot_seconds")
          .contains("palisade_pool_leader_slots_scheduled{epoch=\"701\"} 1\n");
    }
  }

  @Test
  void theNextEpochAlone_saysNothingOfTheSlotsLeftInThisOne() throws Exception {
    Path dir = scheduleDir(tmp);
    writeSchedule(dir, EPOCH + 1, 5);
    try (AgentServer server = agent(Optional.of(new ScheduleFiles(dir)),
        MutableClock.stoppedAt(CHAIN.startOfSlot(FIRST + 100)))) {
      assertThat(get(server, "/metrics").body()).contains("palisade_pool_leader_slots_scheduled{epoch=\"701\"} 1\n")
          .doesNotContain("palisade_pool_next_leader_slot_seconds");
    }
  }

  @Test
  void anEpochWithNoLeaderSlot_isZeroScheduled_andTheNextEpochCarriesOn() throws Exception {
    Path dir = scheduleDir(tmp);
    writeSchedule(dir, EPOCH);
    writeSchedule(dir, EPOCH + 1, 5);
    try (AgentServer server = agent(Optional.of(new ScheduleFiles(dir)),
        MutableClock.stoppedAt(CHAIN.startOfSlot(FIRST + 86_400 - 10)))) {
      assertThat(get(server, "/metrics").body()).contains("palisade_pool_leader_slots_scheduled{epoch=\"700\"} 0\n")
          .contains("palisade_pool_next_leader_slot_seconds 15\n");
    }
  }

  @Test
  void hostileOrBrokenFiles_areSkipped_andMetricsStillAnswers() throws Exception {
    Path dir = scheduleDir(tmp);
    writeSchedule(dir, EPOCH, 250);
    String honest = scheduleJson(EPOCH + 1, 5);
    // Half written (cut in the middle), not JSON, oversized, and a link to an honest schedule outside.
    Files.writeString(dir.resolve("epoch-701.json"), honest.substring(0, honest.length() / 2));
    Files.writeString(dir.resolve("epoch-702.json"), "not json {");
    Files.write(dir.resolve("epoch-703.json"), new byte[ScheduleFiles.MAX_BYTES + 1]);
    Path outside = Files.writeString(tmp.resolve("elsewhere.json"), scheduleJson(EPOCH + 4, 1));
    Files.createSymbolicLink(dir.resolve("epoch-704.json"), outside);
    // Honest JSON, wrong content: another epoch's, another network's, a slot outside the epoch, two documents, a
    // repeated field, rows that are not objects.
    Files.writeString(dir.resolve("epoch-705.json"), scheduleJson(EPOCH + 6, 1));
    Files.writeString(dir.resolve("epoch-706.json"), scheduleJson(EPOCH + 6, 1)
        .replace("\"epochLength\": 86400", "\"epochLength\": 432000"));
    Files.writeString(dir.resolve("epoch-707.json"), scheduleJson(EPOCH + 7, 1)
        .replace("\"slot\": " + (CHAIN.firstSlotOfEpoch(EPOCH + 7) + 1), "\"slot\": 12"));
    Files.writeString(dir.resolve("epoch-708.json"), scheduleJson(EPOCH + 8, 1) + scheduleJson(EPOCH + 8, 2));
    Files.writeString(dir.resolve("epoch-709.json"), scheduleJson(EPOCH + 9, 1)
        .replace("\"epoch\": " + (EPOCH + 9), "\"epoch\": " + (EPOCH + 9) + ", \"epoch\": " + (EPOCH + 9)));
    Files.writeString(dir.resolve("epoch-710.json"), "{\"epoch\": 710, \"leaderSlots\": [1, 2]}");
    try (AgentServer server = agent(Optional.of(new ScheduleFiles(dir)),
        MutableClock.stoppedAt(CHAIN.startOfSlot(FIRST + 200)))) {
      Response r = get(server, "/metrics");
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body()).contains("palisade_agent_up 1\n")
          .contains("palisade_pool_leader_slots_scheduled{epoch=\"700\"} 1\n")
          .contains("palisade_pool_next_leader_slot_seconds 50\n");
      assertThat(r.body().lines().filter(l -> l.startsWith("palisade_pool_leader_slots_scheduled{"))).hasSize(1);
      // Skipped for the gauges is not hidden from the endpoint: the files are still listed as the sidecar left them.
      assertThat(get(server, "/leader-schedule").body()).contains("epoch-701.json").contains("epoch-710.json");
    }
  }

  @Test
  void eachFile_isParsedOncePerVersion_notAtEveryScrape() throws Exception {
    Path dir = scheduleDir(tmp);
    writeSchedule(dir, EPOCH, 10);
    Files.writeString(dir.resolve("epoch-702.json"), "not json {");
    ServedSchedules served = new ServedSchedules(new ScheduleFiles(dir), CHAIN);
    assertThat(slots(served.epochs())).containsExactly("700:1");
    assertThat(served.epochs()).hasSize(1);
    assertThat(served.parses()).isEqualTo(2);

    // The sidecar replaces a file as it does, by an atomic rename: read again, once.
    Path next = Files.writeString(tmp.resolve(".epoch-700.json.tmp"), scheduleJson(EPOCH, 10, 20));
    Files.move(next, dir.resolve("epoch-700.json"), StandardCopyOption.ATOMIC_MOVE);
    assertThat(slots(served.epochs())).containsExactly("700:2");
    assertThat(slots(served.epochs())).containsExactly("700:2");
    assertThat(served.parses()).isEqualTo(3);

    // Mended in place, and removed: the cache follows the directory.
    Files.writeString(dir.resolve("epoch-702.json"), scheduleJson(EPOCH + 2, 1, 2, 3));
    assertThat(slots(served.epochs())).containsExactly("700:2", "702:3");
    Files.delete(dir.resolve("epoch-700.json"));
    assertThat(slots(served.epochs())).containsExactly("702:3");
    assertThat(served.parses()).isEqualTo(4);
  }

  @Test
  void withoutASidecar_orBeforeItWroteAnything_noLeaderSlotSeries() throws Exception {
    try (AgentServer server = agent(Optional.empty())) {
      assertThat(get(server, "/metrics").body()).contains("palisade_agent_up 1\n").doesNotContain("leader_slot");
    }
    try (AgentServer server = agent(Optional.of(new ScheduleFiles(tmp.resolve("not-yet"))))) {
      Response r = get(server, "/metrics");
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body()).doesNotContain("leader_slot");
    }
  }

  @Test
  void theNextSlot_isStrictlyAhead_andTheChainsFirstEpochCountsBeforeItStarts() {
    ServedEpoch epoch = parsed(EPOCH, scheduleJson(EPOCH, 10, 11));
    Instant slot10 = CHAIN.startOfSlot(FIRST + 10);
    assertThat(ServedEpoch.nextLeaderSlot(List.of(epoch), EPOCH, slot10)).hasValue(slot10.plusSeconds(1));
    assertThat(ServedEpoch.nextLeaderSlot(List.of(epoch), EPOCH, slot10.minusMillis(1))).hasValue(slot10);

    ServedEpoch first = parsed(0, scheduleJson(0, 3));
    ChainClock early = new ChainClock(GENESIS,
        MutableClock.stoppedAt(GENESIS.systemStart().minus(Duration.ofHours(1))));
    assertThat(AgentMetricsText.render(null, List.of(first), early))
        .contains("palisade_pool_next_leader_slot_seconds 3603\n");
  }

  @Test
  void aParsedFile_keepsItsDistinctSlots_andEveryProblemIsNamed() {
    assertThat(parsed(EPOCH, scheduleJson(EPOCH, 3, 1, 3, 2)).leaderSlots()).isEqualTo(3);
    assertThat(ServedEpoch.parse(EPOCH, scheduleJson(EPOCH + 1, 1).getBytes(StandardCharsets.UTF_8), CHAIN)
        .problem()).contains("not the schedule of epoch 700");
    assertThat(ServedEpoch.parse(EPOCH, "[]".getBytes(StandardCharsets.UTF_8), CHAIN).problem())
        .contains("not a JSON object");
    assertThat(ServedEpoch.parse(EPOCH, "{\"epoch\": 700}".getBytes(StandardCharsets.UTF_8), CHAIN).problem())
        .contains("no \"leaderSlots\" list");
    assertThat(ServedEpoch.parse(EPOCH, "{\"epoch\": \"700\", \"leaderSlots\": []}".getBytes(StandardCharsets.UTF_8),
        CHAIN).problem()).contains("no whole-number \"epoch\"");
    assertThat(ServedEpoch.parse(EPOCH, "{\"epoch\": 700, \"leaderSlots\": [{\"slot\": 99999999999999999999}]}"
        .getBytes(StandardCharsets.UTF_8), CHAIN).epoch()).isEmpty();
  }

  private static ServedEpoch parsed(long epoch, String json) {
    ServedEpoch.Parsed p = ServedEpoch.parse(epoch, json.getBytes(StandardCharsets.UTF_8), CHAIN);
    assertThat(p.problem()).isNull();
    return p.epoch().orElseThrow();
  }

  private static List<String> slots(List<ServedEpoch> epochs) {
    return epochs.stream().map(e -> e.epoch() + ":" + e.leaderSlots()).toList();
  }
}
