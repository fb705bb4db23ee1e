package io.palisade.console.delay;

import io.palisade.gateway.ActionResult;

/** What became of an operator's change: run at once, or queued behind the delay. */
public sealed interface ChangeOutcome permits ChangeOutcome.Executed, ChangeOutcome.Queued {
  /**
   * A non-destructive change, run at once.
   *
   * @param action what
   * @param result the outcome
   */
  record Executed(ConsoleAction action, ActionResult result) implements ChangeOutcome {}

  /**
   * A destructive change, queued.
   *
   * @param queued the queued action
   */
  record Queued(DelayedAction queued) implements ChangeOutcome {}
}
