package io.palisade.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.control.ControlEvent;
import io.palisade.control.ForgingWindow;
import io.palisade.control.HealthState;
import io.palisade.control.LeaderCalendar;
import io.palisade.control.MaintenancePolicy;
import io.palisade.control.NodeObservation;
import io.palisade.control.PlannedAction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The producer's maintenance for one pass: the window, the measured restarts kept in the status, the waits. */
class ProducerMaintenanceTest {
  static final Instant NOW = Instant.parse("2026-12-03T14:00:00Z");
  static final String BP = "block-producer";
  static final String SECRET = "tpool-leader-schedule";

  static PublishedSchedule slotIn(Duration d) {
    Instant at = NOW.plus(d);
    return new PublishedSchedule(new LeaderCalendar(List.of(new LeaderCalendar.Slot(42, at, at.plusSeconds(1))),
        NOW.plus(Duration.ofDays(1))), List.of(new PublishedSchedule.EpochCount(7, 1, 1)), "node", null);
  }

  static ProducerMaintenance at(Instant now, PublishedSchedule s, boolean forging,
      StakePoolStatus.MaintenanceView previous) {
    return new ProducerMaintenance(MaintenancePolicy.DEFAULT, BP, s, SECRET, forging, previous, now);
  }

  static NodeObservation ready(boolean ready, Instant at) {
    return new NodeObservation(BP, at, true, true, true, ready, ready ? HealthState.SYNCED : HealthState.SYNCING,
        null, null, null, List.of());
  }

  @Test
  void aProducerWithoutAVrfKey_forgesNothing_nothingWaits() {
    ProducerMaintenance m = at(NOW, slotIn(Duration.ofMinutes(1)), false, null);
    assertThat(m.restartVerdict(false).admitted()).isTrue();
    assertThat(m.window().verdict(PlannedAction.UPGRADE_STEP, false, NOW).admitted()).isTrue();
    assertThat(m.view(null, null).schedule).contains("forges nothing");
  }

  @Test
  void aSlotInTheWindow_makesTheRestartWait_oneEventPerWindow() {
    ProducerMaintenance m = at(NOW, slotIn(Duration.ofMinutes(2)), true, null);
    ForgingWindow.Verdict v = m.restartVerdict(false);
    assertThat(v.admitted()).isFalse();
    assertThat(m.restartVerdict(true).admitted()).as("a producer already down is never delayed").isTrue();
    assertThat(m.restartWaitEvent(v)).map(ControlEvent::reason).contains("MaintenanceWaiting");
    StakePoolStatus.MaintenanceView view = m.view(null, v);
    assertThat(view.waiting).singleElement().satisfies(w -> {
      assertThat(w.message).isEqualTo("waiting for a free window: next leader slot in 2m, window opens at "
          + NOW.plusSeconds(121));
      assertThat(w.needsOperator).isFalse();
    });
    assertThat(view.nextLeaderSlot.slot).isEqualTo(42);
    assertThat(view.epochs).singleElement().satisfies(e -> assertThat(e.toCome).isEqualTo(1));

    ProducerMaintenance later = at(NOW.plusSeconds(5), slotIn(Duration.ofMinutes(2)), true, view);
    assertThat(later.restartWaitEvent(later.restartVerdict(false))).as("same window, no new event").isEmpty();
  }

  @Test
  void anUnknownSchedule_waits_andPastTheLimitNeedsAnOperator() {
    PublishedSchedule unknown = PublishedSchedule.unknown("no leader schedule of the current epoch 7 is published");
    ProducerMaintenance m = at(NOW, unknown, true, null);
    ForgingWindow.Verdict v = m.restartVerdict(false);
    assertThat(v.admitted()).isFalse();
    StakePoolStatus.MaintenanceView first = m.view(null, v);
    assertThat(first.scheduleKnown).isFalse();
    assertThat(first.schedule).startsWith("unknown: no leader schedule of the current epoch 7 is published");
    assertThat(first.waiting.get(0).needsOperator).isFalse();

    Instant later = NOW.plus(Duration.ofHours(7));
    ProducerMaintenance m2 = at(later, unknown, true, first);
    StakePoolStatus.MaintenanceView second = m2.view(null, m2.restartVerdict(false));
    assertThat(second.waiting).singleElement().satisfies(w -> {
      assertThat(w.since).isEqualTo(NOW.toString());
      assertThat(w.needsOperator).isTrue();
      assertThat(w.message).endsWith("(waiting longer than the limit of PT6H: it needs an operator)");
    });
  }

  @Test
  void restartTimes_endOnlyInANewPod_andSurviveInTheStatus() {
    ProducerMaintenance m = at(NOW, slotIn(Duration.ofHours(1)), true, null);
    m.restarted("old-uid");
    m.observed(ready(true, NOW), "old-uid"); // the replaced pod, still seen ready: not a measurement
    StakePoolStatus.MaintenanceView v = m.view(null, null);
    assertThat(v.restartSamples).isEmpty();
    assertThat(v.restartPendingPod).isEqualTo("old-uid");

    ProducerMaintenance next = at(NOW.plusSeconds(90), slotIn(Duration.ofHours(1)), true, v);
    next.observed(ready(true, NOW.plusSeconds(90)), "new-uid");
    StakePoolStatus.MaintenanceView after = next.view(null, null);
    assertThat(after.restartSamples).containsExactly("PT1M30S");
    assertThat(after.restartPendingSince).isNull();
    assertThat(after.expectedRestartToForging).isEqualTo("PT5M");
    assertThat(after.learned).isFalse();

    StakePoolStatus.MaintenanceView edited = new StakePoolStatus.MaintenanceView();
    edited.restartSamples = List.of("ninety seconds");
    assertThat(at(NOW, slotIn(Duration.ofHours(1)), true, edited).view(null, null).restartSamples)
        .as("a hand-edited status is measured again, not a failed pass").isEmpty();
  }
}
