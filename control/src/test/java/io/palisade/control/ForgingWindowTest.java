package io.palisade.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leader-aware maintenance rule, its wording, and the restart times it learns. */
class ForgingWindowTest {
  static final Instant T0 = Instant.parse("2026-12-03T14:00:00Z");
  static final MaintenancePolicy POLICY = new MaintenancePolicy(Duration.ofSeconds(180), Duration.ofSeconds(30),
      Duration.ofHours(1), 0.9, 3);

  static LeaderCalendar.Slot slot(long slot, Instant start) {
    return new LeaderCalendar.Slot(slot, start, start.plusSeconds(1));
  }

  @Test
  void aSlotInTheWindow_waits_withTheNextSlotAndTheInstantTheWindowOpens() {
    LeaderCalendar cal = new LeaderCalendar(List.of(slot(1000, T0.plusSeconds(192))), T0.plus(Duration.ofDays(1)));
    ForgingWindow w = new ForgingWindow(cal, RestartTimes.none(), POLICY);

    ForgingWindow.Verdict v = w.verdict(PlannedAction.UPGRADE_STEP, false, T0);

    assertThat(v.kind()).isEqualTo(ForgingWindow.Verdict.Kind.WAIT);
    assertThat(v.opensAt()).isEqualTo(T0.plusSeconds(193));
    assertThat(v.describe(T0)).isEqualTo("waiting for a free window: next leader slot in 3m12s, window opens at"
        + " 2026-12-03T14:03:13Z");
    assertThat(v.reason("block-producer")).isEqualTo("waiting for a free window before the upgrade of block-producer:"
        + " next leader slot 1000 at 2026-12-03T14:03:12Z, window opens at 2026-12-03T14:03:13Z"
        + " (it needs 3m30s without a leader slot)");
    // Three minutes later the window holds no slot any more.
    assertThat(w.verdict(PlannedAction.UPGRADE_STEP, false, T0.plusSeconds(193)).admitted()).isTrue();
    // Far enough ahead of the slot it is admitted too: 3m30s end before the slot begins.
    assertThat(w.verdict(PlannedAction.RESTART, false, T0.minusSeconds(18)).admitted()).isFalse();
    assertThat(w.verdict(PlannedAction.RESTART, false, T0.minusSeconds(18).minusMillis(1)).admitted()).isTrue();
  }

  @Test
  void closeSlots_pushTheWindowPastEveryOneTooClose_andALongWaitNeedsAnOperator() {
    LeaderCalendar cal = new LeaderCalendar(List.of(slot(1, T0.plusSeconds(10)), slot(2, T0.plusSeconds(100)),
        slot(3, T0.plusSeconds(250))), T0.plus(Duration.ofDays(1)));
    ForgingWindow.Verdict v = new ForgingWindow(cal, RestartTimes.none(), POLICY.withMaxWait(Duration.ofSeconds(60)))
        .verdict(PlannedAction.KEY_ROTATION, false, T0);
    assertThat(v.opensAt()).isEqualTo(T0.plusSeconds(251));
    assertThat(v.kind()).isEqualTo(ForgingWindow.Verdict.Kind.NEEDS_OPERATOR);
    assertThat(v.describe(T0)).endsWith("(beyond the wait limit: it needs an operator)");
  }

  @Test
  void anUnknownSchedule_waits_aPoolThatDoesNotForge_neverWaits() {
    ForgingWindow unknown = new ForgingWindow(LeaderCalendar.unknown(), RestartTimes.none(), POLICY);
    ForgingWindow.Verdict v = unknown.verdict(PlannedAction.RESTART, false, T0);
    assertThat(v.admitted()).isFalse();
    assertThat(v.describe(T0)).isEqualTo("waiting for a free window: the leader schedule is not known far enough"
        + " ahead yet");
    assertThat(ForgingWindow.UNGATED.verdict(PlannedAction.RESTART, false, T0).admitted()).isTrue();
  }

  @Test
  void restartTimes_defaultUntilThreeMeasured_thenThe90thPercentile_boundedHistory() {
    RestartTimes t = RestartTimes.none();
    assertThat(t.expected(POLICY)).isEqualTo(Duration.ofSeconds(180));
    t = t.restarted(T0).observed(false, T0.plusSeconds(10)).observed(true, T0.plusSeconds(400));
    // One slow restart is never underestimated while the history is short.
    assertThat(t.samples()).containsExactly(Duration.ofSeconds(400));
    assertThat(t.expected(POLICY)).isEqualTo(Duration.ofSeconds(400));
    assertThat(t.learned(POLICY)).isFalse();
    // Ready without a pending restart is not a sample.
    assertThat(t.observed(true, T0.plusSeconds(500))).isEqualTo(t);
    for (int i = 1; i <= 30; i++) {
      t = t.restarted(T0).observed(true, T0.plusSeconds(i));
    }
    assertThat(t.samples()).hasSize(RestartTimes.MAX_SAMPLES);
    // The newest 20 are 11..30 s: the 90th percentile (nearest rank 18) is 28 s.
    assertThat(t.expected(POLICY)).isEqualTo(Duration.ofSeconds(28));
    assertThat(t.learned(POLICY)).isTrue();
    assertThat(new ForgingWindow(LeaderCalendar.notForging(), t, POLICY).needed()).isEqualTo(Duration.ofSeconds(58));
  }
}
