package io.palisade.cli.agent;

import io.palisade.agent.ForgeCounters;
import io.palisade.agent.ForgeCounters.Outcome;
import io.palisade.agent.HealthReport;
import io.palisade.agent.HumanText;
import io.palisade.agent.KesStatus;
import io.palisade.agent.http.StatusJson;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A health report for people, as {@code palisade agent check} prints it. */
final class ReportText {
  /** The forge counters in the order a leader slot goes through them, and their words. */
  private static final List<Outcome> FORGE_ORDER = List.of(Outcome.NODE_IS_LEADER, Outcome.ADOPTED,
      Outcome.DIDNT_ADOPT, Outcome.FORGED_INVALID, Outcome.COULD_NOT_FORGE, Outcome.BLOCK_FROM_FUTURE);
  private static final Map<Outcome, String> FORGE_WORDS = Map.of(Outcome.NODE_IS_LEADER, "leader",
      Outcome.ADOPTED, "adopted", Outcome.DIDNT_ADOPT, "not adopted (lost slot battle)", Outcome.FORGED_INVALID,
      "forged invalid", Outcome.COULD_NOT_FORGE, "could not forge", Outcome.BLOCK_FROM_FUTURE, "block from the future");

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
    if (!r.forge().isEmpty()) {
      out.printf("forge      %s%n", forge(r.forge()));
    }
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

  /**
   * The forge counters the node exposes, in the order a slot goes through them: {@code leader 108, adopted 108}. A
   * failure counter at 0 is left out (a forging node reports all of them), adopted never.
   */
  static String forge(ForgeCounters forge) {
    List<String> parts = new ArrayList<>();
    for (Outcome o : FORGE_ORDER) {
      forge.get(o).stream().filter(v -> v > 0 || o == Outcome.ADOPTED || o == Outcome.NODE_IS_LEADER)
          .forEach(v -> parts.add(FORGE_WORDS.get(o) + " " + v));
    }
    return "since the node started: " + String.join(", ", parts);
  }

  private static String known(java.util.OptionalLong v) {
    return v.isPresent() ? Long.toString(v.getAsLong()) : "unknown";
  }
}
