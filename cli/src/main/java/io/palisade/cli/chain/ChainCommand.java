package io.palisade.cli.chain;

import picocli.CommandLine.Command;

/** {@code palisade chain}: time on the chain. */
@Command(
    name = "chain",
    mixinStandardHelpOptions = true,
    header = "Slots, epochs and KES periods of a network.",
    subcommands = {ChainNowCommand.class})
public final class ChainCommand {}
