package io.palisade.console.delay;

import io.palisade.console.RefusedException;
import io.palisade.console.audit.AuditKey;
import io.palisade.console.audit.AuditLog;
import io.palisade.console.audit.AuditRecord;
import io.palisade.console.store.ConsoleDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The queue of destructive actions, in the database so it survives restarts and crashes. Every change of state is
 * written together with its audit entry in one transaction.
 */
public final class ActionQueue {
  private static final String COLUMNS = "id, payload, action_hash, requested_by, requested_at, not_before, expires_at,"
      + " hold_extension_ms, state, state_at, state_by, outcome";

  private final ConsoleDatabase db;
  private final AuditLog audit;
  private final Clock clock;
  private final AuditKey key;

  /**
   * @param db the console database
   * @param audit the audit log
   * @param clock the console's clock
   */
  public ActionQueue(ConsoleDatabase db, AuditLog audit, Clock clock, AuditKey key) {
    this.key = key;
    this.db = db;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Queues an action (inside the caller's transaction), with its audit entry.
   *
   * @param c the caller's transaction
   * @param action a destructive action
   * @param by the requesting operator
   * @param delay the wait (never below {@link DelayPolicy#FLOOR}: checked again here)
   * @param grace how long after becoming due it may still run
   * @return the queued action
   * @throws SQLException on a database error
   */
  public DelayedAction schedule(Connection c, ConsoleAction action, String by, Duration delay, Duration grace)
      throws SQLException {
    if (!action.destructive()) {
      throw new IllegalArgumentException("only destructive actions are queued: " + action.describe());
    }
    Duration wait = DelayPolicy.effective(delay);
    DelayPolicy.checkGrace(grace);
    String id = UUID.randomUUID().toString();
    String payload = CanonicalPayload.encode(action);
    Instant now = clock.instant();
    long requested = now.toEpochMilli();
    long notBefore = requested + wait.toMillis();
    long expires = notBefore + grace.toMillis();
    String hash = ActionHash.of(id, payload, by, requested, notBefore, expires);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO delayed_action (id, kind, payload, action_hash,"
        + " requested_by, requested_at, not_before, expires_at, hold_extension_ms, state, state_at, state_by,"
        + " witness) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 'PENDING', ?, ?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, kindOf(payload));
      ps.setString(3, payload);
      ps.setString(4, hash);
      ps.setString(5, by);
      ps.setLong(6, requested);
      ps.setLong(7, notBefore);
      ps.setLong(8, expires);
      ps.setLong(9, requested);
      ps.setString(10, by);
      ps.setString(11, key.mac(AuditKey.ACTION, hash));
      ps.executeUpdate();
    }
    audit.append(c, AuditRecord.of(by, "action.queued", id, action.describe() + "; runs not before "
        + Instant.ofEpochMilli(notBefore) + " (after " + DelayPolicy.days(wait) + "); expires "
        + Instant.ofEpochMilli(expires) + "; hash " + hash + "; payload " + payload));
    return new DelayedAction(id, payload, hash, by, now, Instant.ofEpochMilli(notBefore),
        Instant.ofEpochMilli(expires), Duration.ZERO, ActionState.PENDING, now, by, "");
  }

  private static String kindOf(String payload) {
    int i = payload.indexOf("\"type\":\"");
    if (i < 0) {
      return "unknown";
    }
    int start = i + 8;
    return payload.substring(start, payload.indexOf('"', start));
  }

  /**
   * Cancels a pending action. Either operator may cancel any pending action.
   *
   * @param id the action
   * @param by the operator
   * @return the cancelled action
   * @throws RefusedException when it is not pending (already run, cancelled or expired) or unknown
   */
  public DelayedAction cancel(String id, String by) {
    return db.transaction(c -> {
      DelayedAction a = find(c, id).orElseThrow(() -> new RefusedException("no queued action " + id));
      if (!move(c, id, ActionState.PENDING, ActionState.CANCELLED, by, "cancelled by " + by)) {
        throw new RefusedException("the action is " + a.state().name().toLowerCase() + ", it can no longer be"
            + " cancelled");
      }
      audit.append(c, AuditRecord.of(by, "action.cancelled", id, a.describe() + " (hash " + a.actionHash() + ")"));
      return find(c, id).orElseThrow();
    });
  }

  /**
   * Moves an action between states if it is still in the expected one.
   *
   * @param c a transaction
   * @param id the action
   * @param from the state it must be in
   * @param to the new state
   * @param by who moves it
   * @param outcome what happened
   * @return whether it moved
   * @throws SQLException on a database error
   */
  public boolean move(Connection c, String id, ActionState from, ActionState to, String by, String outcome)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE delayed_action SET state = ?, state_at = ?, state_by = ?,"
        + " outcome = ? WHERE id = ? AND state = ?")) {
      ps.setString(1, to.name());
      ps.setLong(2, clock.millis());
      ps.setString(3, by);
      ps.setString(4, outcome.length() > 3_900 ? outcome.substring(0, 3_900) + "..." : outcome);
      ps.setString(5, id);
      ps.setString(6, from.name());
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Adds time to every pending action (after a forward clock jump, so a jump can never shorten a wait).
   *
   * @param c a transaction
   * @param extension the time to add (not negative)
   * @return how many actions were extended
   * @throws SQLException on a database error
   */
  public int extendPending(Connection c, Duration extension) throws SQLException {
    if (extension.isNegative()) {
      throw new IllegalArgumentException("an extension cannot be negative");
    }
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE delayed_action SET hold_extension_ms = hold_extension_ms + ? WHERE state = 'PENDING'")) {
      ps.setLong(1, extension.toMillis());
      return ps.executeUpdate();
    }
  }

  /**
   * @param id an action id
   * @return the action
   */
  public Optional<DelayedAction> find(String id) {
    return db.transaction(c -> find(c, id));
  }

  /**
   * @param c a connection
   * @param id an action id
   * @return the action
   * @throws SQLException on a database error
   */
  public Optional<DelayedAction> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM delayed_action WHERE id = ?")) {
      ps.setString(1, id);
      List<DelayedAction> all = readAll(ps);
      return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }
  }

