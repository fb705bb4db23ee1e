package io.palisade.console.account;

import io.palisade.console.RefusedException;
import io.palisade.console.store.ConsoleDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code operator} table: who the operators are, their password hash, their sealed TOTP secret and the last TOTP
 * step they spent. Decides nothing (the rules are {@link EnrollmentRules}'); the database's slot constraint backs the
 * two-operator limit should any code path get past the rules.
 */
public final class OperatorStore {
  private final ConsoleDatabase db;
  private final Clock clock;

  /**
   * A new operator's row.
   *
   * @param username the name
   * @param slot 1 or 2
   * @param passwordHash the password's hash ({@link PasswordHasher})
   * @param sealedTotpSecret the TOTP secret sealed by {@link SecretBox}
   * @param totpStep the step their first code spent
   * @param createdAt when
   * @param invitedBy who invited them; empty for the first operator
   */
  public record NewOperator(String username, int slot, String passwordHash, String sealedTotpSecret, long totpStep,
      Instant createdAt, Optional<String> invitedBy) {}

  /**
   * An operator's TOTP state, read under the row's lock.
   *
   * @param sealedSecret the sealed secret; empty when they have no authenticator
   * @param lastStep the last step accepted
   */
  public record TotpState(String sealedSecret, long lastStep) {}

  /**
   * @param db the console database
   * @param clock the console's clock (removal times)
   */
  public OperatorStore(ConsoleDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * @return the active operators, slot order
   */
  public List<Operator> active() {
    return db.transaction(this::active);
  }

  /**
   * @param c the caller's transaction
   * @return the active operators, slot order, locked until it ends (two enrollments at once serialise here)
   * @throws SQLException on a database error
   */
  public List<Operator> active(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT username, slot, created_at, invited_by, totp_secret FROM operator WHERE removed_at IS NULL"
            + " ORDER BY slot" + db.vendor().forUpdate())) {
      List<Operator> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Operator(rs.getString(1), rs.getInt(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4),
              !rs.getString(5).isEmpty()));
        }
      }
      return out;
    }
  }

  /**
   * @param username a name
   * @return the active operator of that name
   */
  public Optional<Operator> find(String username) {
    return db.transaction(c -> find(c, username));
  }

  /**
   * @param c the caller's transaction (on SQLite a second transaction would wait for this one's write lock)
   * @param username a name
   * @return the active operator of that name
   * @throws SQLException on a database error
   */
  public Optional<Operator> find(Connection c, String username) throws SQLException {
    return active(c).stream().filter(o -> o.username().equals(username)).findFirst();
  }

  /**
   * @return whether any operator exists (if none, the console prints a first-enrollment link)
   */
  public boolean anyOperator() {
    return !active().isEmpty();
  }

  /**
   * @param username an active operator
   * @return the stored password hash, for the login check
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
   * @param c the caller's transaction
   * @param username a name
   * @return whether any operator, active or removed, has it
   * @throws SQLException on a database error
   */
  public boolean nameTaken(Connection c, String username) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM operator WHERE username = ?")) {
      ps.setString(1, username);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * @param c the caller's transaction
   * @param o the new operator
   * @throws RefusedException when the database's slot constraint refuses it (a third operator)
   * @throws SQLException on any other database error
   */
  public void insert(Connection c, NewOperator o) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO operator (username, slot, password_hash, totp_secret, totp_last_step, created_at, invited_by)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, o.username());
      ps.setInt(2, o.slot());
      ps.setString(3, o.passwordHash());
      ps.setString(4, o.sealedTotpSecret());
      ps.setLong(5, o.totpStep());
      ps.setLong(6, o.createdAt().toEpochMilli());
      ps.setString(7, o.invitedBy().orElse(null));
      ps.executeUpdate();
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
        throw new RefusedException("the console already has " + EnrollmentRules.MAX_OPERATORS + " operators;"
            + " a third is refused");
      }
      throw e;
    }
  }

  /**
   * @param c the caller's transaction
   * @param username an operator
   * @return their TOTP state, the row locked until the transaction ends; empty when they are not active
   * @throws SQLException on a database error
   */
  public Optional<TotpState> totpState(Connection c, String username) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT totp_secret, totp_last_step FROM operator"
        + " WHERE username = ? AND removed_at IS NULL" + db.vendor().forUpdate())) {
      ps.setString(1, username);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new TotpState(rs.getString(1), rs.getLong(2))) : Optional.empty();
      }
    }
  }

  /**
   * Moves the last spent step, only if it is still {@code from} (a concurrent check that spent it first wins).
   *
   * @param c the caller's transaction
   * @param username the operator
   * @param from the step read
   * @param to the step now spent
   * @return whether it moved
   * @throws SQLException on a database error
   */
  public boolean spendTotpStep(Connection c, String username, long from, long to) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE operator SET totp_last_step = ? WHERE username = ? AND totp_last_step = ?")) {
      ps.setLong(1, to);
      ps.setString(2, username);
      ps.setLong(3, from);
      return ps.executeUpdate() == 1;
    }
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
   * @throws RefusedException when they have no passkey, or are not an active operator
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
}
