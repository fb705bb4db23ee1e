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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The slot ledger's series of {@code /metrics}, rendered from ledger states: counts, absence, escaping, bounds. */
class PoolMetricsTextSlotsTest {
  /** Slot s starts at T0 + s seconds (one-second slots, as on preview). */
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final LongFunction<Instant> START = s -> T0.plusSeconds(s);
  private static final long EPOCH_SLOTS = 1_000;

  private static PoolStatus status(String pool) {
    return new PoolStatus(pool, "preview", "/d", T0, true, NodeVersion.parse("10.5.3"), NodeVersion.parse("10.5.3"),
        List.of(), null, null, List.of(), List.of(), null, List.of(), List.of(), null);
  }

  /** An epoch whose schedule is {@code slots} (or unknown when null) and whose first slots have {@code verdicts}. */
  private static EpochSlots epoch(long epoch, List<Long> slots, List<SlotVerdict> verdicts) {
    EpochSlots e = EpochSlots.empty(epoch);
    if (slots != null) {
      e = e.withSchedule(slots);
    }
    for (int i = 0; i < verdicts.size(); i++) {
      long slot = slots != null && i < slots.size() ? slots.get(i) : epoch * EPOCH_SLOTS + 900 + i;
      SlotEvidence ev = new SlotEvidence(slot, ForgeOutcome.NONE, List.of(), ProducerCondition.FORGING, "", 
          ChainCheck.UNCHECKED, List.of());
      e = e.withVerdict(new SlotClassification(slot, verdicts.get(i), "test", ev, START.apply(slot + 20)));
    }
    return e;
  }

  @Test
  void previousAndCurrentEpoch_byVerdict_withTheNextSlot() {
    EpochSlots previous = epoch(7, List.of(7_010L, 7_500L, 7_900L), List.of(SlotVerdict.ADOPTED,
        SlotVerdict.MISSED_PALISADE_ACTION, SlotVerdict.ADOPTED));
    EpochSlots current = epoch(8, List.of(8_010L, 8_300L, 8_700L), List.of(SlotVerdict.MISSED_NODE_DOWN));
    Instant now = START.apply(8_100).plusMillis(500);
    LeaderSlotGauges g = LeaderSlotGauges.of(Optional.of(previous), Optional.of(current), now, START);
    assertThat(g.untilNextSlot()).isEqualTo(Duration.ofMillis(199_500));

    String text = PoolMetricsText.render(status("p"), g);
    assertThat(text)
        .contains("# TYPE palisade_pool_leader_slots gauge\n")
        .contains("palisade_pool_leader_slots{pool=\"p\",epoch=\"7\",verdict=\"adopted\"} 2\n")
        .contains("palisade_pool_leader_slots{pool=\"p\",epoch=\"7\",verdict=\"missed_palisade_action\"} 1\n")
        .contains("palisade_pool_leader_slots{pool=\"p\",epoch=\"7\",verdict=\"lost_slot_battle\"} 0\n")
        .contains("palisade_pool_leader_slots{pool=\"p\",epoch=\"8\",verdict=\"missed_node_down\"} 1\n")
        .contains("palisade_pool_leader_slots{pool=\"p\",epoch=\"8\",verdict=\"adopted\"} 0\n")
        .contains("palisade_pool_leader_slots_scheduled{pool=\"p\",epoch=\"7\"} 3\n")
        .contains("palisade_pool_leader_slots_undecided{pool=\"p\",epoch=\"7\"} 0\n")
        .contains("palisade_pool_leader_slots_scheduled{pool=\"p\",epoch=\"8\"} 3\n")
        .contains("palisade_pool_leader_slots_undecided{pool=\"p\",epoch=\"8\"} 2\n")
        .contains("palisade_pool_next_leader_slot_seconds{pool=\"p\"} 199.5\n");
    assertThat(text.lines().filter(l -> l.startsWith("palisade_pool_leader_slots{"))).hasSize(2 * 9);
    // The pool's own gauges are still there, unchanged.
    assertThat(text).startsWith(PoolMetricsText.render(status("p")));
  }

