package io.palisade.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.palisade.chain.ChainClock;
import io.palisade.control.ControlEvent;
import io.palisade.control.slots.ChainCheck;
import io.palisade.control.slots.ForgeCounters;
import io.palisade.control.slots.ProducerCondition;
import io.palisade.operator.testing.PublishedSchedules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The chain check's rule on Kubernetes, pure: an adopted slot whose block the producer's log named is asked an hour
 * after its slot, again a minute after the relays could not tell; found, it stays adopted and ON_CHAIN; not found, it
 * becomes a lost height battle, NOT_ON_CHAIN, with a Warning; a slot without a hash is never asked; the hash kept is
 * 64 hex digits or nothing.
 */
class SlotChainsTest {
  static final String BP = "block-producer";
  static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");
  static final String OURS = "0a".repeat(32);
  final ChainClock chain = new ChainClock(PublishedSchedules.GENESIS, Clock.fixed(T0, ZoneOffset.UTC));
  final long slot = chain.slotAt(T0.plus(Duration.ofMinutes(2)));
  final long lost = chain.slotAt(T0.plus(Duration.ofMinutes(4)));
  final long epoch = chain.epochOf(slot);
  final Instant due = chain.startOfSlot(slot).plus(SlotChains.AFTER);

  static ForgeCounters counters(long adopted, long didntAdopt) {
    return new ForgeCounters(adopted, didntAdopt, 0L, 0L, 0L, adopted + didntAdopt);
  }

  static SlotReading forging(Instant at, ForgeCounters c) {
    return new SlotReading(at, BP, "uid-1", ProducerCondition.FORGING, "state: SYNCED, ready", c, true);
  }

  static SlotsView stored(SlotsView v) {
    return Serialization.unmarshal(Serialization.asJson(v), SlotsView.class);
  }

  /** The ledger with {@code slot} adopted and {@code lost} a lost slot battle, as SlotBook decided them. */
  SlotBook.Step decided() {
    Map<Long, List<Long>> schedule = Map.of(epoch, List.of(slot, lost));
    SlotBook.Step first = SlotBook.step(null, forging(T0, counters(5, 0)), schedule, List.of(), "c", chain);
    SlotBook.Step a = SlotBook.step(stored(first.view()), forging(chain.startOfSlot(slot + 1).plus(SlotBook.GRACE),
        counters(6, 0)), schedule, List.of(), "c", chain);
    return SlotBook.step(stored(a.view()), forging(chain.startOfSlot(lost + 1).plus(SlotBook.GRACE),
        counters(6, 1)), schedule, List.of(), "c", chain);
  }

  SlotsView withOurHash() {
    SlotBook.Step d = decided();
    return stored(SlotChains.withLogReads(d.view(), Map.of(slot, Optional.of(OURS.toUpperCase()), lost,
        Optional.of(OURS)), T0));
  }

  static SlotsView.SlotView at(SlotsView v, long s) {
    return v.epochs.stream().flatMap(e -> e.slots.stream()).filter(x -> x.slot == s).findFirst().orElseThrow();
  }

  @Test
  void theLedgerNamesItsAdoptedSlots_andKeepsTheirHashOnly() {
    SlotBook.Step d = decided();
    String before = Serialization.asJson(d.view());
    SlotsView v = SlotChains.withLogReads(d.view(), Map.of(slot, Optional.of(OURS.toUpperCase()), lost,
        Optional.of(OURS)), T0);
    assertThat(Serialization.asJson(d.view())).as("the view given is not changed").isEqualTo(before);
    assertThat(at(v, slot).blockHash).isEqualTo(OURS);
    assertThat(at(v, lost).blockHash).as("not adopted: no block to look for").isNull();
    assertThat(at(stored(v), slot).blockHash).isEqualTo(OURS);
    for (String bad : List.of("zz".repeat(32), OURS + "00", OURS.substring(2), "", "0a".repeat(31) + "g0")) {
      assertThat(at(SlotChains.withLogReads(d.view(), Map.of(slot, Optional.of(bad)), T0), slot).blockHash).as(bad).isNull();
    }
  }

  @Test
  void aSlotIsAskedAnHourAfterIt_neverWithoutAHash() {
    SlotsView v = withOurHash();
    assertThat(SlotChains.due(v, due.minusSeconds(1), SlotChains.AFTER, chain)).isEmpty();
    assertThat(SlotChains.next(v, SlotChains.AFTER, chain, T0)).contains(due);
    assertThat(SlotChains.due(v, due, SlotChains.AFTER, chain))
        .containsExactly(new SlotChains.Question(slot, OURS));

    SlotsView unnamed = stored(decided().view());
    Instant decided = Instant.parse(at(unnamed, slot).decidedAt);
    for (int read = 0; read < SlotChains.LOG_READS; read++) {
      unnamed = stored(SlotChains.withLogReads(unnamed, Map.of(slot, Optional.empty()), decided));
    }
    assertThat(SlotChains.due(unnamed, due.plus(Duration.ofDays(3)), SlotChains.AFTER, chain)).isEmpty();
    assertThat(SlotChains.next(unnamed, SlotChains.AFTER, chain, T0)).as("nothing to ask, nothing to read").isEmpty();
    assertThat(SlotChains.due(v, chain.startOfSlot(slot).plusSeconds(30), Duration.ofSeconds(30), chain))
        .as("the delay is the caller's").hasSize(1);
  }

