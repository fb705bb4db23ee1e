package io.palisade.runtime.slots;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.chain.ChainClock;
import io.palisade.control.slots.CounterAttribution.SlotForge;
import io.palisade.control.slots.ForgeCounters;
import io.palisade.control.slots.ForgeOutcome;
import io.palisade.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The readings that bracket a leader slot, and what they say of it (1 s slots: slot 310 is [310 s, 311 s)). */
class CounterWindowTest {
  static final Instant START = SlotWatchTest.START;
  static final String BP = SlotWatchTest.BP;

  final CounterWindow window = new CounterWindow(new ChainClock(SlotWatchTest.GENESIS,
      MutableClock.stoppedAt(START)));

  static ForgeCounters adopted(long adopted, long didntAdopt) {
    return new ForgeCounters(adopted, didntAdopt, 0L, 0L, 0L, adopted + didntAdopt);
  }

  void read(String node, double seconds, ForgeCounters c) {
    scrape(node, seconds, seconds, c);
  }

  void scrape(String node, double from, double to, ForgeCounters c) {
    window.add(node, START.plusMillis(Math.round(from * 1000)), START.plusMillis(Math.round(to * 1000)), c);
  }

  SlotForge forge(long slot, Long... scheduled) {
    return window.forge(slot, List.of(scheduled)).orElseThrow();
  }

  @Test
  void adoptedMovingAcrossTheSlotIsAnAdoptedBlock_namedByItsCounter() {
    read(BP, 305, adopted(3, 0));
    read(BP, 309.5, adopted(3, 0));
    read(BP, 311.5, adopted(4, 0));
    SlotForge f = forge(310, 310L, 320L);
    assertThat(f.forge()).isEqualTo(ForgeOutcome.ADOPTED);
    assertThat(f.sources()).contains("Forge_adopted +1");
    assertThat(f.sources().get(f.sources().size() - 1)).contains("forge counters of " + BP)
        .contains("2026-01-01T00:05:09Z").contains("2026-01-01T00:05:11Z").contains("1 leader slot between");
  }

  @Test
  void didntAdoptMovingIsALostSlotBattle_andNothingMovingIsNoBlock() {
    read(BP, 309, adopted(3, 0));
    read(BP, 312, adopted(3, 1));
    read(BP, 319, adopted(3, 1));
    read(BP, 322, adopted(3, 1));
    assertThat(forge(310, 310L, 320L).forge()).isEqualTo(ForgeOutcome.NOT_ADOPTED);
    SlotForge none = forge(320, 310L, 320L);
    assertThat(none.forge()).isEqualTo(ForgeOutcome.NONE);
    assertThat(none.sources().get(0)).startsWith("no forge counter moved");
  }

  @Test
  void aNodeRestartedBetweenTheReadingsCountsFromZero() {
    read(BP, 309, adopted(5, 2));
    read(BP, 313, adopted(1, 0));
    SlotForge f = forge(310, 310L);
    assertThat(f.forge()).isEqualTo(ForgeOutcome.ADOPTED);
    assertThat(f.sources()).contains("Forge_adopted +1 (the node restarted: counted from 0)");
  }

  @Test
  void twoSlotsBetweenTheSameReadingsShareTheMoves_andAreAmbiguousWhenTheyDoNotAddUp() {
    read(BP, 309, adopted(3, 0));
    read(BP, 313, adopted(4, 0));
    SlotForge f = forge(310, 310L, 312L);
    assertThat(f.forge()).as("one block for two slots: which one is not known").isEqualTo(ForgeOutcome.NONE);
    assertThat(f.sources().get(0)).startsWith("forge counters ambiguous over 2 leader slots");
    assertThat(f.sources().get(f.sources().size() - 1)).contains("2 leader slots between");
  }

  @Test
  void withoutAReadingOnEitherSide_orOfTwoNodes_theCountersSayNothing() {
    assertThat(window.forge(310, List.of(310L))).isEmpty();
    read(BP, 310.2, adopted(3, 0));
    read(BP, 312, adopted(4, 0));
    assertThat(window.forge(310, List.of(310L))).as("no reading before the slot's start").isEmpty();
    read(BP, 319, adopted(4, 0));
    read(BP, 320.5, adopted(5, 0));
    assertThat(window.forge(320, List.of(320L))).as("none at or after the slot's end yet").isEmpty();
    read("block-producer-standby", 331.5, adopted(1, 0));
    assertThat(window.forge(330, List.of(330L))).as("before: " + BP + ", after: the standby").isEmpty();
  }

  @Test
  void aNodeThatExposesNoCounterGivesNoReading() {
    read(BP, 309, ForgeCounters.UNKNOWN);
    read(BP, 312, ForgeCounters.UNKNOWN);
    assertThat(window.forge(310, List.of(310L))).isEmpty();
  }

  @Test
  void oldReadingsGo_butTheLastBeforeAPendingSlotStays() {
    read(BP, 10, adopted(1, 0));
    read(BP, 20, adopted(2, 0));
    for (int t = 30; t < 305; t += 2) {
      read(BP, t, adopted(2, 0));
    }
    read(BP, 312, adopted(3, 0));
    read(BP, 309 + CounterWindow.KEEP.toSeconds(), adopted(3, 0));
    Optional<SlotForge> f = window.forge(310, List.of(310L));
    assertThat(f).isPresent();
    assertThat(f.get().forge()).isEqualTo(ForgeOutcome.ADOPTED);
    assertThat(f.get().sources().get(f.get().sources().size() - 1)).contains("00:05:04Z").contains("00:05:12Z");
    read(BP, 400 + CounterWindow.KEEP.toSeconds(), adopted(3, 0));
    assertThat(window.forge(310, List.of(310L))).as("its reading before is older than kept").isEmpty();
  }

  // A scrape takes time: one that began before the slot and ended in it may hold the slot's block or not. It is not
  // the reading before the slot (read as one, an adopted block read "no counter moved"); the one before it is.
  @Test
  void aScrapeRunningWhenTheSlotBegan_isNeitherBeforeItNorAfterIt() {
    read(BP, 305, adopted(3, 0));
    scrape(BP, 309.8, 310.3, adopted(4, 0));
    scrape(BP, 310.9, 311.2, adopted(4, 0));
    read(BP, 313, adopted(4, 0));
    SlotForge f = forge(310, 310L);
    assertThat(f.forge()).isEqualTo(ForgeOutcome.ADOPTED);
    assertThat(f.sources().get(f.sources().size() - 1)).contains("00:05:05Z").contains("00:05:13Z");
  }

  // A slot that began while the reading before another slot was scraped may be in either reading: it shares the
  // moves, never lends its block to the other slot.
  @Test
  void aSlotThatBeganDuringABracketingScrape_sharesTheMoves() {
    scrape(BP, 307.9, 308.4, adopted(3, 0));
    read(BP, 312, adopted(4, 0));
    SlotForge f = forge(310, 308L, 310L);
    assertThat(f.forge()).isEqualTo(ForgeOutcome.NONE);
    assertThat(f.sources().get(0)).startsWith("forge counters ambiguous over 2 leader slots");
  }
}
