package io.palisade.cli.runtime;

import io.palisade.cli.DataDirOption;
import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.cli.JsonOption;
import io.palisade.control.api.PoolStatus;
import io.palisade.control.api.ProducerStatus;
import io.palisade.runtime.plane.ControlPlaneClient;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code palisade producer status}: which producer holds the lease and forges, since when, its fencing token. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    header = "Show which block producer holds the producer lease (and forges), since when, and its fencing token.",
    description = {"Each producer's forging_enabled as the control plane last read it, and a failover or switchover"
        + " in progress or waiting for its window. --json prints the lease as the control plane's status has it.",
        "Exit 0 the lease holder forges and the standby does not, 1 otherwise (a move in progress, the holder not"
            + " forging, or the pool has no standby), 4 no control plane."})
public final class ProducerStatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataDirOption dataDir;

  @Mixin JsonOption json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ControlPlaneClient client = ControlPlaneAccess.connect(dataDir.root(), spec.commandLine().getErr());
    PoolStatus s;
    try {
      s = client.status();
    } catch (ControlPlaneClient.UnavailableException e) {
      throw ControlPlaneAccess.unavailable(e);
    }
    ProducerStatus p = s.producer();
    if (p == null) {
      if (json.enabled()) {
        out.println("null");
        out.flush();
        return ExitCodes.CHECK_FAILED;
      }
      throw new ExitException(ExitCodes.CHECK_FAILED, "pool " + s.pool() + " has no standby block producer"
          + " (blockProducer.standby in pool.yaml); its block producer is the only one");
    }
    if (json.enabled()) {
      out.println(RuntimeJson.write(p));
    } else {
      out.println(text(p));
    }
    out.flush();
    return exactlyTheHolderForges(p) ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
  }

  /** Whether the holder's forging_enabled reads 1, the standby's 0, and nothing is moving. */
  static boolean exactlyTheHolderForges(ProducerStatus p) {
    return p.handover() == null && Boolean.TRUE.equals(p.forgingEnabled().get(p.holder()))
        && Boolean.FALSE.equals(p.forgingEnabled().get(p.standby()));
  }

  /** The human form, one fact a line. */
  static String text(ProducerStatus p) {
    StringBuilder sb = new StringBuilder();
    sb.append(p.status()).append('\n');
    sb.append("  lease:   ").append(p.holder()).append(", fencing token ").append(p.token()).append(", since ")
        .append(p.since().truncatedTo(ChronoUnit.SECONDS)).append('\n');
    sb.append("  standby: ").append(p.standby() == null ? "none" : p.standby()).append('\n');
    sb.append("  forging_enabled: ").append(reading(p, p.holder())).append(" on ").append(p.holder());
    if (p.standby() != null) {
      sb.append(", ").append(reading(p, p.standby())).append(" on ").append(p.standby());
    }
    if (p.handover() != null) {
      sb.append('\n').append("  in progress: ").append(p.handover());
    }
    if (p.switchoverRequestedAt() != null) {
      sb.append('\n').append("  switchover asked for at ").append(p.switchoverRequestedAt()
          .truncatedTo(ChronoUnit.SECONDS)).append(", waiting for a free window");
    }
    return sb.toString();
  }

  private static String reading(ProducerStatus p, String node) {
    Boolean b = p.forgingEnabled().get(node);
    return b == null ? "unknown" : b ? "1" : "0";
  }
}
