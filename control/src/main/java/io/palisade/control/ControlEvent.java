package io.palisade.control;

import java.time.Instant;
import java.util.Objects;

/**
 * One decision and why it was taken, for {@code palisade status}, the event log and Kubernetes events.
 *
 * @param time when the decision was taken
 * @param severity whether it needs attention
 * @param reason a CamelCase cause, stable for scripts (for example {@code NodeRestarted}, {@code RolloutRolledBack})
 * @param node the node concerned, or null for the whole pool
 * @param message what happened and why, for people
 */
public record ControlEvent(Instant time, Severity severity, String reason, String node, String message) {
  /** How much attention an event needs; the names are Kubernetes event types. */
  public enum Severity {
    /** Expected progress. */
    Normal,
    /** Something failed or is waiting on a problem. */
    Warning
  }

  /** Checks the required fields. */
  public ControlEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  /** A normal event. */
  static ControlEvent normal(Instant time, String reason, String node, String message) {
    return new ControlEvent(time, Severity.Normal, reason, node, message);
  }

  /** A warning event. */
  static ControlEvent warning(Instant time, String reason, String node, String message) {
    return new ControlEvent(time, Severity.Warning, reason, node, message);
  }

  @Override
  public String toString() {
    return time + " " + severity + " " + reason + (node == null ? "" : " " + node) + ": " + message;
  }
}
