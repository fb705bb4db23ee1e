package io.palisade.cli.spec;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.JsonOption;
import io.palisade.spec.InvalidPoolSpecException;
import io.palisade.spec.LoadedPoolSpec;
import io.palisade.spec.NodeRef;
import io.palisade.spec.PoolSpec;
import io.palisade.spec.PoolSpecLoader;
import io.palisade.spec.RelayGroupSpec;
import io.palisade.spec.binding.DurationText;
import io.palisade.spec.binding.Problems;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code palisade spec check FILE}: every problem with its line, or a short summary. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    header = "Check pool.yaml and summarise the pool it declares.",
    description = "Prints every error at once, each as FILE:LINE:COLUMN: error: FIELD: MESSAGE, and exits 2;"
        + " or prints a summary of the pool and exits 0.")
public final class SpecCheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Parameters(paramLabel = "FILE", description = "The pool spec, usually pool.yaml.")
  Path file;

  /**
   * The check's result for {@code --json}.
   *
   * @param file the file checked
   * @param valid whether it has no errors
   * @param summary the pool, when valid
   * @param problems errors and warnings
   */
  public record CheckResult(String file, boolean valid, Summary summary, List<ProblemOut> problems) {}

  /**
   * One finding for {@code --json}.
   *
   * @param severity error or warning
   * @param line line, 0 when unknown
   * @param column column, 0 when unknown
   * @param path field path
   * @param message what is wrong
   */
  public record ProblemOut(String severity, int line, int column, String path, String message) {
    static ProblemOut of(Problems.Problem p) {
      return new ProblemOut(p.severity().name().toLowerCase(java.util.Locale.ROOT), p.location().line(),
          p.location().column(), p.path(), p.message());
    }
  }

  /**
   * The pool at a glance.
   *
   * @param name pool name
   * @param network network
   * @param nodeVersion cardano-node version
   * @param image node image
   * @param blockProducer block producer node name
   * @param relays relays per region
   * @param nodes every node name
   * @param upgradeDeadlinePerNode deadline per node
   * @param upgradeHoldOff hold-off between nodes
   */
  public record Summary(
      String name,
      String network,
      String nodeVersion,
      String image,
      String blockProducer,
      List<RegionOut> relays,
      List<String> nodes,
      String upgradeDeadlinePerNode,
      String upgradeHoldOff) {}

  /**
   * Relays of one region.
   *
   * @param region region
   * @param count relays
   * @param publicAddress public address
   * @param port public port
   */
  public record RegionOut(String region, int count, String publicAddress, int port) {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      LoadedPoolSpec loaded = new PoolSpecLoader().load(file);
      Summary summary = summarise(loaded.spec());
      List<ProblemOut> warnings = loaded.warnings().stream().map(ProblemOut::of).toList();
      json.print(out, new CheckResult(file.toString(), true, summary, warnings), () -> {
        loaded.warnings().forEach(w -> err.println(InvalidPoolSpecException.line(file.toString(), w)));
        printSummary(out, summary);
      });
      err.flush();
      return ExitCodes.OK;
    } catch (InvalidPoolSpecException e) {
      json.print(out, new CheckResult(file.toString(), false, null,
          e.problems().stream().map(ProblemOut::of).toList()), () -> {
            err.println(e.getMessage());
            int errors = e.errors().size();
            err.println(errors + (errors == 1 ? " error" : " errors") + " in " + file);
          });
      err.flush();
      return ExitCodes.INVALID_INPUT;
    }
  }

  private static Summary summarise(PoolSpec s) {
    return new Summary(
        s.name(),
        s.network().toString(),
        s.node().version().toString(),
        s.node().image() == null ? null : s.node().image().toString(),
        s.blockProducer().name(),
        s.relays().stream().map(SpecCheckCommand::region).toList(),
        s.nodes().stream().map(NodeRef::name).toList(),
        DurationText.format(s.upgrade().deadlinePerNode()),
        DurationText.format(s.upgrade().holdOff()));
  }

  private static RegionOut region(RelayGroupSpec g) {
    return new RegionOut(g.region(), g.count(), g.publicAddress(), g.port());
  }

  private static void printSummary(PrintWriter out, Summary s) {
    out.printf("pool %s on %s: valid%n", s.name(), s.network());
    out.printf("  cardano-node  %s%s%n", s.nodeVersion(), s.image() == null ? "" : "  (" + s.image() + ")");
    out.printf("  producer      %s (private: reachable only from its relays)%n", s.blockProducer());
    int total = s.relays().stream().mapToInt(RegionOut::count).sum();
    out.printf("  relays        %d in %d region%s%n", total, s.relays().size(), s.relays().size() == 1 ? "" : "s");
    for (RegionOut r : s.relays()) {
      out.printf("    %-12s %d x  %s:%d%n", r.region(), r.count(), r.publicAddress(), r.port());
    }
    out.printf("  upgrades      one node at a time, %s deadline each, %s hold-off%n",
        s.upgradeDeadlinePerNode(), s.upgradeHoldOff());
    out.flush();
  }
}
