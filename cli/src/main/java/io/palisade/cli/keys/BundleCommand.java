package io.palisade.cli.keys;

import picocli.CommandLine.Command;

/** {@code palisade keys bundle}: ONLINE side of the hot-key bundle. */
@Command(
    name = "bundle",
    mixinStandardHelpOptions = true,
    header = "ONLINE: inspect or open a hot-key bundle made by 'palisade keys rotate'.",
    subcommands = {BundleInspectCommand.class, BundleOpenCommand.class})
public final class BundleCommand {}
