package io.palisade.cli.keys;

import io.palisade.cli.ExitCodes;
import io.palisade.keys.EnvelopeType;
import io.palisade.keys.vault.Shredder;
import io.palisade.keys.vault.Vault;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palisade keys vault import}: an existing cardano-cli signing key into the vault. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    header = "Import a cardano-cli signing key file (cold, VRF or KES) into the vault, then offer to shred it.",
    description = "Name the pool's cold key \"cold\" and its VRF key \"vrf\": rotate and backup look for them.")
public final class VaultImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin VaultOptions vault;

  @Option(names = "--signing-key-file", required = true, paramLabel = "FILE")
  Path file;

  @Option(names = "--name", required = true, paramLabel = "NAME", description = "Its name in the vault (cold, vrf...).")
  String name;

  @Option(names = "--shred", description = "Shred the plaintext file after a successful import, without asking.")
  boolean shred;

  @Override
  public Integer call() throws Exception {
    return KeysFailures.run(() -> {
      PrintWriter out = spec.commandLine().getOut();
      EnvelopeType type;
      try (Vault v = vault.open()) {
        type = v.importFile(name, file, false);
      }
      out.println("imported " + type.type() + " from " + file + " as vault:" + name);
      if (shred || Secrets.confirm("Shred the plaintext file " + file + " now?")) {
        Shredder.shred(file);
        out.println("shredded " + file + " (overwritten, synced, deleted; on SSDs and journaling file systems copies"
            + " may survive: treat the old disk as sensitive)");
      } else {
        spec.commandLine().getErr().println("palisade: the plaintext " + file + " is still on disk: shred it"
            + " (palisade keys vault import ... --shred, or shred -u) once you have checked the import");
      }
      return ExitCodes.OK;
    });
  }
}
