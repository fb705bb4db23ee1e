package io.palisade.console.delay;

import io.palisade.console.ConsoleException;
import io.palisade.console.audit.AuditEntry;
import io.palisade.console.audit.AuditLog;
import io.palisade.console.audit.AuditRecord;
import io.palisade.console.store.ConsoleDatabase;
import io.palisade.gateway.ActionResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs due destructive actions, automatically, on every tick. Before running one it checks again: the clock guard
 * must not hold; the stored fields must still give the stored hash; the payload must be canonical; the wait must be
 * at least the floor; and the audit log must hold the entry that queued it, with the same hash, written at least the
 * floor ago; and its row must carry this console's witness MAC (under {@code audit.key}, which the database cannot
 * read), so an action inserted from outside with correct hashes and a back-dated audit entry never runs. Any mismatch
 * refuses the action. Each state change commits with its audit entry; the executing entry is
 * written before the effect.
 */
public final class DueActionRunner {
  private static final Logger LOG = LoggerFactory.getLogger(DueActionRunner.class);

  /** How far the queued entry's time may be from the action's request time (same clock, same transaction). */
  private static final Duration AUDIT_SLACK = Duration.ofSeconds(5);

  private final ConsoleDatabase db;
  private final AuditLog audit;
  private final ActionQueue queue;
  private final ActionExecutor executor;
  private final ClockGuard guard;
  private final Clock clock;

  /**
   * @param db the console database
   * @param audit the audit log
   * @param queue the queue
   * @param executor runs actions
   * @param guard the clock guard
   * @param clock the console's clock
   */
  public DueActionRunner(ConsoleDatabase db, AuditLog audit, ActionQueue queue, ActionExecutor executor,
      ClockGuard guard, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.queue = queue;
    this.executor = executor;
    this.guard = guard;
    this.clock = clock;
  }

  /**
   * At start: an action left executing by a crash has an unknown outcome; it is marked failed, never re-run blindly.
   *
   * @return how many were found
   */
  public int recoverInterrupted() {
    List<DelayedAction> stuck = queue.inState(ActionState.EXECUTING);
    for (DelayedAction a : stuck) {
      db.transaction(c -> {
        String why = "interrupted: the console stopped while this action ran; its outcome is unknown (check the pool,"
            + " and queue it again if needed)";
        if (queue.move(c, a.id(), ActionState.EXECUTING, ActionState.FAILED, "console", why)) {
          audit.append(c, AuditRecord.of("console", "action.failed", a.id(), a.describe() + ": " + why));
        }
        return null;
      });
    }
    return stuck.size();
  }

  /**
   * One pass: checks the clock, expires what is past its grace period, runs what is due.
   *
   * @return what happened, one line per action touched
   */
  public synchronized List<String> tick() {
    List<String> report = new ArrayList<>();
    ClockVerdict verdict = guard.check();
    if (verdict.held()) {
      return report;
    }
    Instant now = clock.instant();
    for (DelayedAction a : queue.inState(ActionState.PENDING)) {
      if (!now.isBefore(a.expiresEffective())) {
        expire(a, report);
      } else if (!now.isBefore(a.dueAt())) {
        run(a, now, report);
      }
    }
    return report;
  }

  private void expire(DelayedAction a, List<String> report) {
    db.transaction(c -> {
      String why = "expired: not run within its grace period (due " + a.dueAt() + ")";
      if (queue.move(c, a.id(), ActionState.PENDING, ActionState.EXPIRED, "console", why)) {
        audit.append(c, AuditRecord.of("console", "action.expired", a.id(), a.describe() + ": " + why));
        report.add(a.id() + " expired");
      }
      return null;
    });
  }

  private void run(DelayedAction a, Instant now, List<String> report) {
    List<String> problems = recheck(a, now);
    if (!problems.isEmpty()) {
      String why = "refused at run time: " + String.join("; ", problems);
      db.transaction(c -> {
        if (queue.move(c, a.id(), ActionState.PENDING, ActionState.REFUSED, "console", why)) {
          audit.append(c, AuditRecord.of("console", "action.refused", a.id(), why));
        }
        return null;
      });
      LOG.warn("queued action {} {}", a.id(), why);
      report.add(a.id() + " refused");
      return;
    }
    ConsoleAction action = a.action();
    if (ActionExecutor.internal(action)) {
      runInternal(a, action, report);
    } else {
      runOnPool(a, (ConsoleAction.OnPool) action, report);
    }
  }

