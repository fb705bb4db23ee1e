package io.palisade.cli.keys;

import io.palisade.cli.ExitCodes;
import io.palisade.cli.ExitException;
import io.palisade.keys.vault.Vault;
import io.palisade.keys.vault.VaultCredentials;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import picocli.CommandLine.Option;

/** Where the vault is and what unlocks it; shared by every command that reads or writes the vault. */
public final class VaultOptions {
  @Option(names = "--vault", paramLabel = "DIR", defaultValue = "${env:PALISADE_VAULT}",
      description = "The vault directory (default: $PALISADE_VAULT).")
  Path vault;

  @Option(names = "--passphrase-file", paramLabel = "FILE",
      description = "File whose first line is the vault passphrase (else asked on the terminal).")
  Path passphraseFile;

  @Option(names = "--pkcs11-pin-file", paramLabel = "FILE",
      description = "File whose first line is the PKCS#11 token PIN: unlock with the token instead of the passphrase.")
  Path pinFile;

  @Option(names = "--pkcs11-library", paramLabel = "LIB",
      description = "PKCS#11 module (default: the one recorded in the vault; /usr/lib/softhsm/libsofthsm2.so for"
          + " SoftHSM2).")
  String library;

  @Option(names = "--pkcs11-slot-index", paramLabel = "N", defaultValue = "-1",
      description = "The token's index in the module's slot list (default: the one recorded in the vault, else 0).")
  int slotIndex;

  /** The vault directory. */
  Path dir() {
    if (vault == null) {
      throw new ExitException(ExitCodes.INVALID_INPUT, "no vault given: use --vault DIR or set PALISADE_VAULT");
    }
    return vault;
  }

  /** The credentials to open an existing vault: the token when a PIN file is given, else the passphrase. */
  VaultCredentials openCredentials() {
    if (pinFile != null) {
      char[] pin = Secrets.read(pinFile, "token PIN", "--pkcs11-pin-file", false);
      try {
        return VaultCredentials.pkcs11(new VaultCredentials.Pkcs11Settings(library, slotIndex), pin);
      } finally {
        Arrays.fill(pin, '\0');
      }
    }
    char[] pass = Secrets.read(passphraseFile, "vault passphrase", "--passphrase-file", false);
    try {
      return VaultCredentials.passphrase(pass);
    } finally {
      Arrays.fill(pass, '\0');
    }
  }

  /** Opens the vault. */
  Vault open() {
    Path dir = dir();
    try (VaultCredentials creds = openCredentials()) {
      return Vault.open(dir, creds, Clock.systemUTC());
    }
  }
}
