package io.palisade.cli.keys;

import io.palisade.keys.SigningKey;
import io.palisade.keys.vault.Vault;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a signing key is: {@code vault:NAME} (a key in the vault) or a path to a plaintext cardano-cli file. Reading a
 * plaintext file works (for keys not imported yet) but warns; writing one needs an explicit, loud flag.
 *
 * @param vaultName the name in the vault, when it is a vault reference
 * @param file the file, when it is a path
 */
record KeyRef(Optional<String> vaultName, Optional<Path> file) {
  static final String PREFIX = "vault:";

  /** Parses a flag value. */
  static KeyRef parse(String text) {
    return text.startsWith(PREFIX)
        ? new KeyRef(Optional.of(text.substring(PREFIX.length())), Optional.empty())
        : new KeyRef(Optional.empty(), Optional.of(Path.of(text)));
  }

  boolean inVault() {
    return vaultName.isPresent();
  }

  /** Loads the key; the caller closes it. */
  SigningKey load(VaultOptions vaultOptions, PrintWriter err) {
    if (inVault()) {
      try (Vault v = vaultOptions.open()) {
        return v.get(vaultName.get());
      }
    }
    err.println("palisade: warning: reading a plaintext signing key from " + file.get() + "; import it with"
        + " 'palisade keys vault import' and shred the file");
    return SigningKey.read(file.get());
  }

  @Override
  public String toString() {
    return vaultName.map(n -> PREFIX + n).orElseGet(() -> file.orElseThrow().toString());
  }
}
