package io.palisade.cli.agent;

import io.palisade.agent.HealthReport;
import io.palisade.agent.HumanText;
import io.palisade.agent.KesStatus;
import io.palisade.agent.http.StatusJson;
import java.io.PrintWriter;
import java.time.Duration;

/** A health report for people, as {@code palisade agent check} prints it. */
final class ReportText {
  private ReportText() {}

  static void print(PrintWriter out, HealthReport r) {
    String tip = r.tipSlot().isPresent()
        ? "tip slot " + r.tipSlot().getAsLong() + r.tipBlock().stream().mapToObj(b -> ", block " + b).findFirst()
            .orElse("") + "; expected slot " + r.expectedSlot() + "; gap " + r.gap().getAsLong()
        : "no tip; expected slot " + r.expectedSlot();
    out.printf("state      %s (%s)%n", r.state(), tip);
    if (r.singleObservation()) {
      out.printf("basis      one observation, no history: the next observation may change the state%n");
    }
    out.printf("startup    %s%n", r.started() ? "passed" : "waiting");
    out.printf("liveness   %s%n", r.live() ? "ok" : "FAILING");
    out.printf("readiness  %s%n", r.ready() ? "ready" : "not ready");
    out.printf("role       %s%s%s%n", StatusJson.roleName(r.role()),
        r.forgingEnabled().map(f -> f ? "; forging enabled" : "; forging DISABLED").orElse(""),
        r.nodeVersion().map(v -> "; cardano-node " + v).orElse(""));
    out.printf("peers      hot %s, warm %s%n", known(r.hotPeers()), known(r.warmPeers()));
    r.replayProgress().ifPresent(p -> out.printf("replay     %s %%%n", HumanText.progressPercent(p)));
    r.kes().ifPresent(k -> out.printf("KES        %s%n", kes(k, r)));
    out.println("reasons:");
    r.reasons().forEach(reason -> out.printf("  %s%n", reason));
    out.flush();
  }

  private static String kes(KesStatus k, HealthReport r) {
    if (!k.validYet()) {
      return "NOT VALID YET: the opcert starts at KES period " + k.opcertStartPeriod() + ", after the current period "
          + k.currentPeriod() + " (valid from " + k.validFrom() + " until " + k.expiresAt() + ")"
          + k.opcertCounter().stream().mapToObj(c -> ", counter " + c).findFirst().orElse("") + "; from " + k.basis();
    }
    Duration left = Duration.between(r.observedAt(), k.expiresAt());
    return k.usablePeriodsLeft() + " periods left, expires " + k.expiresAt()
        + (left.isNegative() ? " (EXPIRED)" : left.toHours() < 48 ? " (in " + left.toHours() + " h)"
            : " (in " + left.toDays() + " days)")
        + "; opcert start period " + k.opcertStartPeriod()
        + k.opcertCounter().stream().mapToObj(c -> ", counter " + c).findFirst().orElse("")
        + (k.warning().name().equals("NONE") ? "" : "; " + k.warning()) + "; from " + k.basis();
  }

  private static String known(java.util.OptionalLong v) {
    return v.isPresent() ? Long.toString(v.getAsLong()) : "unknown";
  }
}
