package io.palisade.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.spec.MaintenanceSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The spec's {@code blockProducer.maintenance} over a runtime's default policy. */
class MaintenancePolicyTest {
  @Test
  void theSpecSetsMarginWaitLimitAndClockTolerance_andWhatItLeavesOutKeepsTheDefault() {
    MaintenancePolicy p = MaintenancePolicy.DEFAULT.with(new MaintenanceSpec(Duration.ofMinutes(2), null,
        Duration.ofSeconds(45)));
    assertThat(p.margin()).isEqualTo(Duration.ofMinutes(2));
    assertThat(p.maxWait()).isEqualTo(Duration.ofHours(6));
    assertThat(p.clockTolerance()).isEqualTo(Duration.ofSeconds(45));
    assertThat(p.defaultRestartToForging()).isEqualTo(Duration.ofMinutes(5));
    assertThat(MaintenancePolicy.DEFAULT.with(null)).isEqualTo(MaintenancePolicy.DEFAULT);
    assertThat(MaintenancePolicy.DEFAULT.with(new MaintenanceSpec(null, Duration.ofHours(12), null)).maxWait())
        .isEqualTo(Duration.ofHours(12));
    // The window the gate needs grows with the margin the spec sets.
    assertThat(new ForgingWindow(LeaderCalendar.notForging(), RestartTimes.none(), p).needed())
        .isEqualTo(Duration.ofMinutes(7));
  }
}