  @Test
  void aLogThatDidNotNameTheBlock_isReadAgain_twoMinutesLater_threeTimesAtMost() {
    SlotsView v = stored(decided().view());
    Instant decided = Instant.parse(at(v, slot).decidedAt);
    assertThat(SlotChains.logsDue(v, decided.minusSeconds(1))).isEmpty();
    assertThat(SlotChains.logsDue(v, decided)).as("the adopted slot, not the lost battle").containsExactly(slot);
    Instant read = decided;
    for (int n = 1; n <= SlotChains.LOG_READS; n++) {
      v = stored(SlotChains.withLogReads(v, Map.of(slot, Optional.empty()), read));
      assertThat(at(v, slot).logReads).isEqualTo(n);
      assertThat(at(v, slot).logReadAt).isEqualTo(read.toString());
      assertThat(at(v, slot).blockHash).isNull();
      assertThat(SlotChains.logsDue(v, read.plus(SlotChains.LOG_RETRY).minusSeconds(1))).isEmpty();
      read = read.plus(SlotChains.LOG_RETRY);
      if (n < SlotChains.LOG_READS) {
        assertThat(SlotChains.next(v, SlotChains.AFTER, chain, read.minusSeconds(1))).contains(read);
        assertThat(SlotChains.logsDue(v, read)).containsExactly(slot);
      }
    }
    assertThat(SlotChains.logsDue(v, read.plus(Duration.ofMinutes(10)))).as("given up after %d reads",
        SlotChains.LOG_READS).isEmpty();

    // Named at the second read: the hash is kept, the count goes, the relays are asked an hour after the slot.
    SlotsView once = stored(SlotChains.withLogReads(stored(decided().view()), Map.of(slot, Optional.empty()),
        decided));
    SlotsView named = stored(SlotChains.withLogReads(once, Map.of(slot, Optional.of(OURS)),
        decided.plus(SlotChains.LOG_RETRY)));
    assertThat(at(named, slot).blockHash).isEqualTo(OURS);
    assertThat(at(named, slot).logReads).isNull();
    assertThat(at(named, slot).logReadAt).isNull();
    assertThat(SlotChains.logsDue(named, decided.plus(Duration.ofMinutes(30)))).isEmpty();
    assertThat(SlotChains.due(named, due, SlotChains.AFTER, chain)).containsExactly(new SlotChains.Question(slot,
        OURS));
    // A slot decided long ago (a ledger from before this rule, an operator down for hours) is not read.
    assertThat(SlotChains.logsDue(once, decided.plus(SlotChains.LOG_HORIZON).plusSeconds(1))).isEmpty();
    // The next ledger pass keeps the count.
    SlotBook.Step next = SlotBook.step(once, forging(decided.plusSeconds(60), counters(6, 1)),
        Map.of(epoch, List.of(slot, lost)), List.of(), "c", chain);
    assertThat(at(next.view(), slot).logReads).isEqualTo(1);
  }

  @Test
  void foundOnTheRelaysChain_staysAdopted_onChain_andAPassLaterKeepsIt() {
    SlotsView v = withOurHash();
    SlotChains.Step s = SlotChains.apply(v, Map.of(slot, ChainCheck.ON_CHAIN), chain, due, SlotChains.AFTER);
    SlotsView.SlotView x = at(s.view(), slot);
    assertThat(x.verdict).isEqualTo("ADOPTED");
    assertThat(x.chain).isEqualTo("ON_CHAIN");
    assertThat(x.because).endsWith("; on the chain the relays saw");
    assertThat(x.evidence).endsWith("; chain ON_CHAIN");
    assertThat(x.blockHash).isEqualTo(OURS);
    assertThat(s.events()).isEmpty();
    assertThat(s.wakeAt()).isEmpty();
    assertThat(SlotChains.due(s.view(), due.plus(Duration.ofHours(5)), SlotChains.AFTER, chain)).isEmpty();

    // The next ledger pass (a restarted operator reads the status) keeps the check and the hash.
    SlotBook.Step next = SlotBook.step(stored(s.view()), forging(due.plusSeconds(60), counters(6, 1)),
        Map.of(epoch, List.of(slot, lost)), List.of(), "c", chain);
    assertThat(at(next.view(), slot).chain).isEqualTo("ON_CHAIN");
    assertThat(at(next.view(), slot).blockHash).isEqualTo(OURS);
  }

