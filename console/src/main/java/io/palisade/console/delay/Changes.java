package io.palisade.console.delay;

import io.palisade.console.RefusedException;
import io.palisade.console.audit.AuditLog;
import io.palisade.console.audit.AuditRecord;
import io.palisade.console.audit.AuditWriteException;
import io.palisade.console.store.ConsoleDatabase;
import io.palisade.gateway.ActionResult;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every operator change enters (the web layer has already checked the session and its recent second factor).
 * Destructive actions are queued behind the delay (a pool action only when the pool's guard rails would let it run
 * now; they are asked again when it runs); the others run at once. The audit entry is written before the
 * effect: if it cannot be written, nothing happens.
 */
public final class Changes {
  private static final Logger LOG = LoggerFactory.getLogger(Changes.class);

  private final ConsoleDatabase db;
  private final AuditLog audit;
  private final ActionQueue queue;
  private final ActionExecutor executor;
  private final DelaySettings delays;
  private final Duration grace;

  /**
   * @param db the console database
   * @param audit the audit log
   * @param queue the destructive-action queue
   * @param executor runs actions
   * @param delays the delay in force
   * @param grace how long a due action may still run
   */
  public Changes(ConsoleDatabase db, AuditLog audit, ActionQueue queue, ActionExecutor executor, DelaySettings delays,
      Duration grace) {
    this.db = db;
    this.audit = audit;
    this.queue = queue;
    this.executor = executor;
    this.delays = delays;
    this.grace = DelayPolicy.checkGrace(grace);
  }

  /**
   * Asks for a change.
   *
   * @param by the operator (already authenticated with a recent second factor)
   * @param action the change
   * @return run at once, or queued
   * @throws AuditWriteException when the audit entry could not be written (nothing happened)
   * @throws RefusedException when the pool's guard rails would refuse a destructive pool action now (recorded, not
   *     queued): what would be refused seven days later is refused at once
   */
  public ChangeOutcome request(String by, ConsoleAction action) {
    Objects.requireNonNull(by, "by");
    if (action instanceof ConsoleAction.OnPool p && action.destructive()) {
      Optional<String> refused = executor.refusal(p);
      if (refused.isPresent()) {
        audit.append(AuditRecord.of(by, "action.refused", "", "not queued: " + action.describe() + ": the pool"
            + " refuses it now: " + refused.get()));
        throw new RefusedException("the pool refuses it now, so nothing was queued: " + refused.get());
      }
    }
    if (action.destructive()) {
      DelayedAction queued = db.transaction(c -> queue.schedule(c, action, by, delays.current(c), grace));
      return new ChangeOutcome.Queued(queued);
    }
    audit.append(AuditRecord.of(by, "action.requested", "", action.describe() + " (runs at once: not destructive)"));
    ActionResult result = executor.onPool((ConsoleAction.OnPool) action);
    try {
      audit.append(AuditRecord.of(by, result.ok() ? "action.executed" : "action.failed", "",
          action.describe() + ": " + result.message()));
    } catch (AuditWriteException e) {
      // The request was recorded before the effect; only the outcome line is missing.
      LOG.error("could not record the outcome of '{}': {}", action.describe(), e.getMessage());
    }
    return new ChangeOutcome.Executed(action, result);
  }

  /**
   * Cancels a queued action; either operator may.
   *
   * @param by the operator
   * @param id the action
   * @return the cancelled action
   */
  public DelayedAction cancel(String by, String id) {
    return queue.cancel(id, by);
  }
}
