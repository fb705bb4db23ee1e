package io.palisade.console.audit;

import java.util.Objects;

/**
 * What a caller asks the audit log to append; the log adds the sequence number, time and hashes.
 *
 * @param actor who
 * @param kind what ({@code login.failed}, ...)
 * @param subject what it concerns; may be empty
 * @param detail the rest
 */
public record AuditRecord(String actor, String kind, String subject, String detail) {
  /** Rejects nulls. */
  public AuditRecord {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(kind, "kind");
    subject = subject == null ? "" : subject;
    detail = detail == null ? "" : detail;
  }

  /**
   * @param actor who
   * @param kind what
   * @param subject what it concerns
   * @param detail the rest
   * @return the record
   */
  public static AuditRecord of(String actor, String kind, String subject, String detail) {
    return new AuditRecord(actor, kind, subject, detail);
  }
}
