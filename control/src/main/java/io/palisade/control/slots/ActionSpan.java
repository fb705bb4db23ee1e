package io.palisade.control.slots;

import java.time.Instant;
import java.util.Objects;

/**
 * A Palisade action on the pool and how long it was in progress.
 *
 * @param what the action in words (its event: {@code NodeUpgrading block-producer: ...})
 * @param since when it started
 * @param until when it ended, or null while it runs
 * @param affectsForging whether it stops the block producer or changes what it forges with
 */
public record ActionSpan(String what, Instant since, Instant until, boolean affectsForging) {
  /** Checks the fields. */
  public ActionSpan {
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(since, "since");
  }

  /** Whether it was in progress at {@code t}. */
  public boolean covers(Instant t) {
    return !t.isBefore(since) && (until == null || t.isBefore(until));
  }

  /** Ended at {@code t}. */
  public ActionSpan endedAt(Instant t) {
    return new ActionSpan(what, since, t, affectsForging);
  }

  /** As a slot's evidence names it. */
  public PalisadeAction action() {
    return new PalisadeAction(what, since, affectsForging);
  }
}
