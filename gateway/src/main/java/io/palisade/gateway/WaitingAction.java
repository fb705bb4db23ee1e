package io.palisade.gateway;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A planned action that stops the block producer and waits for a free window between its leader slots.
 *
 * @param description what waits, in the runtime's words ({@code waiting for a free window: ...})
 * @param windowOpensAt when the window opens, if known
 */
public record WaitingAction(String description, Optional<Instant> windowOpensAt) {
  /** Rejects nulls. */
  public WaitingAction {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(windowOpensAt, "windowOpensAt");
  }
}
