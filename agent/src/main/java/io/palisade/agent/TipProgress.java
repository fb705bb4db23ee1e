package io.palisade.agent;

import java.time.Instant;
import java.util.Objects;

/**
 * The last tip slot seen and since when it has not changed: how the judge tells a frozen node from a quiet one.
 *
 * @param slot the tip slot
 * @param since when this slot was first seen as the tip
 */
public record TipProgress(long slot, Instant since) {
  /** Requires the instant. */
  public TipProgress {
    Objects.requireNonNull(since, "since");
  }
}
