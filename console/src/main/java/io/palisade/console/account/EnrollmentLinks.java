package io.palisade.console.account;

import io.palisade.console.audit.AuditHash;
import io.palisade.console.store.ConsoleDatabase;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The {@code enrollment} table: one-time links, stored as the SHA-256 of their token (the raw token is shown once and
 * never stored). Decides nothing ({@link EnrollmentRules} does).
 */
public final class EnrollmentLinks {
  private final ConsoleDatabase db;
  private final Clock clock;
  private final SecureRandom random;

  /**
   * @param db the console database
   * @param clock the console's clock
   * @param random a strong random source (tokens)
   */
  public EnrollmentLinks(ConsoleDatabase db, Clock clock, SecureRandom random) {
    this.db = db;
    this.clock = clock;
    this.random = random;
  }

  /**
   * Stores a new link, replacing any unused one of the same purpose.
   *
   * @param c the caller's transaction
   * @param purpose what it is for
   * @param by the inviting operator, or null for the first operator's link
   * @return the raw token
   * @throws SQLException on a database error
   */
  public String issue(Connection c, EnrollmentPurpose purpose, String by) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM enrollment WHERE purpose = ? AND used_at IS NULL")) {
      ps.setString(1, purpose.column());
      ps.executeUpdate();
    }
    byte[] b = new byte[32];
    random.nextBytes(b);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    long now = clock.millis();
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO enrollment (token_hash, purpose, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, tokenHash(token));
      ps.setString(2, purpose.column());
      ps.setString(3, by);
      ps.setLong(4, now);
      ps.setLong(5, now + EnrollmentRules.LINK_VALIDITY.toMillis());
      ps.executeUpdate();
    }
    return token;
  }

  /**
   * @param token a raw token as presented
   * @return the link, if one has that token
   */
  public Optional<EnrollmentLink> find(String token) {
    return db.transaction(c -> find(c, token));
  }

  /**
   * @param c the caller's transaction
   * @param token a raw token as presented
   * @return the link, if one has that token (locked until the transaction ends)
   * @throws SQLException on a database error
   */
  public Optional<EnrollmentLink> find(Connection c, String token) throws SQLException {
    if (token == null || token.length() > EnrollmentRules.MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT purpose, created_by, expires_at, used_at FROM enrollment"
        + " WHERE token_hash = ?" + db.vendor().forUpdate())) {
      ps.setString(1, tokenHash(token));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new EnrollmentLink(EnrollmentPurpose.ofColumn(rs.getString(1)),
            Optional.ofNullable(rs.getString(2)), Instant.ofEpochMilli(rs.getLong(3)), rs.getObject(4) != null));
      }
    }
  }

  /**
   * Spends a link, only if it is still unused.
   *
   * @param c the caller's transaction
   * @param token the raw token
   * @param username who enrolled with it
   * @param at when
   * @return whether this call spent it
   * @throws SQLException on a database error
   */
  public boolean spend(Connection c, String token, String username, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE enrollment SET used_at = ?, used_by = ? WHERE token_hash = ? AND used_at IS NULL")) {
      ps.setLong(1, at.toEpochMilli());
      ps.setString(2, username);
      ps.setString(3, tokenHash(token));
      return ps.executeUpdate() == 1;
    }
  }

  static String tokenHash(String token) {
    return HexFormat.of().formatHex(AuditHash.sha256(token.getBytes(StandardCharsets.UTF_8)));
  }
}
