package io.palisade.control;

import io.palisade.spec.NodeVersion;
import java.time.Instant;
import java.util.List;

/**
 * A finished rollout, kept in the history.
 *
 * @param id the rollout's id
 * @param from the version before
 * @param to the version rolled out
 * @param startedAt when it began
 * @param endedAt when it ended
 * @param outcome how it ended
 * @param message what happened, for people
 * @param upgraded the nodes that were upgraded (and, if rolled back, restored)
 */
public record RolloutRecord(
    String id,
    NodeVersion from,
    NodeVersion to,
    Instant startedAt,
    Instant endedAt,
    Outcome outcome,
    String message,
    List<String> upgraded) {

  /** How a rollout ended. */
  public enum Outcome {
    /** Every node runs the new version. */
    SUCCEEDED,
    /** A step missed its deadline; the pool was restored to the previous version. */
    ROLLED_BACK
  }

  /** Copies the list. */
  public RolloutRecord {
    upgraded = List.copyOf(upgraded);
  }
}
