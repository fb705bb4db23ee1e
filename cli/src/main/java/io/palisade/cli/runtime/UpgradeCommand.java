package io.palisade.cli.runtime;

import io.palisade.cli.DataDirOption;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.JsonOption;
import io.palisade.control.RolloutRecord;
import io.palisade.control.api.PoolStatus;
import io.palisade.runtime.plane.ControlPlaneClient;
import io.palisade.spec.NodeVersion;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade upgrade --version V}: a rolling upgrade with automatic rollback. */
@Command(
    name = "upgrade",
    header = "Roll the pool on this machine to another cardano-node version, one node at a time.",
    description = {"Relays region by region, the block producer last. Each node must be ready on the new version"
        + " within upgrade.deadlinePerNode, then stay ready for upgrade.holdOff. A node that misses it is rolled back,"
        + " the rollout stops, and the version is marked failed: it is never retried automatically (--retry does).",
        "The block producer is never left without a ready relay: a step that would do that waits.",
        "Refused before any node is touched: a version older than every configuration Palisade ships for the"
            + " pool's network (as 'palisade render' refuses it), and a version older than the pool runs unless"
            + " --allow-downgrade.",
        "Exit codes: 0 accepted (with --wait: rolled out), 1 with --wait: rolled back, 3 refused."})
public final class UpgradeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataDirOption dataDir;

  @Mixin JsonOption json;

  // Not mixinStandardHelpOptions: its -V/--version would clash with the node version below, and picocli then
  // demanded --version even for --help.
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--version", required = true, paramLabel = "VERSION", description = "The cardano-node version.")
  String version;

  @Option(names = "--retry", description = "Try a version that failed before.")
  boolean retry;

  @Option(names = "--allow-downgrade", description = "Allow a version older than the one the pool runs.")
  boolean allowDowngrade;

  @Option(names = "--wait", description = "Follow the rollout until it ends: its events, and every few seconds the"
      + " node it waits for (state, slots behind, time so far).")
  boolean await;

  @Override
  public Integer call() throws InterruptedException {
    try {
      NodeVersion.parse(version);
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "--version " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    ControlPlaneClient client = ControlPlaneAccess.connect(dataDir.root(), spec.commandLine().getErr());
    try {
      RolloutWatch watch = await ? RolloutWatch.from(client) : null;
      int before = client.status().history().size();
      int code = ControlPlaneAccess.report(client.upgrade(version, retry, allowDowngrade), json.enabled(), out);
      if (code != ExitCodes.OK || !await) {
        return code;
      }
      PoolStatus s = watch.until(st -> st.rollout() == null && st.history().size() > before,
          st -> WaitProgress.rollout(st, Instant.now()), Duration.ofDays(1), spec.commandLine().getErr());
      RolloutRecord last = s.history().get(s.history().size() - 1);
      if (!json.enabled()) {
        out.println("rollout " + last.from() + " -> " + last.to() + ": " + last.outcome() + " (" + last.message()
            + ")");
        out.flush();
      }
      return last.outcome() == RolloutRecord.Outcome.SUCCEEDED ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    } catch (ControlPlaneClient.UnavailableException e) {
      throw ControlPlaneAccess.unavailable(e);
    }
  }
}
