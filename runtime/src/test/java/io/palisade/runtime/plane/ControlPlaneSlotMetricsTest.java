package io.palisade.runtime.plane;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.chain.ChainClock;
import io.palisade.chain.GenesisParameters;
import io.palisade.control.slots.ChainCheck;
import io.palisade.control.slots.EpochSlots;
import io.palisade.control.slots.ForgeOutcome;
import io.palisade.control.slots.ProducerCondition;
import io.palisade.control.slots.SlotClassification;
import io.palisade.control.slots.SlotEvidence;
import io.palisade.control.slots.SlotVerdict;
import io.palisade.runtime.local.DataDir;
import io.palisade.runtime.slots.SlotLedger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control plane's {@code /metrics} over HTTP, with the slot ledger of a data directory on a fixed clock. */
class ControlPlaneSlotMetricsTest {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  /** 100-slot epochs of 1 s slots: epoch 3 is slots 300..399. */
  static final GenesisParameters GENESIS = new GenesisParameters("test", 42, START, 1000, 10, 0, 100, 1000, 36, 62,
      10, 0.05);

  @TempDir Path tmp;

  private static EpochSlots epoch(long epoch, List<Long> schedule, SlotVerdict... verdicts) {
    EpochSlots e = EpochSlots.empty(epoch).withSchedule(schedule);
    for (int i = 0; i < verdicts.length; i++) {
      long slot = schedule.get(i);
      SlotEvidence ev = new SlotEvidence(slot, ForgeOutcome.NONE, List.of(), ProducerCondition.FORGING, "",
          ChainCheck.UNCHECKED, List.of());
      e = e.withVerdict(new SlotClassification(slot, verdicts[i], "test", ev, START.plusSeconds(slot + 20)));
    }
    return e;
  }

  private String scrape(SlotLedger ledger, Clock clock) throws Exception {
    AccessToken token = AccessToken.generate();
    ChainClock chain = new ChainClock(GENESIS, clock);
    try (ControlPlaneServer server = ControlPlaneServer.start(0, new ControlPlaneServerTest.FakeService(), token,
        ControlPlane.ledgerGauges(ledger, chain, clock))) {
      token.write(tmp.resolve("token"));
      HttpRequest req = HttpRequest.newBuilder(URI.create(server.url() + "/metrics"))
          .header("Authorization", "Bearer " + Files.readString(tmp.resolve("token")))
          .timeout(Duration.ofSeconds(30)).GET().build();
      HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return r.body();
    } finally {
      token.wipe();
    }
  }

  @Test
  void metrics_carryThePreviousAndCurrentEpochOfTheLedger_andTheNextSlot() throws Exception {
    SlotLedger ledger = new SlotLedger(new DataDir(tmp));
    ledger.save(epoch(1, List.of(150L), SlotVerdict.MISSED_NODE_DOWN));
    ledger.save(epoch(2, List.of(210L, 250L), SlotVerdict.ADOPTED, SlotVerdict.MISSED_PALISADE_ACTION));
    ledger.save(epoch(3, List.of(310L, 360L, 390L), SlotVerdict.MISSED_NOT_SYNCED));
    Clock clock = Clock.fixed(START.plusMillis(350_500), ZoneOffset.UTC);

    String text = scrape(ledger, clock);
    assertThat(text)
        .contains("palisade_pool_healthy{pool=\"p\"} 1\n")
        .contains("palisade_pool_leader_slots{pool=\"p\",epoch=\"2\",verdict=\"adopted\"} 1\n")
        .contains("palisade_pool_leader_slots{pool=\"p\",epoch=\"2\",verdict=\"missed_palisade_action\"} 1\n")
        .contains("palisade_pool_leader_slots{pool=\"p\",epoch=\"3\",verdict=\"missed_not_synced\"} 1\n")
        .contains("palisade_pool_leader_slots_undecided{pool=\"p\",epoch=\"3\"} 2\n")
        .contains("palisade_pool_next_leader_slot_seconds{pool=\"p\"} 9.5\n")
        .as("only the previous and the current epoch").doesNotContain("epoch=\"1\"");
  }

  @Test
  void noLedger_orADamagedOne_leavesTheSlotSeriesOut_andThePoolsIn() throws Exception {
    DataDir dir = new DataDir(tmp);
    SlotLedger ledger = new SlotLedger(dir);
    Clock clock = Clock.fixed(START.plusSeconds(350), ZoneOffset.UTC);
    assertThat(scrape(ledger, clock)).contains("palisade_pool_healthy{pool=\"p\"} 1\n").doesNotContain("leader_slot");

    ledger.save(epoch(3, List.of(360L)));
    Files.writeString(ledger.fileOf(3), "{\"epoch\": 3, \"scheduled\": [");
    assertThat(scrape(ledger, clock)).contains("palisade_pool_healthy{pool=\"p\"} 1\n").doesNotContain("leader_slot");
  }
}
