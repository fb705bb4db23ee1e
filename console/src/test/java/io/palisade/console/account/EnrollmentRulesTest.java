package io.palisade.console.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.console.RefusedException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The enrollment rules alone, without a database: who may enroll, through which link, into which slot. */
class EnrollmentRulesTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Operator ALICE = new Operator("alice", 1, NOW, null, true);
  private static final Operator BOB = new Operator("bob", 2, NOW, "alice", true);

  private static Optional<EnrollmentLink> link(EnrollmentPurpose purpose, boolean used, Instant expires) {
    return Optional.of(new EnrollmentLink(purpose, purpose == EnrollmentPurpose.INVITE ? Optional.of("alice")
        : Optional.empty(), expires, used));
  }

  private static Optional<EnrollmentLink> fresh(EnrollmentPurpose purpose) {
    return link(purpose, false, NOW.plus(EnrollmentRules.LINK_VALIDITY));
  }

  @Test
  void theFirstLinkOnlyWhileThereIsNoOperator() {
    EnrollmentRules.mayIssueFirstLink(List.of());
    assertThatThrownBy(() -> EnrollmentRules.mayIssueFirstLink(List.of(ALICE))).isInstanceOf(RefusedException.class)
        .hasMessageContaining("already exists");
    assertThat(EnrollmentRules.admit(fresh(EnrollmentPurpose.FIRST), List.of(), false, "alice", NOW)).isEqualTo(1);
    assertThatThrownBy(() -> EnrollmentRules.admit(fresh(EnrollmentPurpose.FIRST), List.of(ALICE), false, "mallory",
        NOW)).hasMessageContaining("first-operator link is no longer valid");
  }

  @Test
  void anOperatorInvitesTheSecondAndNoThird() {
    EnrollmentRules.mayInvite(List.of(ALICE), "alice");
    assertThatThrownBy(() -> EnrollmentRules.mayInvite(List.of(ALICE), "mallory"))
        .hasMessageContaining("mallory is not an operator");
    assertThatThrownBy(() -> EnrollmentRules.mayInvite(List.of(ALICE, BOB), "alice"))
        .hasMessageContaining("already has 2 operators");
    assertThat(EnrollmentRules.admit(fresh(EnrollmentPurpose.INVITE), List.of(ALICE), false, "bob", NOW))
        .isEqualTo(2);
    assertThatThrownBy(() -> EnrollmentRules.admit(fresh(EnrollmentPurpose.INVITE), List.of(ALICE, BOB), false,
        "carol", NOW)).hasMessageContaining("a third is refused");
  }

  @Test
  void theFreeSlotIsTaken() {
    Operator bobInSlotTwo = new Operator("bob", 2, NOW, "alice", true);
    assertThat(EnrollmentRules.admit(fresh(EnrollmentPurpose.INVITE), List.of(bobInSlotTwo), false, "carol", NOW))
        .isEqualTo(1);
  }

  @Test
  void aLinkIsGoodOnceAndUntilItExpires() {
    Instant expires = NOW.plus(EnrollmentRules.LINK_VALIDITY);
    assertThat(EnrollmentRules.linkRefusal(link(EnrollmentPurpose.FIRST, false, expires), NOW)).isEmpty();
    assertThat(EnrollmentRules.linkRefusal(link(EnrollmentPurpose.FIRST, true, expires), NOW)).get().asString()
        .contains("already used");
    assertThat(EnrollmentRules.linkRefusal(link(EnrollmentPurpose.FIRST, false, expires), expires)).get().asString()
        .contains("expired");
    assertThat(EnrollmentRules.linkRefusal(link(EnrollmentPurpose.FIRST, false, expires), expires.minusMillis(1)))
        .isEmpty();
    assertThat(EnrollmentRules.linkRefusal(Optional.empty(), NOW)).get().asString().contains("not valid");
    assertThatThrownBy(() -> EnrollmentRules.admit(link(EnrollmentPurpose.INVITE, true, expires), List.of(ALICE),
        false, "bob", NOW)).hasMessageContaining("already used");
  }

  @Test
  void namesAreCheckedAndNeverReused() {
    for (String bad : new String[] {"Alice", "a", "1alice", "alice!", "", "a".repeat(33), "alice\n"}) {
      assertThatThrownBy(() -> EnrollmentRules.checkUsername(bad)).as(bad).hasMessageContaining("username");
    }
    assertThatThrownBy(() -> EnrollmentRules.checkUsername(null)).isInstanceOf(RefusedException.class);
    EnrollmentRules.checkUsername("alice.b-2_c");
    assertThatThrownBy(() -> EnrollmentRules.admit(fresh(EnrollmentPurpose.INVITE), List.of(ALICE), true, "bob",
        NOW)).hasMessageContaining("the username bob is taken");
  }
}
