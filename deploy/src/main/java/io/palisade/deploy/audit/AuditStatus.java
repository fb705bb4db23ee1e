package io.palisade.deploy.audit;

/** The outcome of one check on one resource. */
public enum AuditStatus {
  /** The claim holds. */
  PASS,
  /** The claim is broken. */
  FAIL
}
