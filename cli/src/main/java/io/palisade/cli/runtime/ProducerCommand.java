package io.palisade.cli.runtime;

import picocli.CommandLine.Command;

/** {@code palisade producer}: the block producer and its standby, and which of them forges. */
@Command(
    name = "producer",
    mixinStandardHelpOptions = true,
    header = "Show which block producer forges, or move forging to the standby (a pool with blockProducer.standby).",
    subcommands = {ProducerStatusCommand.class, ProducerSwitchoverCommand.class})
public final class ProducerCommand {}
