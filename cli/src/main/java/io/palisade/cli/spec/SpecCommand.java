package io.palisade.cli.spec;

import picocli.CommandLine.Command;

/** {@code palisade spec}: check pool.yaml and print its schema. */
@Command(
    name = "spec",
    mixinStandardHelpOptions = true,
    header = "Check a pool spec (pool.yaml) or print its JSON schema.",
    subcommands = {SpecCheckCommand.class, SpecSchemaCommand.class})
public final class SpecCommand {}
