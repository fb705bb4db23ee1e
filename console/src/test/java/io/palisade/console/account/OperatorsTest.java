package io.palisade.console.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.console.RefusedException;
import io.palisade.console.testing.Databases;
import io.palisade.console.testing.Domain;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Operators on H2 and on a real PostgreSQL: the first through the terminal link, the second through an invitation, a
 * third refused by the code and by the database; links are single-use and expire; TOTP codes are single-use.
 */
class OperatorsTest {
  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void atMostTwoOperators(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      String first = d.operators.issueFirstEnrollment();
      d.enroll(first, "alice");
      assertThatThrownBy(() -> d.enroll(first, "mallory")).isInstanceOf(RefusedException.class)
          .hasMessageContaining("already used");
      assertThatThrownBy(d.operators::issueFirstEnrollment).hasMessageContaining("already exists");

      String invite = d.operators.invite("alice");
      d.enroll(invite, "bob");
      assertThat(d.operators.active()).extracting(Operator::username).containsExactly("alice", "bob");
      assertThat(d.operators.active()).extracting(Operator::slot).containsExactly(1, 2);

      assertThatThrownBy(() -> d.operators.invite("alice")).isInstanceOf(RefusedException.class)
          .hasMessageContaining("already has 2 operators");
      assertThatThrownBy(() -> d.enroll(invite, "carol")).isInstanceOf(RefusedException.class);
      assertThatThrownBy(() -> d.operators.invite("mallory")).hasMessageContaining("not an operator");

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
    try (Domain d = Domain.on(Databases.open(kind))) {
      d.enroll(d.operators.issueFirstEnrollment(), "alice");
      d.enroll(d.operators.invite("alice"), "bob");
      d.db.transaction(c -> {
        d.operators.remove(c, "alice");
        return null;
      });
      assertThat(d.operators.active()).extracting(Operator::username).containsExactly("bob");
      assertThat(d.operators.passwordHash("alice")).isEmpty();
      d.enroll(d.operators.invite("bob"), "carol");
      assertThat(d.operators.active()).extracting(Operator::slot).containsExactlyInAnyOrder(1, 2);
      assertThatThrownBy(() -> d.enroll(d.operators.invite("bob"), "alice")).isInstanceOf(RefusedException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void linksExpireAndInputIsChecked(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      String first = d.operators.issueFirstEnrollment();
      TotpSecret s = d.operators.newTotpSecret();
      assertThatThrownBy(() -> d.operators.enroll(first, "Alice!", "a long enough passphrase", s, d.code(s), "t"))
          .hasMessageContaining("username");
      assertThatThrownBy(() -> d.operators.enroll(first, "alice", "short", s, d.code(s), "t"))
          .hasMessageContaining("at least 12");
      assertThatThrownBy(() -> d.operators.enroll(first, "alice", "a long enough passphrase", s, "000000x", "t"))
          .hasMessageContaining("does not match");
      assertThat(d.operators.checkLink(first)).isPresent();
      assertThat(d.operators.checkLink("forged")).isEmpty();
      d.clock.advance(Operators.LINK_VALIDITY.plus(Duration.ofMinutes(1)));
      assertThat(d.operators.checkLink(first)).isEmpty();
      assertThatThrownBy(() -> d.operators.enroll(first, "alice", "a long enough passphrase", s, d.code(s), "t"))
          .hasMessageContaining("expired");
      assertThat(d.operators.active()).isEmpty();
      // A new link replaces the old one.
      String again = d.operators.issueFirstEnrollment();
      d.enroll(again, "alice");
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void aTotpCodeWorksOnce(Databases.Kind kind) {
    try (Domain d = Domain.on(Databases.open(kind))) {
      TotpSecret s = d.enroll(d.operators.issueFirstEnrollment(), "alice");
      // The enrollment spent the current step.
      assertThat(d.operators.verifyTotp("alice", d.code(s), "test")).isEqualTo(TotpCheck.REPLAYED);
      d.clock.advance(Totp.STEP);
      String code = d.code(s);
      assertThat(d.operators.verifyTotp("alice", "000000".equals(code) ? "111111" : "000000", "test"))
          .isEqualTo(TotpCheck.WRONG);
      assertThat(d.operators.verifyTotp("alice", code, "test")).isEqualTo(TotpCheck.ACCEPTED);
      assertThat(d.operators.verifyTotp("alice", code, "test")).isEqualTo(TotpCheck.REPLAYED);
      // An older code, still inside the window, is refused too: the spent step only moves forward.
      d.clock.advance(Totp.STEP);
      String newer = d.code(s);
      assertThat(d.operators.verifyTotp("alice", newer, "test")).isEqualTo(TotpCheck.ACCEPTED);
      assertThat(d.operators.verifyTotp("alice", code, "test")).isEqualTo(TotpCheck.REPLAYED);
      assertThat(d.operators.verifyTotp("nobody", newer, "test")).isEqualTo(TotpCheck.NOT_SET_UP);
      assertThat(d.audit.recent(50)).filteredOn(e -> e.kind().equals("factor.totp-failed"))
          .anySatisfy(e -> assertThat(e.detail()).contains("replay"));
    }
  }

  @ParameterizedTest
  @MethodSource("io.palisade.console.testing.Databases#both")
  void aStepAcceptedUnderAShiftedClockDoesNotLockTheOperatorOut(Databases.Kind kind) {
    // Issue 16: a TOTP step accepted while the clock was 169 h ahead made every later code a "replay".
    try (Domain d = Domain.on(Databases.open(kind))) {
      TotpSecret alice = d.enroll(d.operators.issueFirstEnrollment(), "alice");
      d.clock.jumpWall(Duration.ofHours(169));
      d.clock.advance(Totp.STEP);
      assertThat(d.operators.verifyTotp("alice", d.code(alice), "login")).isEqualTo(TotpCheck.ACCEPTED);
      d.clock.jumpWall(Duration.ofHours(-169)); // the clock is corrected
      d.clock.advance(Totp.STEP);
      String code = d.code(alice);
      assertThat(d.operators.verifyTotp("alice", code, "login")).isEqualTo(TotpCheck.ACCEPTED);
      assertThat(d.operators.verifyTotp("alice", code, "login")).as("still no replay").isEqualTo(TotpCheck.REPLAYED);
      assertThat(d.audit.recent(10)).extracting(e -> e.kind()).contains("totp.step-reset");
    }
  }
}
