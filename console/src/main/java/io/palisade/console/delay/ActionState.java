package io.palisade.console.delay;

/** Where a delayed action is in its life. Only {@link #PENDING} can move; the others are final. */
public enum ActionState {
  /** Waiting for its time; can be cancelled. */
  PENDING,
  /** Being carried out (a console that crashed here reports the outcome as unknown). */
  EXECUTING,
  /** Carried out. */
  DONE,
  /** Attempted and failed, or interrupted. */
  FAILED,
  /** Cancelled by an operator. */
  CANCELLED,
  /** Not run within its grace period. */
  EXPIRED,
  /** Refused at run time: its stored payload or times no longer match its hash or the audit log. */
  REFUSED
}
