package io.palisade.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The clock as an attacker: a host clock moved forward or back by minutes does not open a window over a leader slot,
 * because the rule is checked against the chain's time from the block producer's own tip.
 */
class ForgingWindowClockTest {
  /** The true time (the chain's). */
  static final Instant T = Instant.parse("2026-12-03T14:00:00Z");
  /** 3 minutes expected + 30 s margin; the clocks may disagree by 2 minutes. */
  static final MaintenancePolicy POLICY = new MaintenancePolicy(Duration.ofSeconds(180), Duration.ofSeconds(30),
      Duration.ofHours(1), 0.9, 3);

  static LeaderCalendar.Slot slot(long slot, Instant start) {
    return new LeaderCalendar.Slot(slot, start, start.plusSeconds(1));
  }

  /** A synced producer's tip: the slot that began {@code lagSeconds} before the true time, observed just now. */
  static ChainTime tip(Instant host, long lagSeconds) {
    return new ChainTime(1000, T.minusSeconds(lagSeconds), host);
  }

  static ForgingWindow window(LeaderCalendar.Slot... slots) {
    return new ForgingWindow(new LeaderCalendar(List.of(slots), T.plus(Duration.ofDays(1))), RestartTimes.none(),
        POLICY);
  }

  @Test
  void aHostClockMovedForwardByMinutes_doesNotSkipTheLeaderSlotAhead() {
    // A leader slot in 2 minutes (true time). The host clock was stepped 5 minutes forward: on its own it would think
    // the slot has passed and admit a restart that overlaps it.
    ForgingWindow w = window(slot(1120, T.plusSeconds(120)));
    Instant host = T.plus(Duration.ofMinutes(5));
    assertThat(w.verdict(PlannedAction.RESTART, false, host).admitted()).isTrue();

    ForgingWindow.Verdict v = w.withChainTime(tip(host, 0)).verdict(PlannedAction.RESTART, false, host);
    assertThat(v.admitted()).isFalse();
    assertThat(v.opensAt()).isNull();
    assertThat(v.describe(host)).isEqualTo("waiting for a free window: the host clock is ahead of the block"
        + " producer's chain (the time of its tip's slot) by more than the 2m tolerance (a clock stepped forward, or"
        + " the producer is not synced): no window is judged until they agree");
    assertThat(v.reason("block-producer")).startsWith("waiting for a free window before the restart of"
        + " block-producer: the host clock is ahead of");
    // Stable while it lasts: one event, not one a pass.
    assertThat(w.withChainTime(tip(host, 0)).verdict(PlannedAction.RESTART, false, host.plusSeconds(7))
        .reason("block-producer")).isEqualTo(v.reason("block-producer"));
  }

  @Test
  void aHostClockMovedBackByMinutes_doesNotRunIntoTheLeaderSlotAhead() {
    // A leader slot in 2 minutes. The host clock was stepped 5 minutes back: on its own it would see the slot 7
    // minutes ahead, past the 3m30s needed, and admit.
    ForgingWindow w = window(slot(1120, T.plusSeconds(120)));
    Instant host = T.minus(Duration.ofMinutes(5));
    assertThat(w.verdict(PlannedAction.UPGRADE_STEP, false, host).admitted()).isTrue();

    ForgingWindow.Verdict v = w.withChainTime(tip(host, 0)).verdict(PlannedAction.UPGRADE_STEP, false, host);
    assertThat(v.admitted()).isFalse();
    assertThat(v.describe(host)).contains("the host clock is behind the block producer's chain")
        .contains("(a clock stepped back)");
  }

  @Test
  void withinTheTolerance_theWindowIsJudgedOverBothClocks_andOpensInHostTime() {
    // The host is 60 s ahead (within the tolerance); the slot began 30 s ago by the host clock but is 30 s ahead in
    // chain time: it blocks, and the window opens after it, said in host time.
    ForgingWindow w = window(slot(1030, T.plusSeconds(30)));
    Instant host = T.plusSeconds(60);
    ForgingWindow.Verdict v = w.withChainTime(tip(host, 0)).verdict(PlannedAction.RESTART, false, host);
    assertThat(v.kind()).isEqualTo(ForgingWindow.Verdict.Kind.WAIT);
    assertThat(v.opensAt()).isEqualTo(T.plusSeconds(31).plusSeconds(60));
    assertThat(v.nextLeaderSlot()).map(LeaderCalendar.Slot::slot).contains(1030L);
    // Agreeing clocks: the same as the host clock alone.
    assertThat(w.withChainTime(tip(T, 0)).verdict(PlannedAction.RESTART, false, T))
        .isEqualTo(w.verdict(PlannedAction.RESTART, false, T));
  }

  @Test
  void aProducerAlreadyDown_orAnUngatedAction_isNeverHeldByTheClock() {
    ForgingWindow w = window(slot(1120, T.plusSeconds(120))).withChainTime(tip(T.plus(Duration.ofHours(1)), 0));
    assertThat(w.verdict(PlannedAction.RESTART, true, T.plus(Duration.ofHours(1))).admitted()).isTrue();
    assertThat(w.verdict(PlannedAction.SELF_HEALING, false, T.plus(Duration.ofHours(1))).admitted()).isTrue();
  }

  /**
   * Whatever the host clock says (up to 10 minutes off either way) and however far the tip lags (up to the margin),
   * an admitted action has no leader slot inside [true now, true now + the expected restart-to-forging time].
   */
  @Property(tries = 2000)
  void noMovedClock_letsAnActionLandOnALeaderSlot(@ForAll @Size(max = 8) List<@IntRange(min = -400, max = 900)
      Integer> slotOffsets, @ForAll @LongRange(min = -600, max = 600) long hostOffset,
      @ForAll @LongRange(min = 0, max = 30) long tipLag) {
    List<LeaderCalendar.Slot> slots = new ArrayList<>();
    for (int i = 0; i < slotOffsets.size(); i++) {
      slots.add(slot(2000 + i, T.plusSeconds(slotOffsets.get(i))));
    }
    ForgingWindow w = window(slots.toArray(LeaderCalendar.Slot[]::new));
    Instant host = T.plusSeconds(hostOffset);
    ForgingWindow.Verdict v = w.withChainTime(tip(host, tipLag)).verdict(PlannedAction.RESTART, false, host);
    if (v.admitted()) {
      Instant end = T.plus(POLICY.defaultRestartToForging());
      Optional<LeaderCalendar.Slot> hit = slots.stream()
          .filter(s -> s.end().isAfter(T) && !s.start().isAfter(end)).findFirst();
      assertThat(hit).as("admitted at host offset %ds, tip lag %ds", hostOffset, tipLag).isEmpty();
    }
  }
}
