package io.palisade.cli.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.JsonOption;
import io.palisade.control.slots.SlotVerdict;
import io.palisade.operator.k8s.StakePools;
import io.palisade.operator.model.SlotsView;
import io.palisade.operator.model.StakePool;
import io.palisade.operator.model.StakePoolStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code palisade k8s status POOL}: what the operator reports about a StakePool. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    header = "Show a StakePool's conditions, nodes, rollout, leader-aware maintenance, failed versions and the"
        + " current epoch's leader slots with their verdicts.",
    description = "Exit codes: 0 Ready, 1 not Ready (or no status yet), 4 the cluster or the pool cannot be reached.")
public final class K8sStatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KubeOptions kube;

  @Mixin JsonOption json;

  @Mixin PoolArgument target;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    String ns = target.namespace();
    String pool = target.name();
    StakePool p;
    try (KubernetesClient client = kube.client()) {
      p = new StakePools(client).get(ns, pool).orElseThrow(() -> new ExitException(ExitCodes.UNAVAILABLE,
          "no StakePool " + ns + "/" + pool));
    } catch (KubernetesClientException e) {
      throw new ExitException(ExitCodes.UNAVAILABLE, "cannot read the StakePool: " + e.getMessage(), e);
    }
    StakePoolStatus s = p.getStatus();
    json.print(out, s == null ? new StakePoolStatus() : s, () -> text(out, p));
    out.flush();
    boolean ready = s != null && s.conditions != null && s.conditions.stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    return ready ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  private static void text(PrintWriter out, StakePool p) {
    StakePoolStatus s = p.getStatus();
    out.println("StakePool " + p.getMetadata().getNamespace() + "/" + p.getMetadata().getName());
    if (s == null) {
      out.println("  no status yet: is 'palisade operator' running?");
      return;
    }
    out.println("  version " + s.poolVersion + (s.targetVersion != null && !s.targetVersion.equals(s.poolVersion)
        ? " (spec asks for " + s.targetVersion + ")" : ""));
    if (s.conditions != null) {
      for (Condition c : s.conditions) {
        out.println("  " + c.getType() + "=" + c.getStatus() + " " + c.getReason() + ": " + c.getMessage());
      }
    }
    if (s.specErrors != null) {
      s.specErrors.forEach(e -> out.println("  error: " + e));
    }
    if (s.nodes != null) {
      for (StakePoolStatus.NodeView n : s.nodes) {
        out.println("  " + n.name + "  " + n.phase + "  " + (Boolean.TRUE.equals(n.ready) ? "ready" : "not ready")
            + "  " + n.version + (n.podVersion != null && !n.podVersion.equals(n.version) ? " (pod runs "
            + n.podVersion + ")" : "") + (n.reason == null ? "" : "  " + n.reason));
      }
    }
    if (s.rollout != null) {
      out.println("  rollout " + s.rollout.from + " -> " + s.rollout.to + ": " + s.rollout.phase
          + (s.rollout.current == null ? "" : " " + s.rollout.current));
    }
    if (s.producer != null) {
      out.println("  producer lease: " + s.producer.holder + " (token " + s.producer.token + ", since "
          + s.producer.since + "), standby " + s.producer.standby + ": " + s.producer.phase + ", " + s.producer.reason);
    }
    StakePoolStatus.MaintenanceView m = s.maintenance;
    if (m != null) {
      out.println("  maintenance: block producer back to forging in " + m.expectedRestartToForging + " + "
          + m.margin + " after a restart (" + (Boolean.TRUE.equals(m.learned) ? "learned from "
          + (m.restartSamples == null ? 0 : m.restartSamples.size()) + " restarts" : "the default until 3 are"
          + " measured") + ")" + (m.nextLeaderSlot == null ? "" : ", next leader slot " + m.nextLeaderSlot.slot
          + " at " + m.nextLeaderSlot.at));
      out.println("    leader schedule: " + m.schedule);
      if (m.waiting != null) {
        m.waiting.forEach(w -> out.println("    " + w.action + " " + w.node + ": " + w.message));
      }
    }
    if (s.failedVersions != null) {
      s.failedVersions.forEach(f -> out.println("  failed version " + f.version + " on " + f.node + " at " + f.at
          + ": " + f.reason));
    }
    slots(out, s.slots);
  }

  /**
   * The slot ledger: the current epoch's summary line and each of its leader slots with its verdict and why (the
   * words {@code palisade slots} prints), then the previous epoch's line.
   */
  static void slots(PrintWriter out, SlotsView l) {
    if (l == null || l.epochs == null || l.epochs.isEmpty()) {
      return;
    }
    SlotsView.EpochView current = l.epochs.get(l.epochs.size() - 1);
    out.println("  slots: " + current.summary + (l.producer == null ? "" : " (" + l.producer + ")"));
    if (current.slots != null) {
      for (SlotsView.SlotView v : current.slots) {
        out.println(String.format("    %-12s %-22s %-34s %s", v.slot, v.at, words(v.verdict),
            v.because == null ? "" : v.because));
      }
    }
    for (SlotsView.EpochView e : l.epochs.subList(0, l.epochs.size() - 1)) {
      out.println("  previous: " + e.summary);
    }
  }

  private static String words(String verdict) {
    if (verdict == null) {
      return "to come";
    }
    try {
      return SlotVerdict.valueOf(verdict).words();
    } catch (IllegalArgumentException e) {
      return verdict.toLowerCase(java.util.Locale.ROOT);
    }
  }
}
