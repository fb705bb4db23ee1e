package io.palisade.console.delay;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A destructive action in the queue.
 *
 * @param id its identifier (a UUID)
 * @param payload its canonical payload, see {@link CanonicalPayload}
 * @param actionHash SHA-256 over the id, payload, requester and times, see {@link ActionHash}
 * @param requestedBy the operator who asked
 * @param requestedAt when
 * @param notBefore the earliest time it may run (requested + delay)
 * @param expiresAt when it expires if it has not run (not before + grace)
 * @param holdExtension time added to both because the clock guard held execution after a clock jump
 * @param state where it stands
 * @param stateAt when it got there
 * @param stateBy who moved it there (an operator, or {@code console})
 * @param outcome what happened, for the operator
 */
public record DelayedAction(
    String id,
    String payload,
    String actionHash,
    String requestedBy,
    Instant requestedAt,
    Instant notBefore,
    Instant expiresAt,
    Duration holdExtension,
    ActionState state,
    Instant stateAt,
    String stateBy,
    String outcome) {
  /** Rejects nulls. */
  public DelayedAction {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(actionHash, "actionHash");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(holdExtension, "holdExtension");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(stateAt, "stateAt");
    stateBy = stateBy == null ? "" : stateBy;
    outcome = outcome == null ? "" : outcome;
  }

  /** When it becomes due: not before, plus any hold extension. */
  public Instant dueAt() {
    return notBefore.plus(holdExtension);
  }

  /** When it expires: the stored expiry, plus any hold extension. */
  public Instant expiresEffective() {
    return expiresAt.plus(holdExtension);
  }

  /**
   * @return the action, decoded from the payload
   * @throws IllegalArgumentException when the payload is not canonical
   */
  public ConsoleAction action() {
    return CanonicalPayload.decode(payload);
  }

  /**
   * @return a one-line description (or why the payload does not decode)
   */
  public String describe() {
    try {
      return action().describe();
    } catch (IllegalArgumentException e) {
      return "unreadable payload: " + e.getMessage();
    }
  }

  /**
   * @param now the console's time
   * @return time left until due (zero or negative once due)
   */
  public Duration remaining(Instant now) {
    return Duration.between(now, dueAt());
  }
}
