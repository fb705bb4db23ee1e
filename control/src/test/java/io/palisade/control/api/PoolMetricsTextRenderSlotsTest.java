package io.palisade.control.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.control.slots.ChainCheck;
import io.palisade.control.slots.EpochSlots;
import io.palisade.control.slots.ForgeOutcome;
import io.palisade.control.slots.LeaderSlotGauges;
import io.palisade.control.slots.ProducerCondition;
import io.palisade.control.slots.SlotClassification;
import io.palisade.control.slots.SlotEvidence;
import io.palisade.control.slots.SlotVerdict;
import io.palisade.spec.NodeVersion;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * The slot gauges alone, for several pools (the Kubernetes operator's {@code /metrics}): each family once, every
 * pool's samples under it, the same lines as the control plane's for one pool, nothing for an unknown value.
 */
class PoolMetricsTextRenderSlotsTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final LongFunction<Instant> START = s -> T0.plusSeconds(s);

  private static EpochSlots epoch(long epoch, List<Long> slots, SlotVerdict... verdicts) {
    EpochSlots e = EpochSlots.empty(epoch).withSchedule(slots);
    for (int i = 0; i < verdicts.length; i++) {
      long slot = slots.get(i);
      SlotEvidence ev = new SlotEvidence(slot, ForgeOutcome.NONE, List.of(), ProducerCondition.FORGING, "",
          ChainCheck.UNCHECKED, List.of());
      e = e.withVerdict(new SlotClassification(slot, verdicts[i], "test", ev, START.apply(slot + 20)));
    }
    return e;
  }

  private static LeaderSlotGauges gauges(EpochSlots current, Instant now) {
    return LeaderSlotGauges.of(Optional.empty(), Optional.of(current), now, START);
  }

  @Test
  void twoPools_eachFamilyOnce_withEveryPoolsSamples() {
    Instant now = START.apply(8_100);
    Map<String, LeaderSlotGauges> byPool = new LinkedHashMap<>();
    byPool.put("alpha", gauges(epoch(8, List.of(8_010L, 8_300L), SlotVerdict.ADOPTED), now));
    byPool.put("beta", gauges(epoch(8, List.of(8_020L, 8_050L), SlotVerdict.LOST_SLOT_BATTLE,
        SlotVerdict.MISSED_NODE_DOWN), now));

    String text = PoolMetricsText.renderSlots(byPool);

    assertThat(text.split("# TYPE palisade_pool_leader_slots gauge\n", -1)).hasSize(2);
    assertThat(text.split("# TYPE palisade_pool_next_leader_slot_seconds gauge\n", -1)).hasSize(2);
    assertThat(text)
        .contains("palisade_pool_leader_slots{pool=\"alpha\",epoch=\"8\",verdict=\"adopted\"} 1\n")
        .contains("palisade_pool_leader_slots{pool=\"alpha\",epoch=\"8\",verdict=\"missed_node_down\"} 0\n")
        .contains("palisade_pool_leader_slots{pool=\"beta\",epoch=\"8\",verdict=\"lost_slot_battle\"} 1\n")
        .contains("palisade_pool_leader_slots{pool=\"beta\",epoch=\"8\",verdict=\"missed_node_down\"} 1\n")
        .contains("palisade_pool_leader_slots_undecided{pool=\"alpha\",epoch=\"8\"} 1\n")
        .contains("palisade_pool_leader_slots_undecided{pool=\"beta\",epoch=\"8\"} 0\n")
        .contains("palisade_pool_next_leader_slot_seconds{pool=\"alpha\"} 200\n")
        // beta's schedule has no slot to come: unknown, left out rather than 0.
        .doesNotContain("palisade_pool_next_leader_slot_seconds{pool=\"beta\"}")
        .doesNotContain("palisade_pool_healthy");
    // Every sample of a family follows its header, before the next family's header (the text format's grouping).
    assertThat(text.indexOf("{pool=\"beta\",epoch=\"8\",verdict=\"unknown\"}"))
        .isLessThan(text.indexOf("# TYPE palisade_pool_leader_slots_scheduled"));
  }

  @Test
  void onePool_sameSlotLinesAsTheControlPlanes() {
    Instant now = START.apply(8_100);
    LeaderSlotGauges g = gauges(epoch(8, List.of(8_010L, 8_300L), SlotVerdict.ADOPTED), now);
    PoolStatus status = new PoolStatus("p", "preview", "/d", T0, true, NodeVersion.parse("10.5.3"),
        NodeVersion.parse("10.5.3"), List.of(), null, null, List.of(), List.of(), null, List.of(), List.of(), null);

    String alone = PoolMetricsText.renderSlots(Map.of("p", g));

    assertThat(PoolMetricsText.render(status, g)).contains(alone);
  }

  @Test
  void nothingKnown_nothingRendered() {
    assertThat(PoolMetricsText.renderSlots(Map.of())).isEmpty();
    assertThat(PoolMetricsText.renderSlots(Map.of("p", LeaderSlotGauges.NONE))).isEmpty();
  }
}
