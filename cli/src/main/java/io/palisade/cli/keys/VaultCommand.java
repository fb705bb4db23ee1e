package io.palisade.cli.keys;

import picocli.CommandLine.Command;

/** {@code palisade keys vault}: the encrypted vault itself. */
@Command(
    name = "vault",
    mixinStandardHelpOptions = true,
    header = "Create, inspect, import into and (loudly) export from the encrypted key vault.",
    subcommands = {VaultInitCommand.class, VaultStatusCommand.class, VaultImportCommand.class,
        VaultExportCommand.class})
public final class VaultCommand {}