  @Test
  void unknown_isAbsent_neverZero() {
    // No ledger at all: no slot series.
    String none = PoolMetricsText.render(status("p"), LeaderSlotGauges.NONE);
    assertThat(none).doesNotContain("leader_slot");
    assertThat(none).isEqualTo(PoolMetricsText.render(status("p")));

    // Only the slots seen forged (no schedule yet): counts, but neither scheduled, undecided nor the next slot.
    EpochSlots partial = epoch(8, null, List.of(SlotVerdict.ADOPTED));
    LeaderSlotGauges g = LeaderSlotGauges.of(Optional.empty(), Optional.of(partial), START.apply(8_000), START);
    String text = PoolMetricsText.render(status("p"), g);
    assertThat(g.untilNextSlot()).isNull();
    assertThat(text).contains("palisade_pool_leader_slots{pool=\"p\",epoch=\"8\",verdict=\"adopted\"} 1\n")
        .doesNotContain("epoch=\"7\"")
        .doesNotContain("palisade_pool_leader_slots_scheduled{")
        .doesNotContain("palisade_pool_leader_slots_undecided{")
        .doesNotContain("palisade_pool_next_leader_slot_seconds");

    // The whole schedule, but every slot of the epoch is over: the next one is in an epoch not known yet.
    EpochSlots over = epoch(8, List.of(8_010L), List.of(SlotVerdict.ADOPTED));
    assertThat(LeaderSlotGauges.of(Optional.empty(), Optional.of(over), START.apply(8_010), START).untilNextSlot())
        .as("a slot that has started is not the next one").isNull();
    // An epoch with no leader slot at all: its counts are known zeros, the next slot is unknown.
    EpochSlots noSlots = epoch(8, List.of(), List.of());
    String empty = PoolMetricsText.render(status("p"), LeaderSlotGauges.of(Optional.empty(), Optional.of(noSlots),
        START.apply(8_000), START));
    assertThat(empty).contains("palisade_pool_leader_slots_scheduled{pool=\"p\",epoch=\"8\"} 0\n")
        .contains("palisade_pool_leader_slots{pool=\"p\",epoch=\"8\",verdict=\"adopted\"} 0\n")
        .doesNotContain("palisade_pool_next_leader_slot_seconds");
  }

  /** A sample line of the text format: name, labels (values escaped), a number. */
  private static final Pattern SAMPLE = Pattern.compile(
      "([a-z_]+)\\{((?:[a-z_]+=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)} (-?[0-9]+(?:\\.[0-9]+)?)");
  private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");

  @Property(tries = 200)
  void anyLedgerState_rendersParseableBoundedSeries(@ForAll("pools") String pool,
      @ForAll @Size(max = 40) List<SlotVerdict> before, @ForAll @Size(max = 40) List<SlotVerdict> now,
      @ForAll boolean previousKnown, @ForAll boolean scheduleKnown) {
    List<Long> slots = new ArrayList<>();
    for (int i = 0; i < now.size() + 3; i++) {
      slots.add(8 * EPOCH_SLOTS + 10 * i);
    }
    Optional<EpochSlots> previous = previousKnown ? Optional.of(epoch(7, null, before)) : Optional.empty();
    EpochSlots current = epoch(8, scheduleKnown ? slots : null, now);
    LeaderSlotGauges g = LeaderSlotGauges.of(previous, Optional.of(current), START.apply(8 * EPOCH_SLOTS + 5), START);
    String text = PoolMetricsText.render(status(pool), g);

    Map<String, Integer> sums = new HashMap<>();
    int leaderSeries = 0;
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty() || line.startsWith("# ")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertThat(m.matches()).as("a well-formed sample: %s", line).isTrue();
      Map<String, String> labels = new HashMap<>();
      Matcher l = LABEL.matcher(m.group(2));
      while (l.find()) {
        labels.put(l.group(1), unescape(l.group(2)));
      }
      assertThat(labels.get("pool")).isEqualTo(pool);
      if (m.group(1).equals("palisade_pool_leader_slots")) {
        leaderSeries++;
        assertThat(labels.get("epoch")).isIn("7", "8");
        assertThat(labels.get("verdict")).matches("[a-z_]+");
        sums.merge(labels.get("epoch"), Integer.parseInt(m.group(3)), Integer::sum);
      }
    }
    // Bounded: nine verdicts for each of at most two epochs, whatever the ledger holds.
    assertThat(leaderSeries).isEqualTo(9 * (previousKnown ? 2 : 1));
    assertThat(sums.get("8")).isEqualTo(now.size());
    if (previousKnown) {
      assertThat(sums.get("7")).isEqualTo(before.size());
    }
    assertThat(text.contains("palisade_pool_next_leader_slot_seconds{")).isEqualTo(scheduleKnown);
  }

  @Provide
  Arbitrary<String> pools() {
    return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30),
        Arbitraries.strings().withChars('"', '\\', '\n', 'a', '}', '{', ',', '=').ofMaxLength(12));
  }

  private static String unescape(String v) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\\') {
        char n = v.charAt(++i);
        out.append(n == 'n' ? '\n' : n);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
