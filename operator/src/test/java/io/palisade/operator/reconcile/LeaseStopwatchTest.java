package io.palisade.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeaseStopwatchTest {
  static final Instant BEGUN = Instant.parse("2026-12-04T10:00:00Z");

  MutableClock clock = MutableClock.stoppedAt(BEGUN);
  LeaseStopwatch stopwatch = new LeaseStopwatch(clock::nanos);

  @Test
  void aWaitRunsOnTheMonotonicClock_notOnTheWallClock() {
    assertThat(stopwatch.since("pool trouble", BEGUN)).isZero();
    clock.jumpWall(Duration.ofHours(1));
    assertThat(stopwatch.since("pool trouble", BEGUN)).as("a wall clock stepped forward").isZero();
    clock.advance(Duration.ofSeconds(7));
    assertThat(stopwatch.since("pool trouble", BEGUN)).isEqualTo(Duration.ofSeconds(7));
    clock.jumpWall(Duration.ofHours(-3));
    assertThat(stopwatch.since("pool trouble", BEGUN)).as("a wall clock stepped back").isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void aNewBeginning_isANewWait_andAnEndedWaitCountsAgain() {
    stopwatch.since("pool move", BEGUN);
    clock.advance(Duration.ofSeconds(20));
    assertThat(stopwatch.since("pool move", BEGUN.plusSeconds(20))).as("another move").isZero();
    clock.advance(Duration.ofSeconds(5));
    assertThat(stopwatch.since("pool move", BEGUN.plusSeconds(20))).isEqualTo(Duration.ofSeconds(5));
    stopwatch.end("pool move");
    assertThat(stopwatch.since("pool move", BEGUN.plusSeconds(20))).isZero();
  }

  @Test
  void aRestartedOperator_countsFromItsRestart_neverFromTheRecordedWallTime() {
    stopwatch.since("pool trouble", BEGUN);
    clock.advance(Duration.ofSeconds(8));
    LeaseStopwatch restarted = new LeaseStopwatch(clock::nanos);
    assertThat(restarted.since("pool trouble", BEGUN)).isZero();
    clock.advance(Duration.ofSeconds(3));
    assertThat(restarted.since("pool trouble", BEGUN)).isEqualTo(Duration.ofSeconds(3));
    assertThat(stopwatch.since("pool trouble", BEGUN)).isEqualTo(Duration.ofSeconds(11));
  }

  @Test
  void waitsOfDifferentKeysAreApart() {
    stopwatch.since("a trouble", BEGUN);
    clock.advance(Duration.ofSeconds(4));
    assertThat(stopwatch.since("b trouble", BEGUN)).isZero();
    assertThat(stopwatch.since("a trouble", BEGUN)).isEqualTo(Duration.ofSeconds(4));
  }
}
