package io.palisade.console.account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and removes the passkeys Spring Security's WebAuthn support stores ({@code user_entities},
 * {@code user_credentials}). Registration and verification are Spring's; this class only lists them for the pages and
 * deletes them when a delayed removal runs.
 */
public final class Passkeys {
  private Passkeys() {}

  /**
   * A registered passkey.
   *
   * @param credentialId the credential id (base64url)
   * @param label the name its owner gave it
   * @param created when registered
   * @param lastUsed when last used, if ever
   */
  public record Passkey(String credentialId, String label, Instant created, Instant lastUsed) {}

  /**
   * @param c a connection
   * @param username an operator
   * @return their passkeys
   * @throws SQLException on a database error
   */
  public static List<Passkey> list(Connection c, String username) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT uc.credential_id, uc.label, uc.created, uc.last_used FROM user_credentials uc"
            + " JOIN user_entities ue ON uc.user_entity_user_id = ue.id WHERE ue.name = ? ORDER BY uc.created")) {
      ps.setString(1, username);
      List<Passkey> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Passkey(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3)),
              instant(rs.getTimestamp(4))));
        }
      }
      return out;
    }
  }

  /**
   * @param c a connection
   * @param username an operator
   * @return how many passkeys they have
   * @throws SQLException on a database error
   */
  public static int count(Connection c, String username) throws SQLException {
    return list(c, username).size();
  }

  /**
   * Deletes one passkey of an operator.
   *
   * @param c the executor's transaction
   * @param username its owner
   * @param credentialId which one
   * @return whether it existed
   * @throws SQLException on a database error
   */
  public static boolean delete(Connection c, String username, String credentialId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM user_credentials WHERE credential_id = ? AND user_entity_user_id IN"
            + " (SELECT id FROM user_entities WHERE name = ?)")) {
      ps.setString(1, credentialId);
      ps.setString(2, username);
      return ps.executeUpdate() == 1;
    }
  }

  static void deleteAll(Connection c, String username) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM user_credentials WHERE user_entity_user_id IN (SELECT id FROM user_entities WHERE name = ?)")) {
      ps.setString(1, username);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM user_entities WHERE name = ?")) {
      ps.setString(1, username);
      ps.executeUpdate();
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
