package io.palisade.control.slots;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.control.slots.CounterAttribution.SlotForge;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The forge counters bracketing an interval, read as each leader slot's forge outcome. */
class CounterAttributionTest {
  static final ForgeCounters BEFORE = new ForgeCounters(5L, 1L, 0L, 2L, 0L, 9L);

  static ForgeCounters plus(long adopted, long didnt, long invalid, long couldNot, long future, long leader) {
    return new ForgeCounters(5 + adopted, 1 + didnt, invalid, 2 + couldNot, future, 9 + leader);
  }

  static SlotForge one(ForgeCounters before, ForgeCounters after) {
    Map<Long, SlotForge> m = CounterAttribution.attribute(before, after, List.of(100L));
    assertThat(m).containsOnlyKeys(100L);
    return m.get(100L);
  }

  @Test
  void oneSlot_theCounterThatMovedDecides() {
    assertThat(one(BEFORE, plus(1, 0, 0, 0, 0, 1))).satisfies(f -> {
      assertThat(f.forge()).isEqualTo(ForgeOutcome.ADOPTED);
      assertThat(f.sources()).containsExactly("Forge_adopted +1", "Forge_node_is_leader +1");
    });
    assertThat(one(BEFORE, plus(0, 1, 0, 0, 0, 1)).forge()).isEqualTo(ForgeOutcome.NOT_ADOPTED);
    assertThat(one(BEFORE, plus(0, 0, 1, 0, 0, 1)).forge()).isEqualTo(ForgeOutcome.INVALID);
    assertThat(one(BEFORE, plus(0, 0, 0, 0, 3, 0)).forge()).isEqualTo(ForgeOutcome.FROM_FUTURE);
    assertThat(one(BEFORE, plus(0, 0, 0, 0, 0, 0))).satisfies(f -> {
      assertThat(f.forge()).isEqualTo(ForgeOutcome.NONE);
      assertThat(f.sources()).containsExactly("no forge counter moved");
    });
  }

  // Forge_could_not_forge counts a missing ledger view in both tracing systems; a KES refusal only in the new one,
  // and the health judge's readiness names that: the condition tells them apart.
  @Test
  void couldNotForge_isNoLedgerView_unlessTheCredentialsWereRefused() {
    SlotForge f = one(BEFORE, plus(0, 0, 0, 1, 0, 1));
    assertThat(f.forge()).isEqualTo(ForgeOutcome.NO_LEDGER_VIEW);
    assertThat(f.given(ProducerCondition.NOT_SYNCED).forge()).isEqualTo(ForgeOutcome.NO_LEDGER_VIEW);
    assertThat(f.given(ProducerCondition.KES_INVALID).forge()).isEqualTo(ForgeOutcome.CANNOT_FORGE);
    assertThat(f.given(ProducerCondition.KES_INVALID).sources()).isEqualTo(f.sources());
  }

  @Test
  void severalSlots_oneKindByExactlyTheirNumber_allGetIt_elseAmbiguous() {
    List<Long> slots = List.of(100L, 200L, 300L);
    Map<Long, SlotForge> all = CounterAttribution.attribute(BEFORE, plus(3, 0, 0, 0, 0, 3), slots);
    assertThat(all).containsOnlyKeys(100L, 200L, 300L);
    assertThat(all.values()).allSatisfy(f -> assertThat(f.forge()).isEqualTo(ForgeOutcome.ADOPTED));

    Map<Long, SlotForge> mixed = CounterAttribution.attribute(BEFORE, plus(2, 1, 0, 0, 0, 3), slots);
    assertThat(mixed.values()).allSatisfy(f -> {
      assertThat(f.forge()).isEqualTo(ForgeOutcome.NONE);
      assertThat(f.sources()).singleElement().asString().startsWith("forge counters ambiguous over 3 leader slots:")
          .contains("Forge_adopted +2", "Forge_didnt_adopt +1");
    });
    Map<Long, SlotForge> fewer = CounterAttribution.attribute(BEFORE, plus(2, 0, 0, 0, 0, 3), slots);
    assertThat(fewer.values()).allSatisfy(f -> assertThat(f.forge()).isEqualTo(ForgeOutcome.NONE));
  }

  @Test
  void aCounterThatWentDown_meansARestart_countedFromZero() {
    ForgeCounters afterRestart = new ForgeCounters(1L, 0L, 0L, 0L, 0L, 1L);
    SlotForge f = one(BEFORE, afterRestart);
    assertThat(f.forge()).isEqualTo(ForgeOutcome.ADOPTED);
    assertThat(f.sources()).contains("Forge_adopted +1 (the node restarted: counted from 0)");
  }

  @Test
  void unknownCounters_decideNothing_andAreNeverZero() {
    assertThat(one(ForgeCounters.UNKNOWN, plus(1, 0, 0, 0, 0, 1))).satisfies(f -> {
      assertThat(f.forge()).isEqualTo(ForgeOutcome.NONE);
      assertThat(f.sources()).singleElement().asString().startsWith("forge counters not known");
    });
    assertThat(one(BEFORE, null).forge()).isEqualTo(ForgeOutcome.NONE);
    // A node that exposes only adopted: its not moving says no block was adopted, and names what is not exposed.
    ForgeCounters only = new ForgeCounters(4L, null, null, null, null, null);
    assertThat(one(only, only).sources()).singleElement().asString()
        .isEqualTo("no forge counter moved; not exposed: Forge_didnt_adopt, Forge_forged_invalid,"
            + " Forge_could_not_forge, Forge_block_from_future, Forge_node_is_leader");
    assertThat(one(only, new ForgeCounters(5L, null, null, null, null, null)).forge())
        .isEqualTo(ForgeOutcome.ADOPTED);
  }

  @Test
  void noSlots_noAnswer() {
    assertThat(CounterAttribution.attribute(BEFORE, plus(1, 0, 0, 0, 0, 1), List.of())).isEmpty();
    assertThat(CounterAttribution.attribute(BEFORE, plus(1, 0, 0, 0, 0, 1), null)).isEmpty();
  }
}
