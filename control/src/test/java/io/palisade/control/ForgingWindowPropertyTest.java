package io.palisade.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The leader-aware maintenance rule on random schedules: what it admits is free, what it waits for is the first free window. */
class ForgingWindowPropertyTest {
  static final Instant T0 = Instant.parse("2026-12-03T14:00:00Z");

  record Case(List<LeaderCalendar.Slot> slots, long knownUntilSec, long nowSec, long neededSec, long maxWaitSec) {
    ForgingWindow window() {
      MaintenancePolicy policy = new MaintenancePolicy(Duration.ofSeconds(neededSec), Duration.ZERO,
          Duration.ofSeconds(maxWaitSec), 0.9, 3);
      return new ForgingWindow(new LeaderCalendar(slots, T0.plusSeconds(knownUntilSec)), RestartTimes.none(), policy);
    }

    Instant now() {
      return T0.plusSeconds(nowSec);
    }

    boolean free(Instant start) {
      Instant end = start.plusSeconds(neededSec);
      return slots.stream().noneMatch(s -> s.end().isAfter(start) && !s.start().isAfter(end));
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<List<Long>> starts = Arbitraries.longs().between(0, 4000).list().ofMaxSize(12);
    Arbitrary<Integer> slotLength = Arbitraries.of(1, 20);
    return Combinators.combine(starts, slotLength, Arbitraries.longs().between(0, 6000),
        Arbitraries.longs().between(0, 3000), Arbitraries.longs().between(0, 600),
        Arbitraries.longs().between(0, 2000)).as((ss, len, known, now, needed, maxWait) -> {
          List<LeaderCalendar.Slot> slots = new ArrayList<>();
          ss.stream().distinct().forEach(s -> slots.add(new LeaderCalendar.Slot(s, T0.plusSeconds(s),
              T0.plusSeconds(s + len))));
          return new Case(slots, known, now, needed, maxWait);
        });
  }

  @Property
  void anAdmittedWindow_neverHoldsALeaderSlot(@ForAll("cases") Case c) {
    ForgingWindow.Verdict v = c.window().verdict(PlannedAction.UPGRADE_STEP, false, c.now());
    if (v.admitted()) {
      assertThat(c.free(c.now())).isTrue();
      assertThat(v.opensAt()).isEqualTo(c.now());
    }
  }

  @Property
  void aWait_opensRightAfterASlotEnds_onTheFirstFreeWindow(@ForAll("cases") Case c) {
    ForgingWindow.Verdict v = c.window().verdict(PlannedAction.RESTART, false, c.now());
    if (v.admitted() || v.opensAt() == null) {
      return;
    }
    Instant opens = v.opensAt();
    assertThat(opens).isAfter(c.now());
    assertThat(c.slots()).extracting(LeaderCalendar.Slot::end).contains(opens);
    assertThat(c.free(opens)).isTrue();
    assertThat(c.free(c.now())).isFalse();
    // No earlier start (now, or right after an earlier slot) would have been free.
    c.slots().stream().map(LeaderCalendar.Slot::end).filter(e -> e.isAfter(c.now()) && e.isBefore(opens))
        .forEach(e -> assertThat(c.free(e)).as("free at %s, before %s", e, opens).isFalse());
    assertThat(v.kind()).isEqualTo(Duration.between(c.now(), opens).compareTo(Duration.ofSeconds(c.maxWaitSec())) > 0
        ? ForgingWindow.Verdict.Kind.NEEDS_OPERATOR : ForgingWindow.Verdict.Kind.WAIT);
    assertThat(v.describe(c.now())).startsWith("waiting for a free window").contains("window opens at");
  }

  @Property
  void beyondTheKnownSchedule_nothingIsAdmitted(@ForAll("cases") Case c) {
    ForgingWindow.Verdict v = c.window().verdict(PlannedAction.KEY_ROTATION, false, c.now());
    if (c.now().plusSeconds(c.neededSec()).isAfter(T0.plusSeconds(c.knownUntilSec()))) {
      assertThat(v.admitted()).isFalse();
    }
    if (!v.admitted() && v.opensAt() != null) {
      assertThat(v.opensAt().plusSeconds(c.neededSec())).isBeforeOrEqualTo(T0.plusSeconds(c.knownUntilSec()));
    }
  }

  @Property
  void selfHealing_andADownProducer_areNeverDelayed(@ForAll("cases") Case c) {
    assertThat(c.window().verdict(PlannedAction.SELF_HEALING, false, c.now()).admitted()).isTrue();
    assertThat(c.window().verdict(PlannedAction.UPGRADE_STEP, true, c.now()).admitted()).isTrue();
  }
}
