package io.palisade.cli.keys;

import picocli.CommandLine.Command;

/** {@code palisade keys}: the offline cold-key vault and its cardano-cli-compatible commands. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    header = "Cold keys, KES keys, operational certificates, the encrypted vault, backups and rotation.",
    description = {"Run on the offline (air-gapped) machine, except rotation-request and bundle, which run online.",
        "Signing keys are named vault:NAME (kept encrypted in the vault) or by a plaintext cardano-cli file path.",
        "See docs/keys.md for the key ceremony and the rotation workflow."},
    subcommands = {NodeCommand.class, VerificationKeyCommand.class, PoolIdCommand.class, VerifyOpCertCommand.class,
        VaultCommand.class, BackupCommand.class, RotationRequestCommand.class, RotateCommand.class,
        BundleCommand.class, DemoCommand.class})
public final class KeysCommand {}