  private void runOnPool(DelayedAction a, ConsoleAction.OnPool action, List<String> report) {
    boolean claimed = db.transaction(c -> {
      if (!queue.move(c, a.id(), ActionState.PENDING, ActionState.EXECUTING, "console", "running")) {
        return false; // cancelled a moment ago
      }
      audit.append(c, AuditRecord.of("console", "action.executing", a.id(), action.describe() + " (hash "
          + a.actionHash() + ", requested by " + a.requestedBy() + " at " + a.requestedAt() + ")"));
      return true;
    });
    if (!claimed) {
      return;
    }
    ActionResult result = executor.onPool(action);
    finish(a, action, result, report);
  }

  private void runInternal(DelayedAction a, ConsoleAction action, List<String> report) {
    try {
      ActionResult result = db.transaction(c -> {
        if (!queue.move(c, a.id(), ActionState.PENDING, ActionState.EXECUTING, "console", "running")) {
          return null;
        }
        audit.append(c, AuditRecord.of("console", "action.executing", a.id(), action.describe() + " (hash "
            + a.actionHash() + ", requested by " + a.requestedBy() + " at " + a.requestedAt() + ")"));
        ActionResult r = executor.internal(c, action);
        queue.move(c, a.id(), ActionState.EXECUTING, ActionState.DONE, "console", r.message());
        audit.append(c, AuditRecord.of("console", "action.done", a.id(), action.describe() + ": " + r.message()));
        return r;
      });
      if (result != null) {
        report.add(a.id() + " done");
      }
    } catch (ConsoleException | IllegalArgumentException e) {
      // Rolled back as a whole: record the failure on its own.
      finish(a, action, ActionResult.failed(e.getMessage()), report, ActionState.PENDING);
    }
  }

  private void finish(DelayedAction a, ConsoleAction action, ActionResult result, List<String> report) {
    finish(a, action, result, report, ActionState.EXECUTING);
  }

  private void finish(DelayedAction a, ConsoleAction action, ActionResult result, List<String> report,
      ActionState from) {
    ActionState to = result.ok() ? ActionState.DONE : ActionState.FAILED;
    db.transaction(c -> {
      if (queue.move(c, a.id(), from, to, "console", result.message())) {
        audit.append(c, AuditRecord.of("console", result.ok() ? "action.done" : "action.failed", a.id(),
            action.describe() + ": " + result.message()));
      }
      return null;
    });
    report.add(a.id() + " " + to.name().toLowerCase());
  }

  /**
   * The run-time checks, as a pure function of the stored action, the audit entries that queued it and the time.
   *
   * @param a the stored action
   * @param now the console's time
   * @return what is wrong; empty when it may run
   */
  List<String> recheck(DelayedAction a, Instant now) {
    List<String> problems = new ArrayList<>(recheck(a, audit.find("action.queued", a.id()), now));
    if (!queue.witnessed(a)) {
      problems.add("this console did not witness its queuing (its row carries no valid MAC under audit.key): it was"
          + " written into the database from outside, or queued before the console had its key");
    }
    return problems;
  }

  static List<String> recheck(DelayedAction a, List<AuditEntry> queuedEntries, Instant now) {
    List<String> problems = new ArrayList<>();
    String computed = ActionHash.of(a);
    if (!computed.equals(a.actionHash())) {
      problems.add("its stored fields no longer match its hash (stored " + a.actionHash() + ", computed " + computed
          + ")");
    }
    try {
      a.action();
    } catch (IllegalArgumentException e) {
      problems.add("its payload is not canonical: " + e.getMessage());
    }
    if (Duration.between(a.requestedAt(), a.notBefore()).compareTo(DelayPolicy.FLOOR) < 0) {
      problems.add("its wait is shorter than the " + DelayPolicy.days(DelayPolicy.FLOOR) + " floor");
    }
    if (queuedEntries.size() != 1) {
      problems.add(queuedEntries.isEmpty()
          ? "the audit log has no entry queueing it"
          : "the audit log has " + queuedEntries.size() + " entries queueing it");
    } else {
      AuditEntry e = queuedEntries.get(0);
      if (!e.detail().contains("hash " + a.actionHash() + ";") || !e.detail().endsWith("payload " + a.payload())) {
        problems.add("the audit entry that queued it (#" + e.seq() + ") records another hash or payload");
      }
      if (Duration.between(a.requestedAt(), e.at()).abs().compareTo(AUDIT_SLACK) > 0) {
        problems.add("the audit entry that queued it (#" + e.seq() + ") was written at " + e.at()
            + ", not at its request time " + a.requestedAt());
      }
      if (now.isBefore(e.at().plus(DelayPolicy.FLOOR))) {
        problems.add("it was queued (audit entry #" + e.seq() + ") less than "
            + DelayPolicy.days(DelayPolicy.FLOOR) + " ago");
      }
      if (!e.actor().equals(a.requestedBy())) {
        problems.add("the audit entry that queued it names " + e.actor() + ", the queue " + a.requestedBy());
      }
    }
    return problems;
  }
}
