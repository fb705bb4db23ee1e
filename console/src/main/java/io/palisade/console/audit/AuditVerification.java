package io.palisade.console.audit;

import java.util.Optional;

/**
 * The verdict on the audit chain.
 *
 * @param intact whether every check passed
 * @param entries how many entries were checked and found sound (up to the first break)
 * @param head the head as recorded
 * @param firstBreak the first broken entry and why, when not intact
 * @param checkpointMatched whether a given checkpoint was found in the chain (false when none was given)
 */
public record AuditVerification(
    boolean intact, long entries, AuditHead head, Optional<Break> firstBreak, boolean checkpointMatched) {

  /**
   * A break in the chain.
   *
   * @param seq the first entry that fails
   * @param reason what is wrong with it
   */
  public record Break(long seq, String reason) {}

  static AuditVerification broken(long entries, AuditHead head, Break b) {
    return new AuditVerification(false, entries, head, Optional.of(b), false);
  }

  static AuditVerification intact(long entries, AuditHead head, Optional<AuditCheckpoint> checkpoint) {
    return new AuditVerification(true, entries, head, Optional.empty(), checkpoint.isPresent());
  }
}
