package io.palisade.control;

import io.palisade.spec.binding.DurationText;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The one rule of leader-aware maintenance, pure: a planned action that stops the block producer or changes what it
 * forges with may start at {@code now} only when no leader slot of the pool falls inside
 * [now, now + the producer's expected restart-to-forging time + margin]; otherwise it waits, and the verdict names the
 * next leader slot and the instant the first free window opens (always right after a leader slot ends). A wait longer
 * than the policy's limit is never forced through a leader slot either: the action stays queued and the verdict flags
 * it for an operator. Self-healing of a node
 * that is already down is never delayed, and a pool whose producer forges nothing has every window free.
 *
 * <pre>{@code
 * ForgingWindow w = new ForgingWindow(calendar, restartTimes, MaintenancePolicy.DEFAULT);
 * ForgingWindow.Verdict v = w.verdict(PlannedAction.UPGRADE_STEP, false, clock.instant());
 * if (!v.admitted()) return v.describe(clock.instant());   // "waiting for a free window: next leader slot in 3m12s, ..."
 * }</pre>
 *
 * @param calendar the producer's leader slots as far as they are known
 * @param restartTimes the producer's measured restart-to-forging times
 * <p>The clock is not trusted alone: with the producer's tip ({@link ChainTime}) the rule judges the window against
 * both the host clock and the chain's time, from the earlier of the two to the later plus the time needed; when they
 * disagree by more than the policy's clock tolerance (a stepped host clock, or a producer that is not synced) no
 * window is judged and the action waits until they agree. Without a tip (not observed yet) the host clock decides.
 *
 * @param calendar the producer's leader slots as far as they are known
 * @param restartTimes the producer's measured restart-to-forging times
 * @param policy the default, margin, wait limit and clock tolerance
 * @param chainTime the chain's time from the producer's tip, when its node reports one
 */
public record ForgingWindow(LeaderCalendar calendar, RestartTimes restartTimes, MaintenancePolicy policy,
    Optional<ChainTime> chainTime) {
  /** A window rule that admits everything: a pool that forges nothing. */
  public static final ForgingWindow UNGATED = new ForgingWindow(LeaderCalendar.notForging(), RestartTimes.none(),
      MaintenancePolicy.DEFAULT);

  /** Checks the fields. */
  public ForgingWindow {
    Objects.requireNonNull(calendar, "calendar");
    Objects.requireNonNull(restartTimes, "restartTimes");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(chainTime, "chainTime");
  }

  /** A rule on the host clock alone (no tip known). */
  public ForgingWindow(LeaderCalendar calendar, RestartTimes restartTimes, MaintenancePolicy policy) {
    this(calendar, restartTimes, policy, Optional.empty());
  }

  /** The same rule, checked against the chain's time from the producer's tip. */
  public ForgingWindow withChainTime(ChainTime c) {
    return new ForgingWindow(calendar, restartTimes, policy, Optional.of(c));
  }

  /**
   * The same rule for an action that only makes the producer re-read its forging credentials (new files, then a
   * SIGHUP; no restart, no replay): the time needed is {@code reload} plus the margin, whatever its restarts take.
   *
   * @param reload how long the producer takes to forge with the files it re-read
   * @return the rule for such an action
   */
  public ForgingWindow forReload(Duration reload) {
    MaintenancePolicy p = policy;
    return new ForgingWindow(calendar, RestartTimes.none(), new MaintenancePolicy(reload, p.margin(), p.maxWait(),
        p.percentile(), p.minSamples(), p.clockTolerance(), p.standbyWait()), chainTime);
  }

  /** How long the producer is expected to be away from forging after a restart, margin included. */
  public Duration needed() {
    return restartTimes.expected(policy).plus(policy.margin());
  }

  /**
   * Whether {@code action} may start now.
   *
   * @param action what is planned
   * @param producerDown whether the block producer is already down (not running, or given up on): then nothing is
   *     lost by acting, and waiting could only lose more slots
   * @param now the clock's time
   * @return the verdict
   */
  public Verdict verdict(PlannedAction action, boolean producerDown, Instant now) {
    Objects.requireNonNull(action, "action");
    Duration needed = needed();
    if (!action.gated() || producerDown) {
      return new Verdict(Verdict.Kind.ADMIT, action, Optional.empty(), now, needed);
    }
    // The window is judged from the earlier of the host's and the chain's time; it must hold the time needed from
    // the later of the two: [from, from + skew + needed].
    Instant from = now;
    Duration skew = Duration.ZERO;
    if (chainTime.isPresent()) {
      Instant chainNow = chainTime.get().at(now);
      skew = Duration.between(chainNow, now).abs();
      if (skew.compareTo(policy.clockTolerance()) > 0) {
        return new Verdict(Verdict.Kind.WAIT, action, calendar.next(chainNow.isBefore(now) ? chainNow : now), null,
            needed, clockDisagreement(chainTime.get(), now));
      }
      from = chainNow.isBefore(now) ? chainNow : now;
    }
    Duration span = needed.plus(skew);
    // Whole seconds, rounded up: the instant said stays the same from one pass to the next (one event per window).
    Duration toHost = ceilSeconds(Duration.between(from, now));
    Optional<LeaderCalendar.Slot> next = calendar.next(from);
    Instant start = from;
    // Each blocking slot moves the candidate start to its end; the slots are finite, so this ends.
    for (int i = 0; i <= calendar.slots().size(); i++) {
      Instant end = start.plus(span);
      if (end.isAfter(calendar.knownUntil())) {
        return new Verdict(Verdict.Kind.WAIT, action, next, null, needed);
      }
      Optional<LeaderCalendar.Slot> blocking = calendar.firstOverlapping(start, end);
      if (blocking.isEmpty()) {
        if (start.equals(from)) {
          return new Verdict(Verdict.Kind.ADMIT, action, next, now, needed);
        }
        // Said in host time, as every other time of status and events.
        Instant opens = start.plus(toHost);
        boolean tooLong = Duration.between(now, opens).compareTo(policy.maxWait()) > 0;
        return new Verdict(tooLong ? Verdict.Kind.NEEDS_OPERATOR : Verdict.Kind.WAIT, action, next, opens, needed);
      }
      start = blocking.get().end();
    }
    throw new IllegalStateException("unreachable: every leader slot was passed");
  }

  private static Duration ceilSeconds(Duration d) {
    Duration whole = Duration.ofSeconds(d.getSeconds());
    return whole.equals(d) ? d : whole.plusSeconds(1);
  }

  /** The clock problem in words that stay the same while it lasts (the direction, not the ticking amount). */
  private String clockDisagreement(ChainTime c, Instant now) {
    boolean ahead = c.skew(now).compareTo(Duration.ZERO) > 0;
    return "the host clock is " + (ahead ? "ahead of" : "behind") + " the block producer's chain (the time of its tip's"
        + " slot) by more than the " + DurationText.format(policy.clockTolerance()) + " tolerance"
        + (ahead ? " (a clock stepped forward, or the producer is not synced)" : " (a clock stepped back)")
        + ": no window is judged until they agree";
  }

  /**
   * What the rule decided.
   *
   * @param kind admitted, waiting, or waiting beyond the limit
   * @param action what was planned
   * @param nextLeaderSlot the producer's next leader slot, when known
   * @param opensAt when the action may start: now when admitted; the end of a leader slot when waiting; null when
   *     the schedule is not known far enough to tell
   * @param needed the expected restart-to-forging time plus the margin the window must hold
   * @param clockProblem why no window is judged at all (the host clock and the chain disagree), or empty
   */
  public record Verdict(Kind kind, PlannedAction action, Optional<LeaderCalendar.Slot> nextLeaderSlot,
      Instant opensAt, Duration needed, String clockProblem) {
    /** Checks the fields. */
    public Verdict {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(nextLeaderSlot, "nextLeaderSlot");
      Objects.requireNonNull(needed, "needed");
      Objects.requireNonNull(clockProblem, "clockProblem");
    }

    /** A verdict without a clock problem. */
    public Verdict(Kind kind, PlannedAction action, Optional<LeaderCalendar.Slot> nextLeaderSlot, Instant opensAt,
        Duration needed) {
      this(kind, action, nextLeaderSlot, opensAt, needed, "");
    }

    /** How the rule decided. */
    public enum Kind {
      /** No leader slot in the window: go. */
      ADMIT,
      /** A leader slot is in the window (or the schedule is not known far enough): wait for the window. */
      WAIT,
      /** The free window opens later than the policy's limit: the action stays queued and an operator is asked. */
      NEEDS_OPERATOR
    }

    /** Whether the action may start now. */
    public boolean admitted() {
      return kind == Kind.ADMIT;
    }

    /**
     * The wait for people, with the times relative to {@code now}: {@code waiting for a free window: next leader slot
     * in 3m12s, window opens at 14:05:40Z}; empty for an admitted action.
     */
    public String describe(Instant now) {
      if (admitted()) {
        return "";
      }
      if (!clockProblem.isEmpty()) {
        return "waiting for a free window: " + clockProblem;
      }
      StringBuilder sb = new StringBuilder("waiting for a free window");
      nextLeaderSlot.ifPresent(s -> sb.append(": next leader slot ").append(s.start().isAfter(now)
          ? "in " + DurationText.format(Duration.between(now, s.start()).truncatedTo(ChronoUnit.SECONDS))
          : "now"));
      sb.append(nextLeaderSlot.isPresent() ? ", " : ": ");
      sb.append(opensAt == null ? "the leader schedule is not known far enough ahead yet"
          : "window opens at " + opensAt.truncatedTo(ChronoUnit.SECONDS));
      if (kind == Kind.NEEDS_OPERATOR) {
        sb.append(" (beyond the wait limit: it needs an operator)");
      }
      return sb.toString();
    }

    /**
     * The wait in words that stay the same while it lasts (no "in 3m12s"), for events and the rollout's waiting
     * reason: a new event only when the window moves.
     */
    public String reason(String node) {
      if (admitted()) {
        return "";
      }
      if (!clockProblem.isEmpty()) {
        return "waiting for a free window before " + action.phrase() + " " + node + ": " + clockProblem;
      }
      String slot = nextLeaderSlot.map(s -> "next leader slot " + s.slot() + " at " + s.start()
          .truncatedTo(ChronoUnit.SECONDS) + ", ").orElse("");
      return "waiting for a free window before " + action.phrase() + " " + node + ": " + slot
          + (opensAt == null ? "the leader schedule is not known far enough ahead yet"
          : "window opens at " + opensAt.truncatedTo(ChronoUnit.SECONDS)) + " (it needs "
          + DurationText.format(needed.truncatedTo(ChronoUnit.SECONDS)) + " without a leader slot)"
          + (kind == Kind.NEEDS_OPERATOR ? "; that is beyond the wait limit: it needs an operator" : "");
    }
  }
}
