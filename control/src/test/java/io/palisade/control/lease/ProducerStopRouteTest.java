package io.palisade.control.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How a planned stop of a producer goes: at once when keyless, after moving forging when it can move, else in place. */
class ProducerStopRouteTest {
  static final Instant T = Instant.parse("2026-12-05T12:00:00Z");
  static final LeaseState HELD = LeaseState.first("bp", T);

  static final Duration WAIT = Duration.ofMinutes(30);

  static ProducerStopRoute route(LeaseState s, String node, boolean otherReady) {
    return ProducerStopRoute.of(s, node, otherReady, Duration.ZERO, WAIT);
  }

  @Test
  void theKeylessProducer_isStoppedAtOnce_whateverTheOthersState() {
    assertThat(route(HELD, "standby", true)).isEqualTo(ProducerStopRoute.AT_ONCE);
    assertThat(route(HELD, "standby", false)).isEqualTo(ProducerStopRoute.AT_ONCE);
    // A switchover asked for but not started does not touch the standby yet: stopping it only delays the move.
    assertThat(route(HELD.withSwitchoverRequested(T), "standby", true))
        .isEqualTo(ProducerStopRoute.AT_ONCE);
  }

  @Test
  void theHolder_movesForgingFirst_whenTheOtherCanTakeOver_elseWaitsForIt_thenStopsInAFreeWindow() {
    assertThat(route(HELD, "bp", true)).isEqualTo(ProducerStopRoute.MOVE_FIRST);
    assertThat(route(HELD, "bp", false)).as("just asked: it waits for the other")
        .isEqualTo(ProducerStopRoute.AWAIT_STANDBY);
    assertThat(ProducerStopRoute.of(HELD, "bp", false, WAIT.minusSeconds(1), WAIT))
        .isEqualTo(ProducerStopRoute.AWAIT_STANDBY);
    assertThat(ProducerStopRoute.of(HELD, "bp", false, WAIT, WAIT)).as("waited long enough: in place")
        .isEqualTo(ProducerStopRoute.IN_WINDOW);
    assertThat(ProducerStopRoute.of(HELD, "bp", true, WAIT.multipliedBy(2), WAIT)).as("ready at last: it moves")
        .isEqualTo(ProducerStopRoute.MOVE_FIRST);
  }

  @Test
  void whereForgingNeverMovesFirst_theHolderStopsInAWindow_andWaitsForAMoveUnderWay() {
    assertThat(ProducerStopRoute.inPlace(HELD, "bp")).isEqualTo(ProducerStopRoute.IN_WINDOW);
    assertThat(ProducerStopRoute.inPlace(HELD, "standby")).isEqualTo(ProducerStopRoute.AT_ONCE);
    assertThat(ProducerStopRoute.inPlace(HELD.withSwitchoverRequested(T), "bp"))
        .isEqualTo(ProducerStopRoute.AFTER_MOVE);
  }

  @Test
  void aMoveAskedForOrUnderWay_isWaitedFor_byBothEnds() {
    LeaseState asked = HELD.withSwitchoverRequested(T);
    assertThat(route(asked, "bp", true)).isEqualTo(ProducerStopRoute.AFTER_MOVE);
    assertThat(route(asked, "bp", false)).as("the move waits for the standby; so does the stop")
        .isEqualTo(ProducerStopRoute.AFTER_MOVE);
    LeaseState moving = HELD.withHandover(new Handover("bp", "standby", Handover.Kind.FAILOVER, T));
    assertThat(route(moving, "bp", true)).isEqualTo(ProducerStopRoute.AFTER_MOVE);
    assertThat(route(moving, "standby", true)).isEqualTo(ProducerStopRoute.AFTER_MOVE);
  }

  @Test
  void afterTheMove_theFormerHolderIsKeyless_andTheNewOneMovesBack() {
    LeaseState moved = HELD.promoted("standby", T);
    assertThat(route(moved, "bp", true)).isEqualTo(ProducerStopRoute.AT_ONCE);
    assertThat(route(moved, "standby", true)).isEqualTo(ProducerStopRoute.MOVE_FIRST);
  }

  @Test
  void withoutAStandby_theBlockProducerStopsInAFreeWindow_andOthersAtOnce() {
    assertThat(ProducerStopRoute.withoutStandby("bp", "bp")).isEqualTo(ProducerStopRoute.IN_WINDOW);
    assertThat(ProducerStopRoute.withoutStandby("bp", "relay-a-1")).isEqualTo(ProducerStopRoute.AT_ONCE);
  }
}
