package io.palisade.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.control.KesRotationPlan;
import io.palisade.control.api.MaintenanceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status line of leader-aware maintenance. */
class StatusMaintenanceTextTest {
  static final Instant AT = Instant.parse("2026-12-03T14:02:28Z");

  static String text(MaintenanceStatus m) {
    return String.join("\n", StatusText.maintenanceLines(m, AT)) + "\n";
  }

  @Test
  void learnedTime_nextSlot_andWhatWaits() {
    String t = text(new MaintenanceStatus("block-producer", Duration.ofSeconds(95), 5, true,
        AT.plusSeconds(192), List.of("the upgrade of block-producer: waiting for a free window: next leader slot in"
        + " 3m12s, window opens at 2026-12-03T14:05:41Z"), AT.plusSeconds(193), false));
    assertThat(t).isEqualTo("maintenance: block-producer back to forging in 1m35s after a restart (learned from its"
        + " last 5 restarts), next leader slot in 3m12s (2026-12-03T14:05:40Z)\n"
        + "  the upgrade of block-producer: waiting for a free window: next leader slot in 3m12s, window opens at"
        + " 2026-12-03T14:05:41Z\n");
  }

  @Test
  void defaultTime_unknownSchedule() {
    assertThat(text(new MaintenanceStatus("bp", Duration.ofMinutes(5), 1, false, null, List.of(), null, false)))
        .isEqualTo("maintenance: bp back to forging in 5m after a restart (default until enough restarts are"
            + " measured, 1 so far), next leader slot not known yet\n");
  }

  @Test
  void theKesRotationPlan_dueDate_andTheFreeWindowsBeforeIt() {
    KesRotationPlan plan = new KesRotationPlan(700, 650, 12, Instant.parse("2026-12-09T12:00:00Z"),
        Instant.parse("2026-12-08T00:00:00Z"), List.of(new KesRotationPlan.Window(AT, AT.plusSeconds(100)),
        new KesRotationPlan.Window(AT.plusSeconds(300), AT.plusSeconds(900))), Instant.parse("2026-12-05T00:00:00Z"));
    assertThat(text(new MaintenanceStatus("bp", Duration.ofMinutes(5), 1, false, null, List.of(), null, false, plan)))
        .endsWith("\n  KES rotation due by 2026-12-08T00:00:00Z (the certificate expires 2026-12-09T12:00:00Z, 12"
            + " KES periods left); free windows: 2026-12-03T14:02:28Z to 2026-12-03T14:04:08Z, 2026-12-03T14:07:28Z"
            + " to 2026-12-03T14:17:28Z\n");
    KesRotationPlan none = new KesRotationPlan(700, 650, 12, Instant.parse("2026-12-09T12:00:00Z"),
        Instant.parse("2026-12-08T00:00:00Z"), List.of(), Instant.parse("2026-12-05T00:00:00Z"));
    assertThat(text(new MaintenanceStatus("bp", Duration.ofMinutes(5), 1, false, null, List.of(), null, false, none)))
        .contains("free windows: none known before 2026-12-05T00:00:00Z");
  }
}
