package io.palisade.cli.deploy;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.JsonOption;
import io.palisade.deploy.audit.AuditRow;
import io.palisade.deploy.audit.Manifests;
import io.palisade.deploy.audit.PostureAudit;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code palisade audit DIR}: the posture claims that manifests can show, one row per check and resource. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    header = "Audit rendered manifests against the pool's security and uptime claims.",
    description = "Reads DIR/kubernetes/*.yaml (or DIR/*.yaml) and prints one row per check and resource: PASS or"
        + " FAIL, the resource, the reason. Exits 1 on any FAIL.")
public final class AuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Parameters(paramLabel = "DIR", description = "A directory written by 'palisade render'.")
  Path dir;

  @Option(names = "--registry", paramLabel = "HOST",
      description = "The private registry images must come from (default: the namespace's palisade.io/registry).")
  String registry;

  /**
   * The audit for {@code --json}.
   *
   * @param dir the directory audited
   * @param passed whether every row passed
   * @param rows every row
   */
  public record AuditResult(String dir, boolean passed, List<AuditRow> rows) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Manifests manifests;
    try {
      manifests = Manifests.read(dir, Optional.ofNullable(registry));
    } catch (IOException | IllegalArgumentException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "cannot audit " + dir + ": " + e.getMessage(), e);
    }
    PostureAudit.AuditReport report = new PostureAudit().run(manifests);
    json.print(out, new AuditResult(dir.toString(), report.passed(), report.rows()), () -> {
      int check = report.rows().stream().mapToInt(r -> r.check().length()).max().orElse(5);
      int resource = report.rows().stream().mapToInt(r -> r.resource().length()).max().orElse(8);
      String format = "%-4s  %-" + check + "s  %-" + resource + "s  %s%n";
      out.printf(format, "", "CHECK", "RESOURCE", "REASON");
      for (AuditRow r : report.rows()) {
        out.printf(format, r.status(), r.check(), r.resource(), r.reason());
      }
      long failed = report.failures().size();
      out.printf("%d checks on %d objects: %s%n", report.rows().stream().map(AuditRow::check).distinct().count(),
          manifests.objects().size(), failed == 0 ? "all passed" : failed + " FAILED");
      out.flush();
    });
    return report.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }
}
