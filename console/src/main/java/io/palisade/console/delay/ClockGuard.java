package io.palisade.console.delay;

import io.palisade.console.audit.AuditLog;
import io.palisade.console.audit.AuditRecord;
import io.palisade.console.store.ConsoleDatabase;
import io.palisade.console.store.SettingsStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Watches the wall clock the delay is measured with, and holds the execution of due actions when it cannot be
 * trusted:
 *
 * <ul>
 *   <li>while running, the wall clock must advance with the monotonic clock, cumulatively since the last trusted
 *       point (start, a recorded hold, or the chain's agreement): many small steps add up, and a drift beyond the
 *       tolerance plus NTP's legitimate slew (500 ppm) holds;
 *   <li>at start, the wall clock must not be behind the latest time this console recorded (a jump back while it was
 *       stopped);
 *   <li>where a chain-time reference is available, the wall clock must agree with the chain within its tolerance, and
 *       must not have moved further than the chain since the last point where the chain vouched for it (kept across
 *       restarts): the chain also catches a jump forward made while the console was stopped. The reference reads
 *       node tips whatever their readiness (readiness is judged against the very clock being checked);
 *   <li>a console configured with a chain reference holds due actions from its start until the chain has agreed with
 *       the wall clock once.
 * </ul>
 *
 * A hold is persisted (a restart does not clear it) and recorded in the audit log. It ends when the chain reference
 * agrees with the wall clock again, or when an operator releases it; either way every pending action's wait is
 * extended by the forward jump, so a jump can never shorten a wait.
 */
public final class ClockGuard {
  static final String WATERMARK = "clock.watermark-ms";
  static final String HOLD = "clock.hold";
  static final String HOLD_SINCE = "clock.hold-since-ms";
  static final String HOLD_JUMP = "clock.hold-jump-ms";
  static final String TRUST = "clock.trust-chain-wall-ms";

  /** Drift between the wall and monotonic clocks tolerated between two checks. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(2);

  /** Disagreement with the chain tolerated (a tip is normally seconds old; a few minutes when blocks are slow). */
  public static final Duration DEFAULT_CHAIN_TOLERANCE = Duration.ofMinutes(10);

  private static final long WATERMARK_EVERY_MS = 10_000;

  private final ConsoleDatabase db;
  private final AuditLog audit;
  private final ActionQueue queue;
  private final Clock clock;
  private final Ticker ticker;
  private final Optional<ChainTimeReference> chain;
  private final Duration tolerance;
  private final Duration chainTolerance;

  private long trustWall = Long.MIN_VALUE;
  private long trustMono;
  private long lastWatermarkWrite = Long.MIN_VALUE;
  private long lastTrustWrite = Long.MIN_VALUE;
  // Whether a chain reference has agreed with the wall clock since this console started (only asked when one is
  // configured): until then due actions wait, since a clock moved forward while the console was stopped would
  // otherwise make them due at once.
  private boolean referenced;
  private final Instant startedAt;

  /**
   * @param db the console database
   * @param audit the audit log
   * @param queue the action queue (extended on release)
   * @param clock the wall clock the delay is measured with
   * @param ticker the monotonic clock
   * @param chain the chain-time reference, if one is available
   * @param tolerance drift tolerated between checks
   * @param chainTolerance disagreement with the chain tolerated
   */
  public ClockGuard(ConsoleDatabase db, AuditLog audit, ActionQueue queue, Clock clock, Ticker ticker,
      Optional<ChainTimeReference> chain, Duration tolerance, Duration chainTolerance) {
    this.db = db;
    this.audit = audit;
    this.queue = queue;
    this.clock = clock;
    this.ticker = ticker;
    this.chain = chain;
    this.tolerance = tolerance;
    this.chainTolerance = chainTolerance;
    this.startedAt = clock.instant();
  }

  /**
   * Checks the clock now; call it before running due actions.
   *
   * @return whether execution is held, and why
   */
  public synchronized ClockVerdict check() {
    long now = clock.millis();
    long mono = ticker.nanos();
    String problem = null;
    long forward = 0;
    if (trustWall == Long.MIN_VALUE) {
      Optional<Long> watermark = db.transaction(c -> SettingsStore.get(c, WATERMARK)).map(Long::parseLong);
      if (watermark.isPresent() && now < watermark.get() - tolerance.toMillis()) {
        problem = "the wall clock is " + human(watermark.get() - now) + " behind the latest time this console"
            + " recorded (" + Instant.ofEpochMilli(watermark.get()) + "): it was set back";
      }
    } else {
      // Cumulative, not tick to tick: many small steps (or a slewed clock) add up here. The allowance is the
      // tolerance plus what NTP may slew legitimately (500 ppm) since the trusted point.
      long elapsed = (mono - trustMono) / 1_000_000;
      long drift = (now - trustWall) - elapsed;
      long allowance = tolerance.toMillis() + elapsed / 2_000;
      if (drift < -allowance) {
        problem = "the wall clock went back by " + human(-drift) + " since " + Instant.ofEpochMilli(trustWall)
            + " (measured against the monotonic clock)";
      } else if (drift > allowance) {
        problem = "the wall clock moved " + human(drift) + " further than the monotonic clock since "
            + Instant.ofEpochMilli(trustWall);
        forward = drift;
      }
    }
    Optional<Instant> chainNow = readChain();
    boolean chainAgrees = false;
    if (chainNow.isPresent()) {
      long chainMs = chainNow.get().toEpochMilli();
      long diff = now - chainMs;
      String c = null;
      if (Math.abs(diff) > chainTolerance.toMillis()) {
        c = "the wall clock is " + human(Math.abs(diff)) + (diff > 0 ? " ahead of" : " behind")
            + " the chain's time (" + chainNow.get() + ")";
        forward = Math.max(forward, diff);
      } else {
        // Against the last point where the chain vouched for the wall clock (kept across restarts): the wall
        // clock may not have moved further than the chain since, beyond the tolerance.
        Optional<long[]> trusted = trustPoint();
        if (trusted.isPresent()) {
          long moved = (now - trusted.get()[1]) - (chainMs - trusted.get()[0]);
          if (Math.abs(moved) > chainTolerance.toMillis()) {
            c = "the wall clock moved " + human(Math.abs(moved)) + (moved > 0 ? " further" : " less") + " than the"
                + " chain since " + Instant.ofEpochMilli(trusted.get()[1]);
            forward = Math.max(forward, moved);
          }
        }
      }
      if (c == null) {
        chainAgrees = true;
      } else {
        problem = problem == null ? c : problem + "; " + c;
      }
    }
    if (problem != null) {
      hold(problem, forward, now);
    }
    if (problem != null || trustWall == Long.MIN_VALUE || chainAgrees) {
      // A new trusted point: after a recorded hold (it persists), at start, or when the chain vouches for the clock.
      trustWall = now;
      trustMono = mono;
    }
    if (chainAgrees) {
      referenced = true;
      if (now - lastTrustWrite >= WATERMARK_EVERY_MS) {
        long chainMs = chainNow.get().toEpochMilli();
        db.transaction(c -> {
          SettingsStore.put(c, TRUST, chainMs + ":" + now);
          return null;
        });
        lastTrustWrite = now;
      }
    }
    ClockVerdict verdict = verdict();
    if (verdict.held() && problem == null && chainAgrees && persistedHold()) {
      release("console", "the chain's time agrees with the wall clock again");
      verdict = verdict();
    }
    if (!verdict.held()
        && (lastWatermarkWrite == Long.MIN_VALUE || now - lastWatermarkWrite >= WATERMARK_EVERY_MS)) {
      db.transaction(c -> {
        long stored = SettingsStore.get(c, WATERMARK).map(Long::parseLong).orElse(Long.MIN_VALUE);
        if (now > stored) {
          SettingsStore.put(c, WATERMARK, Long.toString(now));
        }
        return null;
      });
      lastWatermarkWrite = now;
    }
    return verdict;
  }

  private Optional<long[]> trustPoint() {
    return db.transaction(c -> SettingsStore.get(c, TRUST)).flatMap(v -> {
      String[] parts = v.split(":");
      try {
        return Optional.of(new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
      } catch (RuntimeException e) {
        return Optional.empty(); // unreadable: no calibrated check, the absolute one still applies
      }
    });
  }

  private boolean persistedHold() {
    return db.transaction(c -> SettingsStore.get(c, HOLD)).isPresent();
  }

  private Optional<Instant> readChain() {
    if (chain.isEmpty()) {
      return Optional.empty();
    }
    try {
      return chain.get().chainNow();
    } catch (RuntimeException e) {
      return Optional.empty(); // an unreadable chain is no reference; the other checks still apply
    }
  }

  private void hold(String problem, long forwardMs, long now) {
    db.transaction(c -> {
      Optional<String> existing = SettingsStore.get(c, HOLD);
      long jump = SettingsStore.get(c, HOLD_JUMP).map(Long::parseLong).orElse(0L) + Math.max(0, forwardMs);
      String reason = existing.map(r -> r.length() > 1_500 ? r : r + "; then " + problem).orElse(problem);
      SettingsStore.put(c, HOLD, reason);
      SettingsStore.put(c, HOLD_JUMP, Long.toString(jump));
      if (existing.isEmpty()) {
        SettingsStore.put(c, HOLD_SINCE, Long.toString(now));
      }
      audit.append(c, AuditRecord.of("console", "clock.held", "", problem
          + ": destructive actions are held until the chain confirms the time or an operator releases the hold"));
      return null;
    });
  }

  /**
   * @return the current verdict, from the persisted hold
   */
  public ClockVerdict verdict() {
    return db.transaction(c -> {
      Optional<String> reason = SettingsStore.get(c, HOLD);
      if (reason.isEmpty()) {
        return chain.isPresent() && !referenced
            ? new ClockVerdict(true, "no trustworthy time reference yet: the console has not read a node's tip since"
                + " it started, so a clock moved while it was stopped could not be caught; due actions wait until the"
                + " chain's time agrees with the wall clock (or an operator releases them)", startedAt, Duration.ZERO)
            : ClockVerdict.OK;
      }
      long since = SettingsStore.get(c, HOLD_SINCE).map(Long::parseLong).orElse(0L);
      long jump = SettingsStore.get(c, HOLD_JUMP).map(Long::parseLong).orElse(0L);
      return new ClockVerdict(true, reason.get(), Instant.ofEpochMilli(since), Duration.ofMillis(jump));
    });
  }

  /**
   * Ends a hold: every pending action's wait is extended by the recorded forward jump, in the same transaction as the
   * audit entry.
   *
   * @param by the operator (or {@code console} when the chain confirmed the time)
   * @param why for the audit log
   * @return the verdict after release
   */
  public synchronized ClockVerdict release(String by, String why) {
    db.transaction(c -> {
      Optional<String> reason = SettingsStore.get(c, HOLD);
      if (reason.isEmpty()) {
        return null;
      }
      Duration jump = Duration.ofMillis(SettingsStore.get(c, HOLD_JUMP).map(Long::parseLong).orElse(0L));
      int extended = queue.extendPending(c, jump);
      SettingsStore.remove(c, HOLD);
      SettingsStore.remove(c, HOLD_JUMP);
      SettingsStore.remove(c, HOLD_SINCE);
      // Start the watermark afresh from the accepted time.
      SettingsStore.put(c, WATERMARK, Long.toString(clock.millis()));
      audit.append(c, AuditRecord.of(by, "clock.released", "", why + "; held because: " + reason.get() + "; "
          + extended + " pending action(s) extended by " + human(jump.toMillis())));
      return null;
    });
    trustWall = clock.millis();
    trustMono = ticker.nanos();
    referenced = true;
    return verdict();
  }

  static String human(long ms) {
    Duration d = Duration.ofMillis(ms);
    if (d.toDays() > 0) {
      return d.toDays() + " d " + d.toHoursPart() + " h";
    }
    if (d.toHours() > 0) {
      return d.toHours() + " h " + d.toMinutesPart() + " min";
    }
    if (d.toMinutes() > 0) {
      return d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }
    return d.toSeconds() + " s";
  }
}
