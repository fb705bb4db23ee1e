package io.palisade.cli.runtime;

import picocli.CommandLine.Command;

/** {@code palisade relay}: the pool's relays. */
@Command(
    name = "relay",
    mixinStandardHelpOptions = true,
    header = "Manage the relays of the pool (on this machine, or on Kubernetes with --kubernetes).",
    subcommands = {RelayAddCommand.class})
public final class RelayCommand {}
