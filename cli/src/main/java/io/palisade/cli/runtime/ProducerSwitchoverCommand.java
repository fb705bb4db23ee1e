package io.palisade.cli.runtime;

import io.palisade.cli.DataDirOption;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.JsonOption;
import io.palisade.control.api.PoolStatus;
import io.palisade.control.api.ProducerStatus;
import io.palisade.runtime.plane.ControlPlaneClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade producer switchover}: moves forging to the standby in the next free window. */
@Command(
    name = "switchover",
    mixinStandardHelpOptions = true,
    header = "Move forging to the standby block producer, in the next free window between the leader slots.",
    description = {"The active producer's credentials are removed and it gets SIGHUP; once its forging_enabled reads"
        + " 0 (or it is gone), the standby gets the lease with the next fencing token and the credentials. Upgrade a"
        + " producer without losing a leader slot: upgrade the standby, switch over, upgrade the former active one.",
        "With --wait, follows it until the other producer forges, with a line every few seconds.",
        "Exit 0 accepted (with --wait: the other producer forges), 1 with --wait: it was called off, 3 refused (no"
            + " standby, the standby not synced, a move already in progress), 4 no control plane."})
public final class ProducerSwitchoverCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataDirOption dataDir;

  @Mixin JsonOption json;

  @Option(names = "--wait", description = "Follow the switchover until the other producer forges (or it is called"
      + " off).")
  boolean await;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    ControlPlaneClient client = ControlPlaneAccess.connect(dataDir.root(), spec.commandLine().getErr());
    try {
      RolloutWatch watch = await ? RolloutWatch.from(client) : null;
      ControlPlaneClient.Answer answer = client.switchover();
      int code = ControlPlaneAccess.report(answer, json.enabled(), out);
      if (code != ExitCodes.OK || !await) {
        return code;
      }
      String target = answer.result().node();
      PoolStatus s = watch.until(st -> done(st.producer(), target),
          st -> Optional.ofNullable(st.producer()).map(ProducerStatus::status), Duration.ofDays(1),
          spec.commandLine().getErr());
      ProducerStatus p = s.producer();
      boolean moved = p != null && p.holder().equals(target) && ProducerStatusCommand.exactlyTheHolderForges(p);
      if (!json.enabled()) {
        out.println(moved ? target + " forges (fencing token " + p.token() + ")"
            : "the switchover was called off: " + (p == null ? "see 'palisade status'" : p.status()));
        out.flush();
      }
      return moved ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    } catch (ControlPlaneClient.UnavailableException e) {
      throw ControlPlaneAccess.unavailable(e);
    }
  }

  /** The target forges alone, or the switchover is no longer asked for nor moving (called off). */
  private static boolean done(ProducerStatus p, String target) {
    if (p == null) {
      return true;
    }
    if (p.holder().equals(target)) {
      return ProducerStatusCommand.exactlyTheHolderForges(p);
    }
    return p.handover() == null && p.switchoverRequestedAt() == null;
  }
}
