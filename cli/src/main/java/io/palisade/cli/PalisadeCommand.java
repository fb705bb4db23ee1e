package io.palisade.cli;

import io.palisade.cli.agent.AgentCommand;
import io.palisade.cli.chain.ChainCommand;
import io.palisade.cli.console.AuditLogCommand;
import io.palisade.cli.console.ConsoleCommand;
import io.palisade.cli.deploy.AuditCommand;
import io.palisade.cli.deploy.PrepareNodeCommand;
import io.palisade.cli.deploy.RenderCommand;
import io.palisade.cli.keys.KeysCommand;
import io.palisade.cli.leader.LeaderScheduleCommand;
import io.palisade.cli.operator.K8sCommand;
import io.palisade.cli.operator.OperatorCommand;
import io.palisade.cli.runtime.DownCommand;
import io.palisade.cli.runtime.ProducerCommand;
import io.palisade.cli.runtime.RelayCommand;
import io.palisade.cli.runtime.RestartCommand;
import io.palisade.cli.runtime.SimnodeCommand;
import io.palisade.cli.runtime.SlotsCommand;
import io.palisade.cli.runtime.StatusCommand;
import io.palisade.cli.runtime.UpCommand;
import io.palisade.cli.runtime.UpgradeCommand;
import io.palisade.cli.shell.CompletionCommand;
import io.palisade.cli.spec.SpecCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The root of the {@code palisade} command tree. */
@Command(
    name = "palisade",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Uptime and security for Cardano stake pools.",
    description = "One pool.yaml declares a pool; palisade checks it, keeps its keys offline, renders its deployment,"
        + " runs and heals its nodes, and guards every change behind the admin console.",
    subcommands = {SpecCommand.class, ChainCommand.class, KeysCommand.class, RenderCommand.class, AuditCommand.class,
        PrepareNodeCommand.class, AgentCommand.class, ConsoleCommand.class, AuditLogCommand.class, UpCommand.class,
        StatusCommand.class, UpgradeCommand.class, RelayCommand.class, ProducerCommand.class, RestartCommand.class,
        DownCommand.class, SimnodeCommand.class, OperatorCommand.class, K8sCommand.class, LeaderScheduleCommand.class,
        SlotsCommand.class, CompletionCommand.class},
    footer = {"", "Run 'palisade COMMAND --help' for a command's options."})
public final class PalisadeCommand implements Runnable {
  @Mixin VerboseOption verbose;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The same root with the agent's commands only: what {@code palisade agent ...} runs (see {@link Main}). */
  @Command(
      name = "palisade",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      header = "Uptime and security for Cardano stake pools.",
      subcommands = {AgentCommand.class},
      footer = {"", "Run 'palisade --help' for every command."})
  public static final class AgentOnly implements Runnable {
    @Mixin VerboseOption verbose;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }
}
