package io.palisade.deploy.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The posture audit: every claim of the pool's security and uptime posture that manifests can show, checked on the
 * rendered objects. Pure: give it {@link Manifests}, get rows.
 */
public final class PostureAudit {
  private final List<AuditCheck> checks;

  /** The standard checks. */
  public PostureAudit() {
    this(standardChecks());
  }

  /** @param checks the checks to run, in report order */
  public PostureAudit(List<AuditCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  /** Every check Palisade runs, in report order. */
  public static List<AuditCheck> standardChecks() {
    return List.of(
        new KnownFieldsCheck(),
        new NamespacePodSecurityCheck(),
        new PodSecurityRestrictedCheck(),
        new NonRootReadOnlyCheck(),
        new BlockProducerPrivateCheck(),
        new DefaultDenyCheck(),
        new CardanoTrafficOnlyCheck(),
        new ImagesPinnedCheck(),
        new ProbesCheck(),
        new DisruptionBudgetCheck(),
        new RelayRegionsCheck(),
        new ResourcesCheck(),
        new HotKeysCheck());
  }

  /** The checks this audit runs. */
  public List<AuditCheck> checks() {
    return checks;
  }

  /**
   * Runs every check.
   *
   * @param manifests the rendered objects
   * @return the report
   */
  public AuditReport run(Manifests manifests) {
    List<AuditRow> rows = new ArrayList<>();
    for (AuditCheck check : checks) {
      rows.addAll(check.run(manifests));
    }
    return new AuditReport(rows);
  }

  /**
   * The audit's rows.
   *
   * @param rows one or more per check
   */
  public record AuditReport(List<AuditRow> rows) {
    /** Copies the rows. */
    public AuditReport {
      rows = List.copyOf(rows);
    }

    /** Whether no row failed. */
    public boolean passed() {
      return rows.stream().noneMatch(r -> r.status() == AuditStatus.FAIL);
    }

    /** The failing rows. */
    public List<AuditRow> failures() {
      return rows.stream().filter(r -> r.status() == AuditStatus.FAIL).toList();
    }
  }
}