  @Test
  void notOnTheRelaysChain_isALostHeightBattle_withAWarning() {
    SlotsView v = withOurHash();
    SlotChains.Step s = SlotChains.apply(v, Map.of(slot, ChainCheck.NOT_ON_CHAIN), chain, due, SlotChains.AFTER);
    SlotsView.SlotView x = at(s.view(), slot);
    assertThat(x.verdict).isEqualTo("LOST_HEIGHT_BATTLE");
    assertThat(x.chain).isEqualTo("NOT_ON_CHAIN");
    assertThat(x.because).isEqualTo("forged and adopted, then not on the chain (Forge_adopted +1,"
        + " Forge_node_is_leader +1); the pool's relays do not have it");
    assertThat(s.view().epochs).last().satisfies(e -> assertThat(e.counts).containsEntry("ADOPTED", 0)
        .containsEntry("LOST_HEIGHT_BATTLE", 1).containsEntry("LOST_SLOT_BATTLE", 1));
    assertThat(s.view().summary).contains("1 lost height battle");
    assertThat(at(s.view(), lost)).as("the other slot as it was").isSameAs(at(v, lost));
    assertThat(s.events()).singleElement().satisfies(e -> {
      assertThat(e.reason()).isEqualTo("LeaderSlotMissed");
      assertThat(e.severity()).isEqualTo(ControlEvent.Severity.Warning);
      assertThat(e.node()).isEqualTo(BP);
      assertThat(e.message()).startsWith("leader slot " + slot + " (epoch " + epoch + ", ")
          .contains("lost height battle or propagation: forged and adopted, then not on the chain");
    });
    // Decided: never asked again, and an answer after it changes nothing.
    assertThat(SlotChains.due(s.view(), due.plus(Duration.ofHours(1)), SlotChains.AFTER, chain)).isEmpty();
    assertThat(SlotChains.apply(s.view(), Map.of(slot, ChainCheck.ON_CHAIN), chain, due.plusSeconds(90),
        SlotChains.AFTER).view()).isSameAs(s.view());
  }

  @Test
  void whenTheRelaysCannotTell_itStaysUnchecked_andIsAskedAgainAMinuteLater() {
    SlotsView v = withOurHash();
    SlotChains.Step s = SlotChains.apply(v, Map.of(slot, ChainCheck.UNCHECKED), chain, due, SlotChains.AFTER);
    SlotsView.SlotView x = at(s.view(), slot);
    assertThat(x.verdict).isEqualTo("ADOPTED");
    assertThat(x.chain).isNull();
    assertThat(x.chainAskedAt).isEqualTo(due.toString());
    assertThat(at(v, slot).chainAskedAt).as("the view given is not changed").isNull();
    assertThat(s.events()).isEmpty();
    assertThat(s.wakeAt()).contains(due.plus(SlotChains.RETRY));
    SlotsView kept = stored(s.view());
    assertThat(SlotChains.due(kept, due.plusSeconds(30), SlotChains.AFTER, chain)).isEmpty();
    assertThat(SlotChains.due(kept, due.plus(SlotChains.RETRY), SlotChains.AFTER, chain)).hasSize(1);

    SlotChains.Step later = SlotChains.apply(kept, Map.of(slot, ChainCheck.ON_CHAIN), chain,
        due.plus(SlotChains.RETRY), SlotChains.AFTER);
    assertThat(at(later.view(), slot).chain).isEqualTo("ON_CHAIN");
    assertThat(at(later.view(), slot).chainAskedAt).isNull();
  }

  @Test
  void theStatusStaysBounded_andAnEditedOneIsReadDefensively() {
    SlotsView v = withOurHash();
    SlotsView.SlotView x = at(v, slot);
    x.blockHash = "not hex at all";
    x.chainAskedAt = "yesterday";
    assertThat(SlotChains.due(v, due, SlotChains.AFTER, chain)).as("a hash that is no hash is not asked").isEmpty();
    at(v, slot).blockHash = OURS;
    assertThat(SlotChains.due(v, due, SlotChains.AFTER, chain)).as("a time that is no time: due").hasSize(1);
    at(v, slot).chain = "MAYBE";
    assertThat(SlotChains.due(v, due, SlotChains.AFTER, chain)).as("checked, whatever it says").isEmpty();
    assertThat(SlotChains.apply(null, Map.of(slot, ChainCheck.ON_CHAIN), chain, due, SlotChains.AFTER).view())
        .isNull();
    assertThat(Serialization.asJson(at(withOurHash(), slot)).length()).isLessThan(1_000);
  }
}
