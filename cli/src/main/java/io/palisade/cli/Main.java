package io.palisade.cli;

import io.palisade.cli.help.PalisadeHelp;
import io.palisade.keys.PoolId;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point of the {@code palisade} command. */
public final class Main {
  private Main() {}

  /**
   * Runs the command line and exits with its code.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(out, err, args));
  }

  /**
   * Runs the command line with the given streams; what tests call.
   *
   * @param out standard output
   * @param err standard error
   * @param args command-line arguments
   * @return the exit code
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    LibraryLogging.quiet();
    CommandLine cli = args.length > 0 && args[0].equals("agent") ? agentCommandLine() : commandLine();
    cli.setOut(out);
    cli.setErr(err);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The configured command tree. */
  public static CommandLine commandLine() {
    CommandLine cli = configure(new CommandLine(new PalisadeCommand()));
    // Only the whole tree: the agent sidecar's jar carries neither the keys module nor the help package.
    cli.setHelpFactory(PalisadeHelp.FACTORY);
    cli.registerConverter(PoolId.class, new PoolIdConverter());
    return cli;
  }

  /**
   * {@code palisade agent ...} alone: the command tree of the agent sidecar, without the rest of palisade's commands.
   * The agent runs beside every node for months; building the whole tree would load (and keep) the classes and static
   * state of some sixty commands it never runs. The arguments mean exactly what they mean under the whole tree
   * ({@code RenderedCommandLinesTest} and {@code AgentCommandTest} parse them both ways).
   */
  public static CommandLine agentCommandLine() {
    return configure(new CommandLine(new PalisadeCommand.AgentOnly()));
  }

  private static CommandLine configure(CommandLine cli) {
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setExitCodeExceptionMapper(t -> t instanceof ExitException e
        ? e.code()
        : t instanceof CommandLine.ParameterException ? ExitCodes.INVALID_INPUT : ExitCodes.SOFTWARE);
    cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n");
    cli.getCommandSpec().usageMessage().exitCodeList(CommandLine.Model.UsageMessageSpec.keyValuesMap(ExitCodes.HELP_LIST));
    return cli;
  }
}
