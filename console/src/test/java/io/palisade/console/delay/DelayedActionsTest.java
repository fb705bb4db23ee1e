package io.palisade.console.delay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.console.RefusedException;
import io.palisade.console.account.Passkeys;
import io.palisade.console.audit.AuditWriteException;
import io.palisade.console.store.ConsoleDatabase;
import io.palisade.console.testing.Databases;
import io.palisade.console.testing.Domain;
import io.palisade.testing.MutableClock;
import io.palisade.gateway.KeyRole;
import io.palisade.gateway.PoolAction;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The delayed-action queue on H2 and on a real PostgreSQL: destructive actions wait seven days, can be cancelled,
 * run automatically when due, expire after the grace period, survive a restart, are refused when tampered with, and
 * never happen when their audit entry cannot be written.
 */
class DelayedActionsTest {
  private static final ConsoleAction REMOVE_RELAY = new ConsoleAction.OnPool(new PoolAction.RemoveRelay("relay-eu-0"));

  private static DelayedAction queue(Domain d, ConsoleAction a) {
    return ((ChangeOutcome.Queued) d.changes.request("alice", a)).queued();
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void aDestructiveActionRunsOnlyAfterSevenDays(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      DelayedAction a = queue(d, REMOVE_RELAY);
      assertThat(Duration.between(a.requestedAt(), a.notBefore())).isEqualTo(Duration.ofDays(7));
      assertThat(d.gateway.executed()).isEmpty();

      d.clock.advance(Duration.ofDays(7).minusSeconds(5));
      assertThat(d.runner.tick()).isEmpty();
      assertThat(d.gateway.executed()).isEmpty();

      d.clock.advance(Duration.ofSeconds(10));
      assertThat(d.runner.tick()).containsExactly(a.id() + " done");
      assertThat(d.gateway.executed()).containsExactly(new PoolAction.RemoveRelay("relay-eu-0"));
      assertThat(d.queue.find(a.id())).get().extracting(DelayedAction::state).isEqualTo(ActionState.DONE);
      assertThat(d.runner.tick()).isEmpty();
      assertThat(d.gateway.executed()).hasSize(1);
      assertThat(d.audit.find("action.executing", a.id())).hasSize(1);
      assertThat(d.audit.find("action.done", a.id())).hasSize(1);
      assertThat(d.verifier.verify(Optional.empty()).intact()).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void whatThePoolRefusesNowIsNotQueued_butRecorded_andWhatItAcceptsIsStillCheckedWhenItRuns(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      d.gateway.refuse(new PoolAction.RemoveRelay("block-producer"), "block-producer is not a relay");
      assertThatThrownBy(() -> d.changes.request("alice", new ConsoleAction.OnPool(
          new PoolAction.RemoveRelay("block-producer")))).isInstanceOf(RefusedException.class)
          .hasMessage("the pool refuses it now, so nothing was queued: block-producer is not a relay");
      assertThat(d.queue.recent(10)).isEmpty();
      assertThat(d.audit.find("action.refused", "")).singleElement().satisfies(e -> {
        assertThat(e.actor()).isEqualTo("alice");
        assertThat(e.detail()).isEqualTo("not queued: remove relay block-producer: the pool refuses it now:"
            + " block-producer is not a relay");
      });

      // Accepted now, refused when due (the pool changed meanwhile): the run-time check still decides.
      DelayedAction a = queue(d, REMOVE_RELAY);
      d.gateway.refuse(new PoolAction.RemoveRelay("relay-eu-0"), "relay-eu-0 is the block producer's last ready"
          + " relay; wait until another relay is ready");
      d.clock.advance(Duration.ofDays(7).plusMinutes(1));
      d.runner.tick();
      assertThat(d.queue.find(a.id())).get().satisfies(x -> {
        assertThat(x.state()).isEqualTo(ActionState.FAILED);
        assertThat(x.outcome()).contains("last ready relay");
      });
      assertThat(d.gateway.executed()).isEmpty();
      assertThat(d.verifier.verify(Optional.empty()).intact()).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void nonDestructiveActionsRunAtOnce(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      ChangeOutcome o = d.changes.request("alice", new ConsoleAction.OnPool(new PoolAction.Upgrade("10.6.1")));
      assertThat(o).isInstanceOf(ChangeOutcome.Executed.class);
      d.changes.request("alice", new ConsoleAction.OnPool(new PoolAction.AddRelay("ap-south")));
      assertThat(d.gateway.executed())
          .containsExactly(new PoolAction.Upgrade("10.6.1"), new PoolAction.AddRelay("ap-south"));
      assertThat(d.queue.recent(10)).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void eitherOperatorCancels(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      DelayedAction a = queue(d, new ConsoleAction.OnPool(new PoolAction.DeletePool()));
      assertThat(d.changes.cancel("bob", a.id()).state()).isEqualTo(ActionState.CANCELLED);
      assertThatThrownBy(() -> d.changes.cancel("alice", a.id())).isInstanceOf(RefusedException.class)
          .hasMessageContaining("cancelled");
      d.clock.advance(Duration.ofDays(8));
      d.runner.tick();
      assertThat(d.gateway.executed()).isEmpty();
      assertThat(d.audit.find("action.cancelled", a.id())).singleElement()
          .satisfies(e -> assertThat(e.actor()).isEqualTo("bob"));
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void expiresAfterTheGracePeriod(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      DelayedAction a = queue(d, new ConsoleAction.OnPool(new PoolAction.RotateKeys(KeyRole.KES)));
      // The console was down for the whole window: nothing ran it in time.
      d.clock.advance(Duration.ofDays(7).plus(Domain.GRACE).plusMinutes(1));
      assertThat(d.runner.tick()).containsExactly(a.id() + " expired");
      assertThat(d.gateway.executed()).isEmpty();
      assertThat(d.queue.find(a.id()).orElseThrow().state()).isEqualTo(ActionState.EXPIRED);
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void survivesARestart(Databases.Kind kind) {
    ConsoleDatabase db = Databases.open(kind);
    String url = db.describe();
    MutableClock clock = new MutableClock();
    DelayedAction a;
    java.nio.file.Path dir;
    try (Domain d = new Domain(db, clock, Optional.empty())) {
      a = queue(d, REMOVE_RELAY);
      dir = d.dir;
    }
    clock.advance(Duration.ofDays(7).plusMinutes(1));
    // The same console (its data directory holds the witness key that signed the queue) after a restart.
    try (Domain d = new Domain(ConsoleDatabase.open(url), clock, Optional.empty(), dir)) {
      assertThat(d.runner.recoverInterrupted()).isZero();
      assertThat(d.runner.tick()).containsExactly(a.id() + " done");
      assertThat(d.gateway.executed()).containsExactly(new PoolAction.RemoveRelay("relay-eu-0"));
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void anActionInterruptedByACrashIsNotRunAgainBlindly(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      DelayedAction a = queue(d, REMOVE_RELAY);
      d.db.transaction(c -> d.queue.move(c, a.id(), ActionState.PENDING, ActionState.EXECUTING, "console", "x"));
      assertThat(d.runner.recoverInterrupted()).isEqualTo(1);
      assertThat(d.queue.find(a.id()).orElseThrow().state()).isEqualTo(ActionState.FAILED);
      assertThat(d.queue.find(a.id()).orElseThrow().outcome()).contains("outcome is unknown");
      d.clock.advance(Duration.ofDays(8));
      d.runner.tick();
      assertThat(d.gateway.executed()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void aPayloadEditedInTheDatabaseIsRefused(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      DelayedAction a = queue(d, REMOVE_RELAY);
      d.db.transaction(c -> {
        try (PreparedStatement ps = c.prepareStatement("UPDATE delayed_action SET payload = ? WHERE id = ?")) {
          ps.setString(1, CanonicalPayload.encode(new ConsoleAction.OnPool(new PoolAction.DeletePool())));
          ps.setString(2, a.id());
          return ps.executeUpdate();
        }
      });
      d.clock.advance(Duration.ofDays(7).plusMinutes(1));
      assertThat(d.runner.tick()).containsExactly(a.id() + " refused");
      assertThat(d.gateway.executed()).isEmpty();
      assertThat(d.queue.find(a.id()).orElseThrow().outcome()).contains("no longer match its hash");
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void anActionMadeDueSoonerWithARecomputedHashIsRefused(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      DelayedAction a = queue(d, REMOVE_RELAY);
      // Someone with the database moves the request back eight days and recomputes the hash.
      long requested = a.requestedAt().minus(Duration.ofDays(8)).toEpochMilli();
      long notBefore = requested + Duration.ofDays(7).toMillis();
      long expires = notBefore + Domain.GRACE.toMillis();
      String hash = ActionHash.of(a.id(), a.payload(), a.requestedBy(), requested, notBefore, expires);
      d.db.transaction(c -> {
        try (PreparedStatement ps = c.prepareStatement("UPDATE delayed_action SET requested_at = ?, not_before = ?,"
            + " expires_at = ?, action_hash = ? WHERE id = ?")) {
          ps.setLong(1, requested);
          ps.setLong(2, notBefore);
          ps.setLong(3, expires);
          ps.setString(4, hash);
          ps.setString(5, a.id());
          return ps.executeUpdate();
        }
      });
      assertThat(d.runner.tick()).containsExactly(a.id() + " refused");
      assertThat(d.gateway.executed()).isEmpty();
      assertThat(d.queue.find(a.id()).orElseThrow().outcome())
          .contains("records another hash", "less than 7 days ago");
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void theDatabaseRefusesAWaitBelowTheFloor(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      assertThatThrownBy(() -> d.db.transaction(c -> {
        try (Statement s = c.createStatement()) {
          return s.executeUpdate("INSERT INTO delayed_action (id, kind, payload, action_hash, requested_by,"
              + " requested_at, not_before, expires_at, state, state_at) VALUES ('x', 'k', '{}', 'h', 'alice', 0,"
              + " 86400000, 999999999999, 'PENDING', 0)");
        }
      })).hasMessageMatching("(?is).*(constraint|check|violat).*");
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void consoleActionsRunInsideTheConsole(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      d.enroll(d.enrollment.issueFirstLink(), "alice");
      d.enroll(d.enrollment.invite("alice"), "bob");
      DelayedAction removeBob = queue(d, new ConsoleAction.RemoveOperator("bob"));
      DelayedAction longer = queue(d, new ConsoleAction.ChangeDelay(Duration.ofDays(10)));
      DelayedAction totp = queue(d, new ConsoleAction.RemoveFactor("alice", ConsoleAction.FactorKind.TOTP, ""));
      d.clock.advance(Duration.ofDays(7).plusMinutes(1));
      assertThat(d.runner.tick())
          .containsExactlyInAnyOrder(removeBob.id() + " done", longer.id() + " done", totp.id() + " failed");
      assertThat(d.operators.active()).extracting(o -> o.username()).containsExactly("alice");
      assertThat(d.delays.current()).isEqualTo(Duration.ofDays(10));
      // Alice has no passkey: removing her TOTP would leave no second factor.
      assertThat(d.queue.find(totp.id()).orElseThrow().outcome()).contains("no passkey");
      assertThat(d.operators.find("alice").orElseThrow().hasTotp()).isTrue();
      // The new delay applies to what is queued next.
      DelayedAction next = queue(d, REMOVE_RELAY);
      assertThat(Duration.between(next.requestedAt(), next.notBefore())).isEqualTo(Duration.ofDays(10));
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void aPasskeyRemovalRunsWhenDue(Databases.Kind kind) {
    // The removal read the operator in a second transaction while the runner's held the write lock: on SQLite that
    // one waited out the busy timeout and the removal failed, every time.
    try (Domain d = Domain.on(Databases.open(kind))) {
      d.enroll(d.enrollment.issueFirstLink(), "alice");
      addPasskey(d, "alice", "Y3JlZC0x");
      DelayedAction removal = queue(d, new ConsoleAction.RemoveFactor("alice", ConsoleAction.FactorKind.PASSKEY,
          "Y3JlZC0x"));
      d.clock.advance(Duration.ofDays(7).plusMinutes(1));
      long started = System.nanoTime();
      assertThat(d.runner.tick()).containsExactly(removal.id() + " done");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no lock wait").isLessThan(Duration.ofSeconds(5));
      java.util.List<Passkeys.Passkey> left = d.db.transaction(c -> Passkeys.list(c, "alice"));
      assertThat(left).isEmpty();
      assertThat(d.operators.find("alice").orElseThrow().hasTotp()).as("TOTP is still there").isTrue();
    }
  }

  private static void addPasskey(Domain d, String username, String credentialId) {
    d.db.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_entities (id, name, display_name)"
          + " VALUES (?, ?, ?)")) {
        ps.setString(1, "user-" + username);
        ps.setString(2, username);
        ps.setString(3, username);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_credentials (credential_id,"
          + " user_entity_user_id, public_key, backup_eligible, backup_state, label, created)"
          + " VALUES (?, ?, ?, FALSE, FALSE, 'laptop', ?)")) {
        ps.setString(1, credentialId);
        ps.setString(2, "user-" + username);
        ps.setBytes(3, new byte[] {1, 2, 3});
        ps.setTimestamp(4, java.sql.Timestamp.from(d.clock.instant()));
        ps.executeUpdate();
      }
      return null;
    });
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void nothingHappensWhenTheAuditLogCannotBeWritten(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      DelayedAction queued = queue(d, REMOVE_RELAY);
      d.db.transaction(c -> {
        try (Statement s = c.createStatement()) {
          s.execute("ALTER TABLE audit_event RENAME TO audit_event_gone");
        }
        return null;
      });
      assertThatThrownBy(() -> d.changes.request("alice",
          new ConsoleAction.OnPool(new PoolAction.Upgrade("10.6.1")))).isInstanceOf(AuditWriteException.class);
      assertThatThrownBy(() -> d.changes.request("alice", new ConsoleAction.OnPool(new PoolAction.DeletePool())))
          .isInstanceOf(AuditWriteException.class);
      assertThatThrownBy(() -> d.changes.cancel("alice", queued.id())).isInstanceOf(AuditWriteException.class);
      d.clock.advance(Duration.ofDays(7).plusMinutes(1));
      try {
        d.runner.tick();
      } catch (RuntimeException expected) {
        // the runner cannot record, so it cannot run
      }
      assertThat(d.gateway.executed()).isEmpty();
      assertThat(d.queue.recent(10)).singleElement().satisfies(a -> {
        assertThat(a.id()).isEqualTo(queued.id());
        assertThat(a.state()).isEqualTo(ActionState.PENDING);
      });
    }
  }
}
