package io.palisade.cli.runtime;

import io.palisade.cli.CliTime;
import io.palisade.control.ControlEvent;
import io.palisade.control.FailedVersion;
import io.palisade.control.MemberState;
import io.palisade.control.RolloutRecord;
import io.palisade.control.RolloutState;
import io.palisade.control.api.HotKeyStatus;
import io.palisade.control.KesRotationPlan;
import io.palisade.control.api.MaintenanceStatus;
import io.palisade.control.api.NodeStatus;
import io.palisade.control.api.PoolStatus;
import io.palisade.spec.NodeRole;
import io.palisade.spec.binding.DurationText;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code palisade status} for people: the verdict first, one short line per node, what is in progress, the latest
 * events newest first (as the console lists them). Every line fits {@value #WIDTH} columns; {@code --verbose} adds
 * pids and ports, the full reasons, the failed versions' causes and whole event lines. Pure: a function of the status.
 */
final class StatusText {
  /** The terminal width the short form fits. */
  static final int WIDTH = 100;
  /** Events shown, as many as the console's dashboard shows. */
  static final int EVENTS = 10;

  private final PrintWriter out;
  private final boolean verbose;

  private StatusText(PrintWriter out, boolean verbose) {
    this.out = out;
    this.verbose = verbose;
  }

  static void print(PrintWriter out, PoolStatus s, boolean verbose) {
    new StatusText(out, verbose).print(s);
  }

  private void print(PoolStatus s) {
    long ready = s.nodes().stream().filter(NodeStatus::ready).count();
    line("pool " + s.pool() + " on " + s.network() + ": " + (s.healthy() ? "healthy" : "NOT healthy") + ", version "
        + s.version() + (s.targetVersion().equals(s.version()) ? "" : " (target " + s.targetVersion() + ")") + "; "
        + ready + " of " + s.nodes().size() + " nodes ready; at " + CliTime.format(s.at()));
    nodes(s);
    if (s.rollout() != null) {
      var r = s.rollout();
      String doing = r.phase() == RolloutState.Phase.MOVING_FORGING ? WaitProgress.movingForging(r, s.at())
          : r.phase() + (r.current() == null ? "" : " " + r.current());
      line("rollout " + r.from() + " -> " + r.to() + ": " + doing
          + ", " + r.done().size() + " of " + r.order().size() + " done"
          + (r.waitingFor() == null ? "" : " (" + r.waitingFor() + ")"));
    }
    if (s.relayAddition() != null) {
      line("adding relay " + s.relayAddition().node() + " (since " + CliTime.format(s.relayAddition().startedAt())
          + ")");
    }
    HotKeyStatus k = s.keys();
    if (k != null) {
      line("hot keys: " + k.state() + (k.opcertCounter() == null ? "" : ", opcert counter " + k.opcertCounter())
          + (k.kesExpiry() == null ? "" : ", KES expires " + CliTime.date(k.kesExpiry()))
          + (k.detail() == null || !verbose ? "" : " (" + k.detail() + ")"));
    }
    if (s.producer() != null) {
      line("producer lease: " + s.producer().status());
    }
    if (s.maintenance() != null) {
      maintenanceLines(s.maintenance(), s.at()).forEach(this::line);
    }
    if (s.removedNodes() != null && !s.removedNodes().isEmpty()) {
      line("removed nodes: " + String.join(", ", s.removedNodes()));
    }
    if (!s.failedVersions().isEmpty()) {
      if (verbose) {
        for (FailedVersion f : s.failedVersions()) {
          out.println("failed version " + f.version() + " (" + CliTime.format(f.at()) + " on " + f.node() + "): "
              + f.reason());
        }
      } else {
        line("failed versions: " + String.join(", ", s.failedVersions().stream()
            .map(f -> String.valueOf(f.version())).toList()) + " (never retried by themselves; --verbose: why)");
      }
    }
    if (!s.history().isEmpty()) {
      RolloutRecord last = s.history().get(s.history().size() - 1);
      line("last rollout " + last.from() + " -> " + last.to() + ": " + last.outcome() + " at "
          + CliTime.format(last.endedAt()));
    }
    if (!s.events().isEmpty()) {
      out.println("latest events, newest first:");
      List<ControlEvent> newest = new ArrayList<>(s.events().subList(Math.max(0, s.events().size() - EVENTS),
          s.events().size()));
      java.util.Collections.reverse(newest);
      newest.forEach(e -> line("  " + EventLine.of(e)));
    }
    out.flush();
  }

  private void nodes(PoolStatus s) {
    int name = Math.max(4, s.nodes().stream().mapToInt(n -> n.name().length()).max().orElse(4));
    String head = "%-" + name + "s %-8s %-8s %-5s %-8s %10s %6s %3s";
    if (verbose) {
      out.println(String.format(head + " %-8s %-6s %s", "NODE", "ROLE", "STATE", "READY", "VERSION", "TIP", "GAP",
          "RST", "PID", "PORT", "WHY").stripTrailing());
    } else {
      line(String.format(head + " %s", "NODE", "ROLE", "STATE", "READY", "VERSION", "TIP", "GAP", "RST", "NOTE"));
    }
    for (NodeStatus n : s.nodes()) {
      boolean failed = n.phase() == MemberState.Phase.FAILED;
      String row = String.format(head, n.name(), producer(n) ? "producer" : "relay",
          failed ? "FAILED" : String.valueOf(n.state()), n.ready() ? "yes" : "no", n.version(),
          n.tipSlot() == null ? "-" : n.tipSlot(), n.slotGap() == null ? "-" : n.slotGap(), n.restarts());
      String note = note(s, n, failed);
      if (verbose) {
        out.println((row + String.format(" %-8s %-6d %s", n.pid() == null ? "-" : n.pid(), n.nodeToNodePort(),
            n.ready() ? note : String.join("; ", n.reasons()))).stripTrailing());
        if (failed && n.lastFailure() != null) {
          out.println(" ".repeat(name) + " failed: " + n.lastFailure());
        }
      } else {
        line(row + " " + note);
      }
    }
  }

  /** What matters most about a node, short: why it is not ready, or (the producer) when its KES key expires. */
  private static String note(PoolStatus s, NodeStatus n, boolean failed) {
    if (failed) {
      return "FAILED: " + (n.lastFailure() == null ? "see --verbose" : n.lastFailure());
    }
    if (!n.ready()) {
      return n.reasons().isEmpty() ? "not ready" : shortReason(n.reasons().get(0));
    }
    if (producer(n) && s.keys() != null && s.keys().kesExpiry() != null) {
      Instant expiry = s.keys().kesExpiry();
      return "KES ends " + CliTime.date(expiry) + " (" + Math.max(0, Duration.between(s.at(), expiry).toDays())
          + "d)";
    }
    return "";
  }

  /** "readiness: not ready: tip 1924 slots behind ..." without the probe's prefix. */
  /** Leader-aware maintenance: the learned restart-to-forging time, the next leader slot, what waits for a window. */
  static List<String> maintenanceLines(MaintenanceStatus m, Instant at) {
    String next = m.nextLeaderSlot() == null ? "not known yet" : (m.nextLeaderSlot().isAfter(at)
        ? "in " + DurationText.format(Duration.between(at, m.nextLeaderSlot()).truncatedTo(ChronoUnit.SECONDS))
        + " (" + m.nextLeaderSlot().truncatedTo(ChronoUnit.SECONDS) + ")" : "now");
    List<String> lines = new ArrayList<>();
    lines.add("maintenance: " + m.node() + " back to forging in "
        + DurationText.format(m.expectedRestartToForging().truncatedTo(ChronoUnit.SECONDS)) + " after a restart ("
        + (m.learned() ? "learned from its last " + m.measuredRestarts() + " restarts" : "default until enough"
        + " restarts are measured, " + m.measuredRestarts() + " so far") + "), next leader slot " + next);
    m.waiting().forEach(w -> lines.add("  " + w));
    KesRotationPlan k = m.kesRotation();
    if (k != null) {
      StringBuilder kes = new StringBuilder("  KES rotation due by " + k.dueBy().truncatedTo(ChronoUnit.SECONDS)
          + " (the certificate expires " + k.expiresAt().truncatedTo(ChronoUnit.SECONDS) + ", " + k.periodsLeft()
          + " KES periods left); free windows: ");
      if (k.freeWindows().isEmpty()) {
        kes.append("none known before ").append(k.windowsKnownUntil().truncatedTo(ChronoUnit.SECONDS));
      }
      for (int i = 0; i < k.freeWindows().size(); i++) {
        KesRotationPlan.Window w = k.freeWindows().get(i);
        kes.append(i == 0 ? "" : ", ").append(w.opens().truncatedTo(ChronoUnit.SECONDS)).append(" to ")
            .append(w.closes().truncatedTo(ChronoUnit.SECONDS));
      }
      lines.add(kes.toString());
    }
    return lines;
  }

  private static String shortReason(String reason) {
    return reason.replaceFirst("^(readiness|liveness|state|startup): (not ready|failing|passed)?:? ?", "");
  }

  private static boolean producer(NodeStatus n) {
    return n.role() == NodeRole.BLOCK_PRODUCER;
  }

  /** One line, cut to the width unless verbose (the cut says so). */
  private void line(String text) {
    String t = text.stripTrailing();
    out.println(verbose || t.length() <= WIDTH ? t : t.substring(0, WIDTH - 3) + "...");
  }
}
