package io.palisade.console.account;

import io.palisade.console.RefusedException;
import io.palisade.console.audit.AuditHash;
import io.palisade.console.audit.AuditLog;
import io.palisade.console.audit.AuditRecord;
import io.palisade.console.store.ConsoleDatabase;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The console's operators: at most two, enforced here (and by the database's slot constraint). The first enrolls
 * through a one-time link printed on the terminal; the second through a one-time invitation the first creates. Every
 * enrollment confirms a TOTP authenticator; TOTP codes are single-use (replays refused).
 */
public final class Operators {
  /** At most this many active operators. */
  public static final int MAX_OPERATORS = 2;

  /** How long a one-time enrollment link stays valid. */
  public static final Duration LINK_VALIDITY = Duration.ofHours(24);

  /** Operator names. */
  public static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,31}");

  private static final String ISSUER = "Palisade";

  private final ConsoleDatabase db;
  private final AuditLog audit;
  private final Clock clock;
  private final SecretBox box;
  private final PasswordEncoder encoder;
  private final SecureRandom random;

  /**
   * @param db the console database
   * @param audit the audit log
   * @param clock the console's clock
   * @param box seals TOTP secrets
   * @param encoder the password hash (Argon2id)
   * @param random a strong random source
   */
  public Operators(
      ConsoleDatabase db, AuditLog audit, Clock clock, SecretBox box, PasswordEncoder encoder, SecureRandom random) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
    this.box = box;
    this.encoder = encoder;
    this.random = random;
  }

  /** The issuer name authenticator apps show. */
  public static String issuer() {
    return ISSUER;
  }

  /**
   * @return the active operators, slot order
   */
  public List<Operator> active() {
    return db.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT username, slot, created_at, invited_by, totp_secret FROM operator WHERE removed_at IS NULL"
              + " ORDER BY slot")) {
        List<Operator> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Operator(rs.getString(1), rs.getInt(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4),
                !rs.getString(5).isEmpty()));
          }
        }
        return out;
      }
    });
  }

  /**
   * @param username a name
   * @return the active operator of that name
   */
  public Optional<Operator> find(String username) {
    return active().stream().filter(o -> o.username().equals(username)).findFirst();
  }

  /**
   * @return whether any operator exists (if none, the console prints a first-enrollment link)
   */
  public boolean anyOperator() {
    return !active().isEmpty();
  }

  /**
   * @param username an active operator
   * @return the stored Argon2id hash, for the login check
   */
  public Optional<String> passwordHash(String username) {
    return db.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT password_hash FROM operator WHERE username = ? AND removed_at IS NULL")) {
        ps.setString(1, username);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
      }
    });
  }

  /**
   * Issues the one-time link for the first operator, replacing any earlier unused one.
   *
   * @return the raw token (shown once on the terminal; only its hash is stored)
   * @throws RefusedException when an operator already exists
   */
  public String issueFirstEnrollment() {
    String token = newToken();
    db.transaction(c -> {
      if (countActive(c) > 0) {
        throw new RefusedException("an operator already exists: the second one must be invited from the console");
      }
      deleteUnused(c, EnrollmentPurpose.FIRST);
      insertLink(c, token, EnrollmentPurpose.FIRST, null);
      audit.append(c, AuditRecord.of("console", "enrollment.link-issued", "", "one-time link for the first"
          + " operator printed on the terminal; valid until " + clock.instant().plus(LINK_VALIDITY)));
      return null;
    });
    return token;
  }

  /**
   * The first operator invites the second.
   *
   * @param by the inviting operator
   * @return the raw invitation token (shown once)
   * @throws RefusedException when two operators already exist, or {@code by} is not an operator
   */
  public String invite(String by) {
    String token = newToken();
    db.transaction(c -> {
      List<String> names = activeNames(c);
      if (!names.contains(by)) {
        throw new RefusedException(by + " is not an operator");
      }
      if (names.size() >= MAX_OPERATORS) {
        throw new RefusedException("the console already has " + MAX_OPERATORS + " operators, the most it allows;"
            + " remove one first (a delayed action)");
      }
      deleteUnused(c, EnrollmentPurpose.INVITE);
      insertLink(c, token, EnrollmentPurpose.INVITE, by);
      audit.append(c, AuditRecord.of(by, "operator.invited", "", "one-time invitation for a second operator; valid"
          + " until " + clock.instant().plus(LINK_VALIDITY)));
      return null;
    });
    return token;
  }

  /**
   * @param token a raw link token
   * @return what the link is for, if it is valid, unused and unexpired
   */
  public Optional<EnrollmentPurpose> checkLink(String token) {
    if (token == null || token.length() > 100) {
      return Optional.empty();
    }
    return db.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT purpose, expires_at, used_at FROM enrollment WHERE token_hash = ?")) {
        ps.setString(1, tokenHash(token));
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next() || rs.getObject(3) != null || rs.getLong(2) <= clock.millis()) {
            return Optional.empty();
          }
          return Optional.of(EnrollmentPurpose.ofColumn(rs.getString(1)));
        }
      }
    });
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
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new RefusedException("the username must be 2 to 32 lowercase letters, digits, '.', '_' or '-',"
          + " starting with a letter");
    }
    PasswordPolicy.check(username, password);
    Instant now = clock.instant();
    OptionalLong step = Totp.matchingStep(secret, code, now);
    if (step.isEmpty()) {
      throw new RefusedException("that code does not match the authenticator's secret: check the app's time and"
          + " enter the current code");
    }
    // Argon2 takes a moment: hash before taking any lock.
    String hash = encoder.encode(password);
    byte[] secretBytes = secret.revealBytes();
    String sealed;
    try {
      sealed = box.seal(secretBytes, totpContext(username));
    } finally {
      Arrays.fill(secretBytes, (byte) 0);
    }
    return db.transaction(c -> {
      EnrollmentPurpose purpose = spendableLink(c, token);
      List<String> names = activeNames(c);
      if (names.size() >= MAX_OPERATORS) {
        throw new RefusedException("the console already has " + MAX_OPERATORS + " operators; a third is refused");
      }
      if (purpose == EnrollmentPurpose.FIRST && !names.isEmpty()) {
        throw new RefusedException("this first-operator link is no longer valid: an operator exists");
      }
      if (exists(c, username)) {
        throw new RefusedException("the username " + username + " is taken (removed operators keep their names)");
      }
      int slot = names.isEmpty() ? 1 : freeSlot(c);
      String invitedBy = linkCreator(c, token);
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO operator (username, slot, password_hash, totp_secret, totp_last_step, created_at, invited_by)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, username);
        ps.setInt(2, slot);
        ps.setString(3, hash);
        ps.setString(4, sealed);
        ps.setLong(5, step.getAsLong());
        ps.setLong(6, now.toEpochMilli());
        ps.setString(7, invitedBy);
        ps.executeUpdate();
      } catch (SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
          throw new RefusedException("the console already has " + MAX_OPERATORS + " operators; a third is refused");
        }
        throw e;
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE enrollment SET used_at = ?, used_by = ? WHERE token_hash = ? AND used_at IS NULL")) {
        ps.setLong(1, now.toEpochMilli());
        ps.setString(2, username);
        ps.setString(3, tokenHash(token));
        if (ps.executeUpdate() != 1) {
          throw new RefusedException("this link was used at the same moment by someone else");
        }
      }
      audit.append(c, AuditRecord.of(username, "operator.enrolled", username, (invitedBy == null
          ? "first operator" : "invited by " + invitedBy) + ", slot " + slot + ", TOTP confirmed, from " + from));
      return new Operator(username, slot, now, invitedBy, true);
    });
  }

  /**
   * Checks a TOTP code for an active operator and spends its time step, so the same code (or an older one) is refused
   * afterwards. The outcome is recorded in the audit log in the same transaction: if that write fails, the code is
   * not accepted.
   *
   * @param username the operator
   * @param code what they typed
   * @param purpose why ({@code login} or {@code step-up}), for the audit log
   * @return the outcome
   */
  public TotpCheck verifyTotp(String username, String code, String purpose) {
    return db.transaction(c -> {
      String sealed;
      long lastStep;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT totp_secret, totp_last_step FROM operator WHERE username = ? AND removed_at IS NULL" + db.vendor().forUpdate())) {
        ps.setString(1, username);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return record(c, username, TotpCheck.NOT_SET_UP, purpose);
          }
          sealed = rs.getString(1);
          lastStep = rs.getLong(2);
        }
      }
      if (sealed.isEmpty()) {
        return record(c, username, TotpCheck.NOT_SET_UP, purpose);
      }
      byte[] key = box.open(sealed, totpContext(username));
      TotpSecret secret = TotpSecret.of(key);
      Arrays.fill(key, (byte) 0);
      OptionalLong step;
      try {
        step = Totp.matchingStep(secret, code, clock.instant());
      } finally {
        secret.wipe();
      }
      if (step.isEmpty()) {
        return record(c, username, TotpCheck.WRONG, purpose);
      }
      long nowStep = Totp.stepAt(clock.instant());
      if (!Totp.fresh(step.getAsLong(), lastStep, nowStep)) {
        return record(c, username, TotpCheck.REPLAYED, purpose);
      }
      if (step.getAsLong() <= lastStep) {
        audit.append(c, AuditRecord.of(username, "totp.step-reset", username, "the last accepted step " + lastStep
            + " is ahead of the clock (step " + nowStep + "): it was accepted while the clock was ahead; step "
            + step.getAsLong() + " is accepted and becomes the last"));
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE operator SET totp_last_step = ? WHERE username = ? AND totp_last_step = ?")) {
        ps.setLong(1, step.getAsLong());
        ps.setString(2, username);
        ps.setLong(3, lastStep);
        if (ps.executeUpdate() != 1) {
          return record(c, username, TotpCheck.REPLAYED, purpose);
        }
      }
      return record(c, username, TotpCheck.ACCEPTED, purpose);
    });
  }

  private TotpCheck record(Connection c, String username, TotpCheck outcome, String purpose) {
    String kind = outcome == TotpCheck.ACCEPTED ? "factor.totp" : "factor.totp-failed";
    String detail = switch (outcome) {
      case ACCEPTED -> "TOTP code accepted (" + purpose + ")";
      case WRONG -> "wrong TOTP code (" + purpose + ")";
      case REPLAYED -> "TOTP code refused: already used (replay) (" + purpose + ")";
      case NOT_SET_UP -> "no TOTP authenticator for this user (" + purpose + ")";
    };
    audit.append(c, AuditRecord.of(username, kind, username, detail));
    return outcome;
  }

  /**
   * Removes an operator (run by the delayed-action executor, inside its transaction): frees their slot and deletes
   * their passkeys. Their name stays taken.
   *
   * @param c the executor's transaction
   * @param username the operator
   * @throws RefusedException when they are not an active operator
   * @throws SQLException on a database error
   */
  public void remove(Connection c, String username) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE operator SET slot = NULL, removed_at = ? WHERE username = ? AND removed_at IS NULL")) {
      ps.setLong(1, clock.millis());
      ps.setString(2, username);
      if (ps.executeUpdate() != 1) {
        throw new RefusedException(username + " is not an active operator");
      }
    }
    Passkeys.deleteAll(c, username);
  }

  /**
   * Removes an operator's TOTP authenticator (run by the delayed-action executor). Refused when it is their only
   * second factor.
   *
   * @param c the executor's transaction
   * @param username the operator
   * @throws SQLException on a database error
   */
  public void removeTotp(Connection c, String username) throws SQLException {
    if (Passkeys.count(c, username) == 0) {
      throw new RefusedException(username + " has no passkey: removing the TOTP authenticator would leave no second"
          + " factor");
    }
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE operator SET totp_secret = '' WHERE username = ? AND removed_at IS NULL")) {
      ps.setString(1, username);
      if (ps.executeUpdate() != 1) {
        throw new RefusedException(username + " is not an active operator");
      }
    }
  }

  /**
   * @return a fresh TOTP secret for an enrollment form
   */
  public TotpSecret newTotpSecret() {
    return TotpSecret.random(random);
  }

  private static String totpContext(String username) {
    return "totp:" + username;
  }

  private String newToken() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String tokenHash(String token) {
    return HexFormat.of().formatHex(AuditHash.sha256(token.getBytes(StandardCharsets.UTF_8)));
  }

  private void insertLink(Connection c, String token, EnrollmentPurpose purpose, String by) throws SQLException {
    long now = clock.millis();
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO enrollment (token_hash, purpose, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, tokenHash(token));
      ps.setString(2, purpose.column());
      ps.setString(3, by);
      ps.setLong(4, now);
      ps.setLong(5, now + LINK_VALIDITY.toMillis());
      ps.executeUpdate();
    }
  }

  private static void deleteUnused(Connection c, EnrollmentPurpose purpose) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM enrollment WHERE purpose = ? AND used_at IS NULL")) {
      ps.setString(1, purpose.column());
      ps.executeUpdate();
    }
  }

  private EnrollmentPurpose spendableLink(Connection c, String token) throws SQLException {
    if (token == null || token.length() > 100) {
      throw new RefusedException("this enrollment link is not valid");
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT purpose, expires_at, used_at FROM enrollment WHERE token_hash = ?" + db.vendor().forUpdate())) {
      ps.setString(1, tokenHash(token));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new RefusedException("this enrollment link is not valid (it may have been replaced by a newer one)");
        }
        if (rs.getObject(3) != null) {
          throw new RefusedException("this enrollment link was already used");
        }
        if (rs.getLong(2) <= clock.millis()) {
          throw new RefusedException("this enrollment link has expired");
        }
        return EnrollmentPurpose.ofColumn(rs.getString(1));
      }
    }
  }

  private static String linkCreator(Connection c, String token) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT created_by FROM enrollment WHERE token_hash = ?")) {
      ps.setString(1, tokenHash(token));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private int countActive(Connection c) throws SQLException {
    return activeNames(c).size();
  }

  private List<String> activeNames(Connection c) throws SQLException {
    // FOR UPDATE: two enrollments at once serialise here (the slot constraint catches any that slip through).
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT username FROM operator WHERE removed_at IS NULL ORDER BY slot" + db.vendor().forUpdate())) {
      List<String> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }

  private static boolean exists(Connection c, String username) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM operator WHERE username = ?")) {
      ps.setString(1, username);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static int freeSlot(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT slot FROM operator WHERE removed_at IS NULL")) {
      boolean one = false;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          one |= rs.getInt(1) == 1;
        }
      }
      return one ? 2 : 1;
    }
  }
}
