package io.palisade.console.delay;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.console.store.ConsoleDatabase;
import io.palisade.console.testing.Databases;
import io.palisade.console.testing.Domain;
import io.palisade.console.testing.MutableClock;
import io.palisade.gateway.PoolAction;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The clock guard on H2 and PostgreSQL: a wall clock that jumps forward or back holds execution, the hold survives a
 * restart, a release extends every pending wait by the forward jump, a clock set back while the console was stopped
 * is caught at start, and the chain reference both catches disagreement and ends a hold.
 */
class ClockGuardTest {
  private static final ConsoleAction REMOVE = new ConsoleAction.OnPool(new PoolAction.RemoveRelay("relay-eu-0"));

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void aForwardJumpHoldsAndNeverShortensAWait(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      DelayedAction a = ((ChangeOutcome.Queued) d.changes.request("alice", REMOVE)).queued();
      assertThat(d.guard.check().held()).isFalse();

      d.clock.jumpWall(Duration.ofDays(8)); // someone sets the clock eight days ahead
      assertThat(d.runner.tick()).isEmpty();
      assertThat(d.gateway.executed()).isEmpty();
      ClockVerdict held = d.guard.verdict();
      assertThat(held.held()).isTrue();
      assertThat(held.reason()).contains("jumped forward by 8 d");
      assertThat(held.forwardJump()).isGreaterThan(Duration.ofDays(7));

      d.guard.release("alice", "checked");
      assertThat(d.guard.verdict().held()).isFalse();
      DelayedAction extended = d.queue.find(a.id()).orElseThrow();
      assertThat(extended.holdExtension()).isGreaterThan(Duration.ofDays(7));
      assertThat(d.runner.tick()).isEmpty();
      assertThat(d.gateway.executed()).isEmpty();

      d.clock.advance(Duration.ofDays(7).plusMinutes(5)); // seven real days later
      assertThat(d.runner.tick()).containsExactly(a.id() + " done");
      assertThat(d.audit.recent(50)).extracting(e -> e.kind()).contains("clock.held", "clock.released");
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void aBackwardJumpHoldsAndTheHoldSurvivesARestart(Databases.Kind kind) {
    ConsoleDatabase db = Databases.open(kind);
    String url = db.describe();
    MutableClock clock = new MutableClock();
    try (Domain d = new Domain(db, clock, Optional.empty())) {
      d.guard.check();
      clock.jumpWall(Duration.ofHours(-3));
      assertThat(d.guard.check().reason()).containsPattern("jumped back by 2 h 5\\d min|jumped back by 3 h");
    }
    try (Domain d = new Domain(ConsoleDatabase.open(url), clock, Optional.empty())) {
      assertThat(d.guard.check().held()).isTrue();
      d.guard.release("bob", "checked");
      assertThat(d.guard.check().held()).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void aClockSetBackWhileStoppedIsCaughtAtStart(Databases.Kind kind) {
    ConsoleDatabase db = Databases.open(kind);
    String url = db.describe();
    MutableClock clock = new MutableClock();
    try (Domain d = new Domain(db, clock, Optional.empty())) {
      assertThat(d.guard.check().held()).isFalse();
    }
    clock.jumpWall(Duration.ofHours(-2));
    try (Domain d = new Domain(ConsoleDatabase.open(url), clock, Optional.empty())) {
      assertThat(d.guard.check().reason()).contains("behind the latest time this console recorded");
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void theChainIsTheReference(Databases.Kind kind) {
    MutableClock clock = new MutableClock();
    AtomicReference<Optional<Instant>> chain = new AtomicReference<>(Optional.empty());
    try (Domain d = new Domain(Databases.open(kind), clock, Optional.of(chain::get))) {
      assertThat(d.guard.check().held()).as("no tip readable: no reference").isFalse();
      chain.set(Optional.of(clock.instant().minus(Duration.ofMinutes(30))));
      ClockVerdict v = d.guard.check();
      assertThat(v.held()).isTrue();
      assertThat(v.reason()).contains("ahead of the chain's time");
      chain.set(Optional.of(clock.instant().minusSeconds(20)));
      assertThat(d.guard.check().held()).as("the chain agrees again").isFalse();
      assertThat(d.audit.recent(20)).anySatisfy(e -> {
        assertThat(e.kind()).isEqualTo("clock.released");
        assertThat(e.actor()).isEqualTo("console");
      });
    }
  }
}
