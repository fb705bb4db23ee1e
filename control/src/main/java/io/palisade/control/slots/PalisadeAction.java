package io.palisade.control.slots;

import java.time.Instant;
import java.util.Objects;

/**
 * An action Palisade took on the pool, in progress at some time.
 *
 * @param what the action in words, e.g. {@code upgrade of block-producer to 10.6.0} or the event reason
 * @param since when it started
 * @param affectsForging whether it stops the block producer or changes what it forges with (a restart, an upgrade
 *     step, a key rotation or revocation, a volume deletion); a relay addition does not
 */
public record PalisadeAction(String what, Instant since, boolean affectsForging) {
  /** Checks the fields. */
  public PalisadeAction {
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(since, "since");
  }
}
