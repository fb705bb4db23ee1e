package io.palisade.console.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.console.RefusedException;
import io.palisade.console.testing.Databases;
import io.palisade.console.testing.Domain;
import io.palisade.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Operators on SQLite and on a real PostgreSQL: the first through the terminal link, the second through an invitation,
 * a third refused by the code and by the database; links are single-use and expire; TOTP codes are single-use. The
 * clock stands still unless a test moves it: these assertions hold within one TOTP step, and a clock running with real
 * time crossed a step boundary during an enrollment now and then (a code of the next step is fresh, so "the enrollment
 * spent the current step" failed once in a full suite as ACCEPTED instead of REPLAYED).
 */
class OperatorsTest {
  /** The worst moment for a check that must stay within one step: any time passing would cross into the next. */
  private static MutableClock lastMillisecondOfAStep() {
    long step = Totp.STEP.toMillis();
    return MutableClock.stoppedAt(Instant.ofEpochMilli((Instant.parse("2026-12-01T12:00:00Z").toEpochMilli() / step + 1)
        * step - 1));
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void atMostTwoOperators(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind), lastMillisecondOfAStep())) {
      String first = d.enrollment.issueFirstLink();
      d.enroll(first, "alice");
      assertThatThrownBy(() -> d.enroll(first, "mallory")).isInstanceOf(RefusedException.class)
          .hasMessageContaining("already used");
      assertThatThrownBy(d.enrollment::issueFirstLink).hasMessageContaining("already exists");

      String invite = d.enrollment.invite("alice");
      d.enroll(invite, "bob");
      assertThat(d.operators.active()).extracting(Operator::username).containsExactly("alice", "bob");
      assertThat(d.operators.active()).extracting(Operator::slot).containsExactly(1, 2);

      assertThatThrownBy(() -> d.enrollment.invite("alice")).isInstanceOf(RefusedException.class)
          .hasMessageContaining("already has 2 operators");
      assertThatThrownBy(() -> d.enroll(invite, "carol")).isInstanceOf(RefusedException.class);
      assertThatThrownBy(() -> d.enrollment.invite("mallory")).hasMessageContaining("not an operator");

      // The database refuses a third active operator even if the code were bypassed.
      for (int slot : new int[] {1, 2, 3}) {
        assertThatThrownBy(() -> d.db.transaction(c -> {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO operator (username, slot, password_hash,"
              + " totp_secret, totp_last_step, created_at) VALUES ('carol', ?, 'x', '', 0, 0)")) {
            ps.setInt(1, slot);
            return ps.executeUpdate();
          }
        })).as("slot " + slot).hasMessageMatching("(?is).*(constraint|unique|check|violat).*");
      }
      assertThat(d.operators.active()).hasSize(2);
      assertThat(d.audit.recent(100)).extracting(e -> e.kind())
          .contains("operator.enrolled", "operator.invited", "enrollment.link-issued");
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void aRemovedOperatorFreesTheirSlot(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind), lastMillisecondOfAStep())) {
      d.enroll(d.enrollment.issueFirstLink(), "alice");
      d.enroll(d.enrollment.invite("alice"), "bob");
      d.db.transaction(c -> {
        d.operators.remove(c, "alice");
        return null;
      });
      assertThat(d.operators.active()).extracting(Operator::username).containsExactly("bob");
      assertThat(d.operators.passwordHash("alice")).isEmpty();
      d.enroll(d.enrollment.invite("bob"), "carol");
      assertThat(d.operators.active()).extracting(Operator::slot).containsExactlyInAnyOrder(1, 2);
      assertThatThrownBy(() -> d.enroll(d.enrollment.invite("bob"), "alice")).isInstanceOf(RefusedException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void linksExpireAndInputIsChecked(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind), lastMillisecondOfAStep())) {
      String first = d.enrollment.issueFirstLink();
      TotpSecret s = d.enrollment.newTotpSecret();
      assertThatThrownBy(() -> d.enrollment.enroll(first, "Alice!", "a long enough passphrase", s, d.code(s), "t"))
          .hasMessageContaining("username");
      assertThatThrownBy(() -> d.enrollment.enroll(first, "alice", "short", s, d.code(s), "t"))
          .hasMessageContaining("at least 12");
      assertThatThrownBy(() -> d.enrollment.enroll(first, "alice", "a long enough passphrase", s, "000000x", "t"))
          .hasMessageContaining("does not match");
      assertThat(d.enrollment.checkLink(first)).isPresent();
      assertThat(d.enrollment.checkLink("forged")).isEmpty();
      d.clock.advance(EnrollmentRules.LINK_VALIDITY.plus(Duration.ofMinutes(1)));
      assertThat(d.enrollment.checkLink(first)).isEmpty();
      assertThatThrownBy(() -> d.enrollment.enroll(first, "alice", "a long enough passphrase", s, d.code(s), "t"))
          .hasMessageContaining("expired");
      assertThat(d.operators.active()).isEmpty();
      // A new link replaces the old one.
      String again = d.enrollment.issueFirstLink();
      d.enroll(again, "alice");
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void aTotpCodeWorksOnce(Databases.Kind kind) {
    // A fixed secret on a stopped clock: every code below is known in advance, and no two of them collide.
    TotpSecret s = TotpSecret.of("a fixed test secret!".getBytes(StandardCharsets.US_ASCII));
    try (Domain d = Domain.on(Databases.open(kind), lastMillisecondOfAStep())) {
      // The replay is of the very code the enrollment used, not of "the code now": once a step boundary is crossed,
      // the code now is the next step's, which is fresh (the flake of issue 12: ACCEPTED instead of REPLAYED).
      String enrolledWith = d.code(s);
      d.enrollment.enroll(d.enrollment.issueFirstLink(), "alice", "a long enough passphrase", s, enrolledWith, "t");
      assertThat(d.totp.verify("alice", enrolledWith, "test")).isEqualTo(TotpCheck.REPLAYED);
      // One step later the enrollment's code is still inside the window, and still spent.
      d.clock.advance(Totp.STEP);
      assertThat(d.totp.verify("alice", enrolledWith, "test")).isEqualTo(TotpCheck.REPLAYED);
      String code = d.code(s);
      assertThat(code).isNotEqualTo(enrolledWith);
      assertThat(d.totp.verify("alice", "000000".equals(code) ? "111111" : "000000", "test"))
          .isEqualTo(TotpCheck.WRONG);
      assertThat(d.totp.verify("alice", code, "test")).isEqualTo(TotpCheck.ACCEPTED);
      assertThat(d.totp.verify("alice", code, "test")).isEqualTo(TotpCheck.REPLAYED);
      // An older code, still inside the window, is refused too: the spent step only moves forward.
      d.clock.advance(Totp.STEP);
      String newer = d.code(s);
      assertThat(d.totp.verify("alice", newer, "test")).isEqualTo(TotpCheck.ACCEPTED);
      assertThat(d.totp.verify("alice", code, "test")).isEqualTo(TotpCheck.REPLAYED);
      assertThat(d.totp.verify("nobody", newer, "test")).isEqualTo(TotpCheck.NOT_SET_UP);
      assertThat(d.audit.recent(50)).filteredOn(e -> e.kind().equals("factor.totp-failed"))
          .anySatisfy(e -> assertThat(e.detail()).contains("replay"));
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void aStepAcceptedUnderAShiftedClockDoesNotLockTheOperatorOut(Databases.Kind kind) {
    // Issue 16: a TOTP step accepted while the clock was 169 h ahead made every later code a "replay".
    try (Domain d = Domain.on(Databases.open(kind), lastMillisecondOfAStep())) {
      TotpSecret alice = d.enroll(d.enrollment.issueFirstLink(), "alice");
      d.clock.jumpWall(Duration.ofHours(169));
      d.clock.advance(Totp.STEP);
      assertThat(d.totp.verify("alice", d.code(alice), "login")).isEqualTo(TotpCheck.ACCEPTED);
      d.clock.jumpWall(Duration.ofHours(-169)); // the clock is corrected
      d.clock.advance(Totp.STEP);
      String code = d.code(alice);
      assertThat(d.totp.verify("alice", code, "login")).isEqualTo(TotpCheck.ACCEPTED);
      assertThat(d.totp.verify("alice", code, "login")).as("still no replay").isEqualTo(TotpCheck.REPLAYED);
      assertThat(d.audit.recent(10)).extracting(e -> e.kind()).contains("totp.step-reset");
    }
  }
}