  /**
   * @param state a state
   * @return the actions in it, oldest request first
   */
  public List<DelayedAction> inState(ActionState state) {
    return db.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM delayed_action WHERE state = ? ORDER BY requested_at, id")) {
        ps.setString(1, state.name());
        return readAll(ps);
      }
    });
  }

  /**
   * @param limit how many
   * @return the most recently requested actions, any state, newest first
   */
  public List<DelayedAction> recent(int limit) {
    return db.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM delayed_action ORDER BY requested_at DESC, id")) {
        ps.setMaxRows(limit);
        return readAll(ps);
      }
    });
  }

  private static List<DelayedAction> readAll(PreparedStatement ps) throws SQLException {
    List<DelayedAction> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new DelayedAction(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.getString(4),
            Instant.ofEpochMilli(rs.getLong(5)),
            Instant.ofEpochMilli(rs.getLong(6)),
            Instant.ofEpochMilli(rs.getLong(7)),
            Duration.ofMillis(rs.getLong(8)),
            ActionState.valueOf(rs.getString(9)),
            Instant.ofEpochMilli(rs.getLong(10)),
            rs.getString(11),
            rs.getString(12)));
      }
    }
    return out;
  }

  /**
   * Whether this console witnessed the action's queuing: its row carries this key's MAC of its hash. A row inserted by
   * whoever can write the database (however correct its hashes and audit entry) does not.
   *
   * @param a the action
   * @return whether it was witnessed
   */
  public boolean witnessed(DelayedAction a) {
    String witness = db.snapshot(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT witness FROM delayed_action WHERE id = ?")) {
        ps.setString(1, a.id());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
    return key.witnessed(AuditKey.ACTION, a.actionHash(), witness);
  }
}
