package io.palisade.console.delay;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.console.store.ConsoleDatabase;
import io.palisade.console.testing.Databases;
import io.palisade.console.testing.Domain;
import io.palisade.testing.MutableClock;
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
      assertThat(held.reason()).contains("moved 8 d", "further than the monotonic clock");
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
      assertThat(d.guard.check().reason()).containsPattern("went back by (2 h 5\\d min|3 h)");
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
      assertThat(d.guard.check().reason()).as("no tip readable since the start: no trustworthy reference yet")
          .contains("no trustworthy time reference yet");
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

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void aSlowCreepWhileRunningAddsUpAndHolds(Databases.Kind kind) {
    // Issue 16: twelve steps of +100 s, 12 s apart (+20 min), were each under the tick-to-tick tolerance.
    try (Domain d = Domain.on(Databases.open(kind))) {
      DelayedAction a = ((ChangeOutcome.Queued) d.changes.request("alice", REMOVE)).queued();
      assertThat(d.guard.check().held()).isFalse();
      for (int i = 0; i < 12; i++) {
        d.clock.advance(Duration.ofSeconds(12));
        d.clock.jumpWall(Duration.ofSeconds(100));
        d.runner.tick();
      }
      ClockVerdict v = d.guard.verdict();
      assertThat(v.held()).isTrue();
      assertThat(v.reason()).contains("further than the monotonic clock");
      assertThat(d.gateway.executed()).isEmpty();
      assertThat(d.queue.find(a.id()).orElseThrow().state()).isEqualTo(ActionState.PENDING);
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void aJumpWhileStoppedIsCaughtByTheChainAtTheNextStart(Databases.Kind kind) {
    // Issue 16: stopped, the clock moved +169 h, restarted: the queued action ran at once.
    ConsoleDatabase db = Databases.open(kind);
    String url = db.describe();
    MutableClock clock = new MutableClock();
    AtomicReference<Optional<Instant>> chain = new AtomicReference<>(Optional.of(clock.instant()));
    DelayedAction a;
    java.nio.file.Path dir;
    try (Domain d = new Domain(db, clock, Optional.of(chain::get))) {
      assertThat(d.guard.check().held()).isFalse();
      a = ((ChangeOutcome.Queued) d.changes.request("alice", REMOVE)).queued();
      dir = d.dir;
    }
    clock.advance(Duration.ofHours(1));
    chain.set(Optional.of(clock.instant().minusSeconds(20))); // the chain's real time
    clock.jumpWall(Duration.ofHours(169)); // the wall clock, while the console was stopped
    try (Domain d = new Domain(ConsoleDatabase.open(url), clock, Optional.of(chain::get), dir)) {
      assertThat(d.runner.tick()).isEmpty();
      assertThat(d.gateway.executed()).isEmpty();
      assertThat(d.guard.verdict().reason()).contains("ahead of the chain's time");
      assertThat(d.queue.find(a.id()).orElseThrow().state()).isEqualTo(ActionState.PENDING);
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void aConsoleStartingWithoutAReadableChainHoldsDueActionsUntilItHasOne(Databases.Kind kind) {
    ConsoleDatabase db = Databases.open(kind);
    String url = db.describe();
    MutableClock clock = new MutableClock();
    AtomicReference<Optional<Instant>> chain = new AtomicReference<>(Optional.of(clock.instant()));
    DelayedAction a;
    java.nio.file.Path dir;
    try (Domain d = new Domain(db, clock, Optional.of(chain::get))) {
      d.guard.check();
      a = ((ChangeOutcome.Queued) d.changes.request("alice", REMOVE)).queued();
      dir = d.dir;
    }
    clock.advance(Duration.ofDays(7).plusMinutes(5));
    chain.set(Optional.empty()); // no node answers at start: a forward jump could not be told from real time
    try (Domain d = new Domain(ConsoleDatabase.open(url), clock, Optional.of(chain::get), dir)) {
      assertThat(d.runner.tick()).isEmpty();
      assertThat(d.guard.verdict().reason()).contains("no trustworthy time reference yet");
      assertThat(d.gateway.executed()).isEmpty();
      chain.set(Optional.of(clock.instant().minusSeconds(20)));
      assertThat(d.runner.tick()).containsExactly(a.id() + " done");
    }
  }
}
