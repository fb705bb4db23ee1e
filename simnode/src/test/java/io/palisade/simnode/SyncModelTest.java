package io.palisade.simnode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The catch-up line, as a pure function of time: replay, catch up, follow, freeze, resume. */
class SyncModelTest {
  static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void replaysThenCatchesUpAtItsSpeed_thenFollowsTheClock() {
    SyncModel m = new SyncModel(T0, Duration.ofSeconds(10), 100, 1000);
    SyncModel.Position replay = m.at(T0.plusSeconds(5), 5000, false);
    assertThat(replay.isReplaying()).isTrue();
    assertThat(replay.replayProgress()).isEqualTo(50.0);
    assertThat(m.at(T0.plusSeconds(12), 5000, false).candidateSlot()).isEqualTo(1200);
    assertThat(m.at(T0.plusSeconds(100), 5000, false).candidateSlot()).isEqualTo(5000);
    assertThat(SyncModel.phaseOf(1200, 5000)).isEqualTo(NodeSnapshot.Phase.SYNCING);
    assertThat(SyncModel.phaseOf(4500, 5000)).isEqualTo(NodeSnapshot.Phase.FOLLOWING);
  }

  @Test
  void neverReady_staysBehindByTheLag() {
    SyncModel m = new SyncModel(T0, Duration.ZERO, 1000, 0);
    assertThat(m.at(T0.plusSeconds(3600), 10_000, true).candidateSlot())
        .isEqualTo(10_000 - SyncModel.NEVER_READY_LAG);
  }

  @Test
  void freeze_holdsTheSlot_resume_continuesFromIt() {
    SyncModel m = new SyncModel(T0, Duration.ZERO, 10, 0);
    assertThat(m.freeze(T0.plusSeconds(5), 1_000_000, false)).isEqualTo(50);
    assertThat(m.freeze(T0.plusSeconds(6), 1_000_000, false)).isEqualTo(-1);
    assertThat(m.at(T0.plusSeconds(60), 1_000_000, false).candidateSlot()).isEqualTo(50);
    assertThat(m.resume(T0.plusSeconds(60))).isEqualTo(50);
    assertThat(m.resume(T0.plusSeconds(61))).isEqualTo(-1);
    assertThat(m.at(T0.plusSeconds(70), 1_000_000, false).candidateSlot()).isEqualTo(150);
  }

  @Test
  void freezeDuringTheReplay_holdsTheDatabaseSlot() {
    SyncModel m = new SyncModel(T0, Duration.ofSeconds(10), 10, 700);
    assertThat(m.freeze(T0.plusSeconds(2), 5000, false)).isEqualTo(700);
    assertThat(m.resume(T0.plusSeconds(4))).isEqualTo(700);
    // Resumed before the replay ended: catch-up starts when the replay ends.
    assertThat(m.at(T0.plusSeconds(11), 5000, false).candidateSlot()).isEqualTo(710);
  }
}
