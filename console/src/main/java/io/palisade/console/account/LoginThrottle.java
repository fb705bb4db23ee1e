package io.palisade.console.account;

import io.palisade.console.store.ConsoleDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Brute-force throttling, kept in the database so a restart does not reset it. Failures are counted per username and
 * per client address. A username locks from its threshold on, for a doubling time (1, 2, 4 ... minutes, at most an
 * hour), and a locked username is refused without checking the password. An address never locks: behind the
 * documented SSH tunnel every client is 127.0.0.1, and a lock per address let anyone keep both operators away from
 * the Cancel button. From its threshold on, an address's failed attempts are answered slowly instead (a doubling
 * delay from 250 ms, at most {@link #MAX_SLOWDOWN}); a correct password and second factor always pass. A success
 * clears the username's count. A count with no failure for an hour starts again from zero.
 */
public final class LoginThrottle {
  /** Failures of one username before it locks. */
  public static final int USER_THRESHOLD = 5;
  /** Failures from one address before it locks (several usernames may be tried from it). */
  public static final int ADDRESS_THRESHOLD = 20;
  /** The first lock's length. */
  public static final Duration FIRST_LOCK = Duration.ofMinutes(1);
  /** The longest lock. */
  public static final Duration MAX_LOCK = Duration.ofHours(1);
  /** The longest an address's failed attempt is held before its answer. */
  public static final Duration MAX_SLOWDOWN = Duration.ofSeconds(2);
  /** The first slow-down of an address past its threshold. */
  public static final Duration FIRST_SLOWDOWN = Duration.ofMillis(250);
  /** Quiet time after which the count starts again. */
  public static final Duration FORGET_AFTER = Duration.ofHours(1);

  private final ConsoleDatabase db;
  private final Clock clock;

  /**
   * @param db the console database
   * @param clock the console's clock
   */
  public LoginThrottle(ConsoleDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * @param username a login name as typed
   * @return its throttle key
   */
  public static String userKey(String username) {
    String u = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    return "user:" + (u.length() > 100 ? u.substring(0, 100) : u);
  }

  /**
   * @param address a client address
   * @return its throttle key
   */
  public static String addressKey(String address) {
    return "addr:" + (address == null ? "unknown" : address);
  }

  /**
   * @param keys throttle keys
   * @return the latest time any of them is locked until, if one is locked now
   */
  public Optional<Instant> lockedUntil(String... keys) {
    long now = clock.millis();
    return db.transaction(c -> {
      long latest = 0;
      for (String key : keys) {
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT locked_until FROM login_throttle WHERE throttle_key = ?")) {
          ps.setString(1, key);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              latest = Math.max(latest, rs.getLong(1));
            }
          }
        }
      }
      return latest > now ? Optional.of(Instant.ofEpochMilli(latest)) : Optional.empty();
    });
  }

  /**
   * Counts a failure.
   *
   * @param key the throttle key
   * @param threshold failures before it locks
   * @return when the key is now locked until, if it is
   */
  public Optional<Instant> failure(String key, int threshold) {
    long now = clock.millis();
    return db.transaction(c -> {
      int failures = 0;
      long last = 0;
      boolean exists;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT failures, last_failure_at FROM login_throttle WHERE throttle_key = ?" + db.vendor().forUpdate())) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          exists = rs.next();
          if (exists) {
            failures = rs.getInt(1);
            last = rs.getLong(2);
          }
        }
      }
      if (now - last > FORGET_AFTER.toMillis()) {
        failures = 0;
      }
      failures++;
      long lockedUntil = failures >= threshold ? now + lockLength(failures - threshold).toMillis() : 0;
      String sql = exists
          ? "UPDATE login_throttle SET failures = ?, last_failure_at = ?, locked_until = ? WHERE throttle_key = ?"
          : "INSERT INTO login_throttle (failures, last_failure_at, locked_until, throttle_key) VALUES (?, ?, ?, ?)";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setInt(1, failures);
        ps.setLong(2, now);
        ps.setLong(3, lockedUntil);
        ps.setString(4, key);
        ps.executeUpdate();
      }
      return lockedUntil > now ? Optional.of(Instant.ofEpochMilli(lockedUntil)) : Optional.empty();
    });
  }

  /**
   * How an address's failed attempt is answered.
   *
   * @param failures its failures within the forget window, this one included
   * @param delay how long to hold the answer (zero below the threshold)
   * @param started whether this failure is the one that reached the threshold (worth an audit entry)
   */
  public record AddressSlowdown(int failures, Duration delay, boolean started) {}

  /**
   * Counts a failure of an address: never a lock, a slow-down from {@link #ADDRESS_THRESHOLD} on.
   *
   * @param key the address's throttle key
   * @return how to answer the failed attempt
   */
  public AddressSlowdown addressFailure(String key) {
    failure(key, Integer.MAX_VALUE); // counts, never locks
    int failures = db.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT failures FROM login_throttle WHERE throttle_key = ?")) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getInt(1) : 0;
        }
      }
    });
    return slowdown(failures);
  }

  static AddressSlowdown slowdown(int failures) {
    if (failures < ADDRESS_THRESHOLD) {
      return new AddressSlowdown(failures, Duration.ZERO, false);
    }
    Duration d = FIRST_SLOWDOWN.multipliedBy(1L << Math.min(failures - ADDRESS_THRESHOLD, 10));
    return new AddressSlowdown(failures, d.compareTo(MAX_SLOWDOWN) > 0 ? MAX_SLOWDOWN : d,
        failures == ADDRESS_THRESHOLD);
  }

  /**
   * Clears a key's count after a successful login.
   *
   * @param key the throttle key
   */
  public void success(String key) {
    db.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_throttle WHERE throttle_key = ?")) {
        ps.setString(1, key);
        return ps.executeUpdate();
      }
    });
  }

  /**
   * @param beyondThreshold failures past the threshold (0 for the first lock)
   * @return how long the lock lasts: doubling from {@link #FIRST_LOCK}, capped at {@link #MAX_LOCK}
   */
  static Duration lockLength(int beyondThreshold) {
    int shift = Math.min(beyondThreshold, 20);
    Duration d = FIRST_LOCK.multipliedBy(1L << shift);
    return d.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : d;
  }
}
