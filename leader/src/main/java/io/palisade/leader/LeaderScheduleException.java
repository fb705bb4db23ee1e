package io.palisade.leader;

/** A schedule that cannot be computed as asked (an epoch before Praos, before Shelley, ...); the message says why. */
public class LeaderScheduleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong and what to do */
  public LeaderScheduleException(String message) {
    super(message);
  }
}
