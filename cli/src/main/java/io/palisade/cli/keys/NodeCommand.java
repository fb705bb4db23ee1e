package io.palisade.cli.keys;

import picocli.CommandLine.Command;

/** {@code palisade keys node}: the cardano-cli {@code node} key commands. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    header = "Cold, KES and VRF key generation and operational certificates, as cardano-cli node.",
    subcommands = {KeyGenCommand.class, KeyGenKesCommand.class, KeyGenVrfCommand.class, IssueOpCertCommand.class,
        NewCounterCommand.class})
public final class NodeCommand {}
