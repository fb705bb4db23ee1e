package io.palisade.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The console's own settings (the current delay, the clock watermark and hold), as named strings. */
public final class SettingsStore {
  private SettingsStore() {}

  /**
   * @param c a connection
   * @param name the setting
   * @return its value, if set
   * @throws SQLException on a database error
   */
  public static Optional<String> get(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT setting_value FROM console_setting WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /**
   * Sets or replaces a value.
   *
   * @param c a connection
   * @param name the setting
   * @param value its new value
   * @throws SQLException on a database error
   */
  public static void put(Connection c, String name, String value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE console_setting SET setting_value = ? WHERE name = ?")) {
      ps.setString(1, value);
      ps.setString(2, name);
      if (ps.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO console_setting (name, setting_value) VALUES (?, ?)")) {
      ps.setString(1, name);
      ps.setString(2, value);
      ps.executeUpdate();
    }
  }

  /**
   * Removes a setting.
   *
   * @param c a connection
   * @param name the setting
   * @throws SQLException on a database error
   */
  public static void remove(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM console_setting WHERE name = ?")) {
      ps.setString(1, name);
      ps.executeUpdate();
    }
  }
}
