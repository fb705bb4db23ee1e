package io.palisade.cli.shell;

import io.palisade.cli.ExitCodes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code palisade completion}: the bash and zsh completion script, generated from the command tree itself. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    header = "Print the shell completion script for bash and zsh (commands, options, enum values, files).",
    description = {"Load it in the current shell:", "  source <(palisade completion)",
        "or for good: add that line to ~/.bashrc or ~/.zshrc (zsh loads bash completion through bashcompinit, which"
            + " the script turns on itself).",
        "The script completes the 'palisade' command; it is generated from the same command tree as --help, so it"
            + " never lists a command or option that does not exist."})
public final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.print(AutoComplete.bash("palisade", spec.root().commandLine()));
    out.flush();
    return ExitCodes.OK;
  }
}
