package io.palisade.control;

import java.time.Instant;
import java.util.Objects;

/**
 * A relay being added: started, and not yet in the block producer's topology until it is ready.
 *
 * @param node the new relay's name
 * @param startedAt when the addition began (its deadline counts from here)
 */
public record RelayAddition(String node, Instant startedAt) {
  /** Checks the fields. */
  public RelayAddition {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(startedAt, "startedAt");
  }
}
