package io.palisade.console.account;

import io.palisade.console.RefusedException;
import io.palisade.console.audit.AuditLog;
import io.palisade.console.audit.AuditRecord;
import io.palisade.console.store.ConsoleDatabase;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Enrolling operators: the first through a one-time link printed on the terminal, the second through a one-time
 * invitation the first creates. Every enrollment confirms a TOTP authenticator with a first code, whose step is spent.
 * Each step is one transaction with its audit entry; the rules are {@link EnrollmentRules}'.
 */
public final class Enrollment {
  /** The issuer name authenticator apps show. */
  public static final String ISSUER = "Palisade";

  private final ConsoleDatabase db;
  private final AuditLog audit;
  private final Clock clock;
  private final OperatorStore operators;
  private final EnrollmentLinks links;
  private final SecretBox box;
  private final PasswordHasher passwords;
  private final SecureRandom random;

  /**
   * @param db the console database
   * @param audit the audit log
   * @param clock the console's clock
   * @param operators the operator table
   * @param links the link table
   * @param box seals TOTP secrets
   * @param passwords hashes passwords
   * @param random a strong random source (TOTP secrets)
   */
  public Enrollment(ConsoleDatabase db, AuditLog audit, Clock clock, OperatorStore operators, EnrollmentLinks links,
      SecretBox box, PasswordHasher passwords, SecureRandom random) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
    this.operators = operators;
    this.links = links;
    this.box = box;
    this.passwords = passwords;
    this.random = random;
  }

  /**
   * Issues the one-time link for the first operator, replacing any earlier unused one.
   *
   * @return the raw token (shown once on the terminal; only its hash is stored)
   * @throws RefusedException when an operator already exists
   */
  public String issueFirstLink() {
    return db.transaction(c -> {
      EnrollmentRules.mayIssueFirstLink(operators.active(c));
      String token = links.issue(c, EnrollmentPurpose.FIRST, null);
      audit.append(c, AuditRecord.of("console", "enrollment.link-issued", "", "one-time link for the first"
          + " operator printed on the terminal; valid until " + clock.instant().plus(EnrollmentRules.LINK_VALIDITY)));
      return token;
    });
  }

  /**
   * An operator invites the second.
   *
   * @param by the inviting operator
   * @return the raw invitation token (shown once)
   * @throws RefusedException when two operators already exist, or {@code by} is not an operator
   */
  public String invite(String by) {
    return db.transaction(c -> {
      EnrollmentRules.mayInvite(operators.active(c), by);
      String token = links.issue(c, EnrollmentPurpose.INVITE, by);
      audit.append(c, AuditRecord.of(by, "operator.invited", "", "one-time invitation for a second operator; valid"
          + " until " + clock.instant().plus(EnrollmentRules.LINK_VALIDITY)));
      return token;
    });
  }

  /**
   * @param token a raw link token
   * @return what the link is for, if it is valid, unused and unexpired
   */
  public Optional<EnrollmentPurpose> checkLink(String token) {
    Optional<EnrollmentLink> link = links.find(token);
    return EnrollmentRules.linkRefusal(link, clock.instant()).isPresent() ? Optional.empty()
        : link.map(EnrollmentLink::purpose);
  }

  /**
   * @return a fresh TOTP secret for an enrollment form
   */
  public TotpSecret newTotpSecret() {
    return TotpSecret.random(random);
  }

  /**
   * Enrolls an operator through a one-time link, confirming their authenticator with a first code. All or nothing:
   * the link is spent only if the operator is created.
   *
   * @param token the link's token
   * @param username the new operator's name
   * @param password their password (checked against {@link PasswordPolicy})
   * @param secret the TOTP secret their authenticator now holds
   * @param code a code from that authenticator
   * @param from the client's address, for the audit log
   * @return the new operator
   * @throws RefusedException when the link is invalid, two operators exist, or any input is refused
   */
  public Operator enroll(String token, String username, String password, TotpSecret secret, String code, String from) {
    EnrollmentRules.checkUsername(username);
    PasswordPolicy.check(username, password);
    Instant now = clock.instant();
    OptionalLong step = Totp.matchingStep(secret, code, now);
    if (step.isEmpty()) {
      throw new RefusedException("that code does not match the authenticator's secret: check the app's time and"
          + " enter the current code");
    }
    // Argon2 takes a moment: hash before taking any lock.
    String hash = passwords.hash(password);
    byte[] secretBytes = secret.revealBytes();
    String sealed;
    try {
      sealed = box.seal(secretBytes, TotpVerifier.context(username));
    } finally {
      Arrays.fill(secretBytes, (byte) 0);
    }
    return db.transaction(c -> {
      Optional<EnrollmentLink> link = links.find(c, token);
      int slot = EnrollmentRules.admit(link, operators.active(c), operators.nameTaken(c, username), username, now);
      Optional<String> invitedBy = link.orElseThrow().createdBy();
      operators.insert(c, new OperatorStore.NewOperator(username, slot, hash, sealed, step.getAsLong(), now,
          invitedBy));
      if (!links.spend(c, token, username, now)) {
        throw new RefusedException("this link was used at the same moment by someone else");
      }
      audit.append(c, AuditRecord.of(username, "operator.enrolled", username, invitedBy.map(by -> "invited by " + by)
          .orElse("first operator") + ", slot " + slot + ", TOTP confirmed, from " + from));
      return new Operator(username, slot, now, invitedBy.orElse(null), true);
    });
  }
}
