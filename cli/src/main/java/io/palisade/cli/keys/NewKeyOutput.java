package io.palisade.cli.keys;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.spec.AtomicFile;
import io.palisade.keys.SigningKey;
import io.palisade.keys.TextEnvelope;
import io.palisade.keys.vault.Vault;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where a key-gen command puts the new signing key: into the vault ({@code vault:NAME}, the default) or, only with
 * {@code --export-plaintext-signing-key}, a plaintext cardano-cli file.
 */
public final class NewKeyOutput {
  @Mixin VaultOptions vault;

  @Mixin OutputFiles files;

  @Option(names = "--export-plaintext-signing-key",
      description = "DANGER: allow writing the signing key to a plaintext file instead of the vault.")
  boolean plaintext;

  /**
   * Refuses, before a key is generated, to overwrite an existing file: the plaintext signing key file (when {@code
   * ref} is one) and the other files the command writes.
   *
   * @param ref where the signing key goes
   * @param refFlag the option that named it
   * @param others the command's other files
   */
  void claim(KeyRef ref, String refFlag, OutputFiles.Target... others) {
    OutputFiles.Target[] all = Arrays.copyOf(others, others.length + 1);
    all[others.length] = ref.file().map(f -> new OutputFiles.Target(refFlag, f)).orElse(null);
    files.claim(all);
  }

  /**
   * Stores {@code key} where {@code ref} says, refusing a plaintext file without the loud flag.
   *
   * @throws IOException if the plaintext file cannot be written
   */
  void store(KeyRef ref, SigningKey key, PrintWriter err) throws IOException {
    if (ref.inVault()) {
      try (Vault v = vault.open()) {
        v.put(ref.vaultName().get(), key, false);
      }
      return;
    }
    Path file = ref.file().orElseThrow();
    if (!plaintext) {
      throw new ExitException(ExitCodes.REFUSED, "refusing to write a plaintext signing key to " + file
          + ": use vault:NAME to keep it in the vault, or add --export-plaintext-signing-key if you really mean it");
    }
    err.println("palisade: WARNING: writing an UNENCRYPTED signing key to " + file + " (mode 0600)."
        + " Anyone who reads this file controls the key. Shred it once it is where it must be.");
    TextEnvelope env = key.toEnvelope();
    byte[] bytes = env.toBytes();
    try {
      AtomicFile.write(file, bytes, true);
    } finally {
      env.wipe();
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
