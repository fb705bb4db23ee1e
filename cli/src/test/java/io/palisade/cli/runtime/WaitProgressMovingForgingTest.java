package io.palisade.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.control.RolloutState;
import io.palisade.spec.NodeVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The words status and {@code upgrade --wait} use for a rollout moving forging (issue 18). */
class WaitProgressMovingForgingTest {
  static final Instant T = Instant.parse("2026-12-04T12:00:00Z");
  static final NodeVersion V1 = NodeVersion.parse("10.5.3");
  static final NodeVersion V2 = NodeVersion.parse("10.6.0");

  static RolloutState moving(String failure) {
    return new RolloutState("r", V1, V2, T, List.of("block-producer-standby", "block-producer"),
        List.of("block-producer-standby"), Map.of(), RolloutState.Phase.MOVING_FORGING, "block-producer-standby", T,
        null, null, failure, List.of(), null);
  }

  @Test
  void aMoveBeforeTheHoldersUpgrade_saysWhereForgingGoesAndForHowLong() {
    assertThat(WaitProgress.movingForging(moving(null), T.plusSeconds(4)))
        .isEqualTo("moving forging to block-producer-standby before upgrading the lease holder to 10.6.0, 4s so far");
  }

  @Test
  void aMoveDuringARollback_saysItRestores() {
    assertThat(WaitProgress.movingForging(moving("block-producer failed"), T.plusSeconds(4)))
        .startsWith("moving forging to block-producer-standby before restoring the lease holder (rolling back)");
  }
}
