package io.palisade.gateway;

import java.util.Objects;

/**
 * What the gateway did with an action.
 *
 * @param ok whether it was carried out (or, for long work, accepted and started)
 * @param message one sentence for the operator and the audit log
 */
public record ActionResult(boolean ok, String message) {
  /** Rejects a null message. */
  public ActionResult {
    Objects.requireNonNull(message, "message");
  }

  /**
   * @param message what was done
   * @return a success
   */
  public static ActionResult ok(String message) {
    return new ActionResult(true, message);
  }

  /**
   * @param message why it failed
   * @return a failure
   */
  public static ActionResult failed(String message) {
    return new ActionResult(false, message);
  }
}
