package io.palisade.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.palisade.control.lease.ForgingReading;
import io.palisade.control.slots.ForgeCounters;
import io.palisade.operator.model.ProducerPods.AgentReading;
import io.palisade.operator.model.SlotReading;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a pass's reading of the forging producer says its counters are from: what brackets a leader slot. */
class SlotBookkeepingReadingTest {
  static final Instant PASS = Instant.parse("2026-12-05T10:00:00Z");
  static final Instant ANSWERED = PASS.plusMillis(800);
  static final ForgeCounters COUNTERS = new ForgeCounters(5L, 0L, 0L, 0L, 0L, 5L);
  static final Pod POD = new PodBuilder().withNewMetadata().withName("block-producer-0").withUid("uid-1")
      .endMetadata().withNewStatus().withPhase("Running").endStatus().build();

  static AgentReading agent(Instant scraped) {
    return new AgentReading(ForgingReading.ON, true, "SYNCED", true, List.of(), COUNTERS, scraped,
        scraped == null ? null : scraped.plusMillis(20));
  }

  static SlotReading read(AgentReading r) {
    return SlotBookkeeping.reading("block-producer", POD, POD, r, PASS, ANSWERED);
  }

  @Test
  void theAgentsScrape_isWhenTheCountersAreFrom() {
    Instant scraped = PASS.minusSeconds(7);
    SlotReading r = read(agent(scraped));
    assertThat(r.at()).isEqualTo(PASS);
    assertThat(r.countedFrom()).isEqualTo(scraped);
    assertThat(r.countedTo()).isEqualTo(scraped.plusMillis(20));
  }

  // Without it (an older agent, a test's fake), the counters are from between the pass's start and the answer.
  @Test
  void noObservationTime_boundsTheCountersByThePass() {
    SlotReading r = read(agent(null));
    assertThat(r.countedFrom()).isEqualTo(PASS);
    assertThat(r.countedTo()).isEqualTo(ANSWERED);
  }

  // An agent whose clock runs ahead would otherwise make any slot look decidable on counters from before its end.
  @Test
  void anObservationFromTheFuture_isNotTrusted() {
    SlotReading r = read(agent(ANSWERED.plus(SlotBookkeeping.CLOCK_SKEW).minusMillis(19)));
    assertThat(r.countedFrom()).isEqualTo(PASS);
    assertThat(r.countedTo()).isEqualTo(ANSWERED);
    Instant slightlyAhead = ANSWERED.plus(SlotBookkeeping.CLOCK_SKEW).minusMillis(20);
    assertThat(read(agent(slightlyAhead)).countedFrom()).isEqualTo(slightlyAhead);
  }

  @Test
  void noAgentAnswer_orNoPod_isAtThePass() {
    SlotReading silent = read(AgentReading.NONE);
    assertThat(silent.agentRead()).isFalse();
    assertThat(silent.countedFrom()).isEqualTo(PASS);
    assertThat(silent.countedTo()).isEqualTo(PASS);
    SlotReading down = SlotBookkeeping.reading("block-producer", null, null, null, PASS, ANSWERED);
    assertThat(down.countedTo()).isEqualTo(PASS);
  }
}
