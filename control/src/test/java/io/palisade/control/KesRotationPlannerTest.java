package io.palisade.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** KES rotation planning: when the next rotation is due, and the free windows before it. */
class KesRotationPlannerTest {
  /** Slot 0 at T0, one second per slot. */
  static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  static final MaintenancePolicy POLICY = new MaintenancePolicy(Duration.ofSeconds(50), Duration.ofSeconds(10),
      Duration.ofHours(6), 0.9, 3);

  static Instant slotStart(long slot) {
    return T0.plusSeconds(slot);
  }

  static LeaderCalendar.Slot slot(long n) {
    return new LeaderCalendar.Slot(n, slotStart(n), slotStart(n + 1));
  }

  @Test
  void dueOneKesPeriodBeforeTheExpiry_withTheFirstFreeWindowsBetweenTheLeaderSlots() {
    // 100 slots per KES period, 10 evolutions: a certificate from period 5 expires at slot 1500; now is slot 1210.
    List<LeaderCalendar.Slot> slots = List.of(slot(1230), slot(1400), slot(1420));
    ForgingWindow w = new ForgingWindow(new LeaderCalendar(slots, slotStart(2000)), RestartTimes.none(), POLICY);
    KesRotationPlan p = KesRotationPlanner.plan(5, 100, 10, 1210, KesRotationPlannerTest::slotStart, w,
        slotStart(1210));

    assertThat(p.currentKesPeriod()).isEqualTo(12);
    assertThat(p.periodsLeft()).isEqualTo(3);
    assertThat(p.expiresAt()).isEqualTo(slotStart(1500));
    assertThat(p.dueBy()).isEqualTo(slotStart(1400));
    assertThat(p.windowsKnownUntil()).isEqualTo(slotStart(1400));
    // A rotation needs 60 s without a leader slot: after slot 1230 ends (1231) until 60 s before slot 1400; nothing
    // fits before 1230 (20 s away); the next window would start after the due date.
    assertThat(p.freeWindows()).containsExactly(new KesRotationPlan.Window(slotStart(1231),
        slotStart(1340).minusNanos(1)));
    // Every instant of a listed window is admitted by the maintenance rule itself.
    KesRotationPlan.Window first = p.freeWindows().get(0);
    assertThat(w.verdict(PlannedAction.KEY_ROTATION, false, first.opens()).admitted()).isTrue();
    assertThat(w.verdict(PlannedAction.KEY_ROTATION, false, first.closes()).admitted()).isTrue();
    assertThat(w.verdict(PlannedAction.KEY_ROTATION, false, first.closes().plusNanos(1)).admitted()).isFalse();
  }

  @Test
  void atMostThreeWindows_noneWhenTheScheduleIsUnknown_andAnExpiredCertificateHasNoPeriodsLeft() {
    List<LeaderCalendar.Slot> slots = new ArrayList<>();
    for (long s = 100; s < 2000; s += 100) {
      slots.add(slot(s));
    }
    ForgingWindow w = new ForgingWindow(new LeaderCalendar(slots, slotStart(10_000)), RestartTimes.none(), POLICY);
    KesRotationPlan p = KesRotationPlanner.plan(0, 1000, 62, 0, KesRotationPlannerTest::slotStart, w, slotStart(0));
    assertThat(p.freeWindows()).hasSize(KesRotationPlanner.WINDOWS);
    assertThat(p.freeWindows().get(0)).isEqualTo(new KesRotationPlan.Window(slotStart(0),
        slotStart(40).minusNanos(1)));
    assertThat(p.freeWindows().get(1).opens()).isEqualTo(slotStart(101));

    ForgingWindow unknown = new ForgingWindow(LeaderCalendar.unknown(), RestartTimes.none(), POLICY);
    assertThat(KesRotationPlanner.plan(0, 1000, 62, 0, KesRotationPlannerTest::slotStart, unknown, slotStart(0))
        .freeWindows()).isEmpty();

    assertThat(KesRotationPlanner.plan(0, 100, 10, 5000, KesRotationPlannerTest::slotStart, w, slotStart(5000))
        .periodsLeft()).isZero();
  }
}
