package io.palisade.cli.console;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code palisade audit-log}: checks the console's hash-chained audit log and exports its head. */
@Command(
    name = "audit-log",
    mixinStandardHelpOptions = true,
    header = "Verify the console's audit log, or export a checkpoint of its head.",
    subcommands = {AuditLogVerifyCommand.class, AuditLogCheckpointCommand.class})
public final class AuditLogCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
