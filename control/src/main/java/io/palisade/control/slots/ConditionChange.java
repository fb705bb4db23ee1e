package io.palisade.control.slots;

import java.time.Instant;
import java.util.Objects;

/**
 * The block producer's condition from {@code at} until the next change.
 *
 * @param at when it was first observed
 * @param condition the condition
 * @param detail the observation's reasons in words (may be empty)
 */
public record ConditionChange(Instant at, ProducerCondition condition, String detail) {
  /** Checks the fields. */
  public ConditionChange {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(condition, "condition");
    detail = detail == null ? "" : detail;
  }
}
