package io.palisade.console.delay;

import io.palisade.console.audit.AuditLog;
import io.palisade.console.audit.AuditRecord;
import io.palisade.console.store.ConsoleDatabase;
import io.palisade.console.store.SettingsStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The current destructive-action delay, stored in the database. The configured delay can raise it at start (raising
 * is safe), never lower it: lowering takes a {@link ConsoleAction.ChangeDelay}, which itself waits.
 */
public final class DelaySettings {
  static final String KEY = "delay.ms";

  private final ConsoleDatabase db;

  /**
   * @param db the console database
   */
  public DelaySettings(ConsoleDatabase db) {
    this.db = db;
  }

  /**
   * Applies the configured delay at start: sets it on a new database, raises a lower stored one, and leaves a higher
   * stored one alone (returning a warning).
   *
   * @param configured the delay from the settings (at least the floor)
   * @param audit records a raise
   * @return a warning for the terminal when the configured delay is below the stored one, else empty
   */
  public String applyConfigured(Duration configured, AuditLog audit) {
    Duration wanted = DelayPolicy.checkDelay(configured);
    return db.transaction(c -> {
      var stored = SettingsStore.get(c, KEY).map(v -> Duration.ofMillis(Long.parseLong(v)));
      if (stored.isEmpty()) {
        SettingsStore.put(c, KEY, Long.toString(wanted.toMillis()));
        audit.append(c, AuditRecord.of("console", "delay.set", "", "destructive-action delay set to "
            + DelayPolicy.days(wanted) + " from the console's settings"));
        return "";
      }
      if (wanted.compareTo(stored.get()) > 0) {
        SettingsStore.put(c, KEY, Long.toString(wanted.toMillis()));
        audit.append(c, AuditRecord.of("console", "delay.raised", "", "destructive-action delay raised from "
            + DelayPolicy.days(stored.get()) + " to " + DelayPolicy.days(wanted) + " by the console's settings"));
        return "";
      }
      if (wanted.compareTo(stored.get()) < 0) {
        return "the configured delay (" + DelayPolicy.days(wanted) + ") is below the current one ("
            + DelayPolicy.days(stored.get()) + "); it stays at " + DelayPolicy.days(stored.get())
            + " (lowering it is a delayed action in the console)";
      }
      return "";
    });
  }

  /**
   * @return the delay in force (never below the floor)
   */
  public Duration current() {
    return db.transaction(this::current);
  }

  /**
   * @param c a connection
   * @return the delay in force (never below the floor)
   * @throws SQLException on a database error
   */
  public Duration current(Connection c) throws SQLException {
    return DelayPolicy.effective(SettingsStore.get(c, KEY).map(v -> Duration.ofMillis(Long.parseLong(v)))
        .orElse(DelayPolicy.FLOOR));
  }

  /**
   * Sets the delay (run by the executor of a {@link ConsoleAction.ChangeDelay}).
   *
   * @param c the executor's transaction
   * @param delay the new delay
   * @throws SQLException on a database error
   */
  void set(Connection c, Duration delay) throws SQLException {
    SettingsStore.put(c, KEY, Long.toString(DelayPolicy.checkDelay(delay).toMillis()));
  }
}
