package io.palisade.cli.keys;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.keys.vault.Vault;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade keys vault export}: the one way a secret leaves the vault unencrypted. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    header = "DANGER: write a vault key as a PLAINTEXT cardano-cli signing key file (mode 0600).",
    description = "Needs --i-understand-this-writes-a-plaintext-secret. Use it only to move a key to a tool that"
        + " cannot read the vault, on the offline machine, and shred the file afterwards.")
public final class VaultExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin VaultOptions vault;

  @Option(names = "--name", required = true, paramLabel = "NAME")
  String name;

  @Option(names = "--out-file", required = true, paramLabel = "FILE")
  Path out;

  @Option(names = "--i-understand-this-writes-a-plaintext-secret",
      description = "Required: confirms you want an unencrypted signing key on disk.")
  boolean understood;

  @Override
  public Integer call() throws Exception {
    return KeysFailures.run(() -> {
      if (!understood) {
        throw new ExitException(ExitCodes.REFUSED, "export writes an UNENCRYPTED signing key; add"
            + " --i-understand-this-writes-a-plaintext-secret if you really mean it (nothing written)");
      }
      OutputFiles.refuseExisting(new OutputFiles.Target("--out-file", out));
      try (Vault v = vault.open()) {
        v.exportPlaintext(name, out);
      }
      spec.commandLine().getErr().println("palisade: WARNING: " + out + " now holds vault:" + name
          + " UNENCRYPTED. Anyone who reads it controls the key. Shred it as soon as it has served.");
      return ExitCodes.OK;
    });
  }
}
