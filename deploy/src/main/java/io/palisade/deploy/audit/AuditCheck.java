package io.palisade.deploy.audit;

import java.util.List;

/** One claim of the pool's security and uptime posture that can be seen in its manifests. */
public interface AuditCheck {
  /** A short stable id, e.g. {@code block-producer-private}. */
  String id();

  /** The claim, in the operator's words. */
  String claim();

  /**
   * Checks the claim.
   *
   * @param manifests the rendered objects
   * @return at least one row; a FAIL row for every violation
   */
  List<AuditRow> run(Manifests manifests);
}
