package io.palisade.keys.testing;

import io.palisade.keys.Argon2Kdf;
import io.palisade.keys.vault.Vault;
import io.palisade.keys.vault.VaultCredentials;
import java.nio.file.Path;
import java.time.Clock;

/** Vaults for tests: the Argon2id floor (8 MiB, 1 pass) so each unlock takes milliseconds, not seconds. */
public final class TestVaults {
  /** The passphrase tests use. */
  public static final String PASSPHRASE = "correct horse battery staple";

  private TestVaults() {}

  /** Cheap but valid KDF parameters. */
  public static Argon2Kdf cheapKdf() {
    return Argon2Kdf.fresh(Argon2Kdf.MIN_MEMORY_KIB, 1);
  }

  /** Creates a passphrase vault. */
  public static Vault create(Path dir, String network) {
    try (VaultCredentials c = VaultCredentials.passphrase(PASSPHRASE.toCharArray())) {
      return Vault.create(dir, network, c, cheapKdf(), Clock.systemUTC());
    }
  }

  /** Opens a passphrase vault. */
  public static Vault open(Path dir) {
    try (VaultCredentials c = VaultCredentials.passphrase(PASSPHRASE.toCharArray())) {
      return Vault.open(dir, c, Clock.systemUTC());
    }
  }
}
