package io.palisade.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code --verbose}, inherited by every subcommand: stack traces on errors, more progress. */
public final class VerboseOption {
  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Show stack traces and more detail.")
  boolean verbose;
}
