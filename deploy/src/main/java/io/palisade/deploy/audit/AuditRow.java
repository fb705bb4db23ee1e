package io.palisade.deploy.audit;

/**
 * One line of the audit: a check, on one resource, and why it passed or failed.
 *
 * @param check the check's id
 * @param status PASS or FAIL
 * @param resource {@code Kind/name} (or {@code -} when the check concerns the whole set)
 * @param reason what was seen
 */
public record AuditRow(String check, AuditStatus status, String resource, String reason) {
  /** A passing row. */
  public static AuditRow pass(String check, String resource, String reason) {
    return new AuditRow(check, AuditStatus.PASS, resource, reason);
  }

  /** A failing row. */
  public static AuditRow fail(String check, String resource, String reason) {
    return new AuditRow(check, AuditStatus.FAIL, resource, reason);
  }
}
