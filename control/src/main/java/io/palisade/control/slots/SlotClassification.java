package io.palisade.control.slots;

import java.time.Instant;
import java.util.Objects;

/**
 * A leader slot's verdict and the evidence it was decided on.
 *
 * @param slot the absolute slot
 * @param verdict the verdict
 * @param because the verdict's reason in one line
 * @param evidence what it was decided on
 * @param decidedAt when
 */
public record SlotClassification(long slot, SlotVerdict verdict, String because, SlotEvidence evidence,
    Instant decidedAt) {
  /** Checks the fields. */
  public SlotClassification {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(because, "because");
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(decidedAt, "decidedAt");
  }
}
