package io.palisade.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/** {@code --verbose}, inherited by every subcommand: stack traces on errors, more progress. */
public final class VerboseOption {
  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Show stack traces and more detail.")
  boolean verbose;

  /**
   * Whether {@code --verbose} was given anywhere on the command line ({@code palisade -v status} or
   * {@code palisade status -v}).
   *
   * @param spec the running command's spec
   * @return whether it was given
   */
  public static boolean given(CommandSpec spec) {
    return given(spec.root().commandLine().getParseResult());
  }

  static boolean given(ParseResult parseResult) {
    ParseResult p = parseResult;
    while (p != null) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
      p = p.subcommand();
    }
    return false;
  }
}
