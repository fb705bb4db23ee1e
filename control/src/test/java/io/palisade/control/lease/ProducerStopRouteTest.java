package io.palisade.control.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How a planned stop of a producer goes: at once when keyless, after moving forging when it can move, else in place. */
class ProducerStopRouteTest {
  static final Instant T = Instant.parse("2026-12-05T12:00:00Z");
  static final LeaseState HELD = LeaseState.first("bp", T);

  @Test
  void theKeylessProducer_isStoppedAtOnce_whateverTheOthersState() {
    assertThat(ProducerStopRoute.of(HELD, "standby", true)).isEqualTo(ProducerStopRoute.AT_ONCE);
    assertThat(ProducerStopRoute.of(HELD, "standby", false)).isEqualTo(ProducerStopRoute.AT_ONCE);
    // A switchover asked for but not started does not touch the standby yet: stopping it only delays the move.
    assertThat(ProducerStopRoute.of(HELD.withSwitchoverRequested(T), "standby", true))
        .isEqualTo(ProducerStopRoute.AT_ONCE);
  }

  @Test
  void theHolder_movesForgingFirst_whenTheOtherCanTakeOver_elseStopsInAFreeWindow() {
    assertThat(ProducerStopRoute.of(HELD, "bp", true)).isEqualTo(ProducerStopRoute.MOVE_FIRST);
    assertThat(ProducerStopRoute.of(HELD, "bp", false)).isEqualTo(ProducerStopRoute.IN_WINDOW);
  }

  @Test
  void aMoveAskedForOrUnderWay_isWaitedFor_byBothEnds() {
    LeaseState asked = HELD.withSwitchoverRequested(T);
    assertThat(ProducerStopRoute.of(asked, "bp", true)).isEqualTo(ProducerStopRoute.AFTER_MOVE);
    assertThat(ProducerStopRoute.of(asked, "bp", false)).as("the move waits for the standby; so does the stop")
        .isEqualTo(ProducerStopRoute.AFTER_MOVE);
    LeaseState moving = HELD.withHandover(new Handover("bp", "standby", Handover.Kind.FAILOVER, T));
    assertThat(ProducerStopRoute.of(moving, "bp", true)).isEqualTo(ProducerStopRoute.AFTER_MOVE);
    assertThat(ProducerStopRoute.of(moving, "standby", true)).isEqualTo(ProducerStopRoute.AFTER_MOVE);
  }

  @Test
  void afterTheMove_theFormerHolderIsKeyless_andTheNewOneMovesBack() {
    LeaseState moved = HELD.promoted("standby", T);
    assertThat(ProducerStopRoute.of(moved, "bp", true)).isEqualTo(ProducerStopRoute.AT_ONCE);
    assertThat(ProducerStopRoute.of(moved, "standby", true)).isEqualTo(ProducerStopRoute.MOVE_FIRST);
  }

  @Test
  void withoutAStandby_theBlockProducerStopsInAFreeWindow_andOthersAtOnce() {
    assertThat(ProducerStopRoute.withoutStandby("bp", "bp")).isEqualTo(ProducerStopRoute.IN_WINDOW);
    assertThat(ProducerStopRoute.withoutStandby("bp", "relay-a-1")).isEqualTo(ProducerStopRoute.AT_ONCE);
  }
}
